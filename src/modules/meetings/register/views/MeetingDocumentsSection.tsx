/**
 * The documents of a meeting on its page (management/ shows the page; this section is the
 * register's): the list in symbol order with the six-language availability grid, its filters (a
 * GET form on the meeting's page) and the ZIP of every published document in one language.
 */
import type { DbOrTx } from '../../../../core/db/client.js';
import { type Locale, LOCALES, type Localized } from '../../../../core/i18n/locales.js';
import type { MaybeActor } from '../../../../core/permissions/index.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import { countryName } from '../../../reference/queries.js';
import { DOCUMENT_KINDS, SOURCE_KINDS } from '../../tables.js';
import { type DocumentRow, findAgendaItems, findMeetingDocuments, findMeetingKey } from '../queries.js';
import { DocumentsTable } from './parts.js';

export type MeetingDocumentsFilters = { kind?: string; source?: string; item?: string };
export type MeetingDocumentsData = {
  meetingId: number;
  /** The meeting's group code and number, for the ZIP links. */
  groupCode: string;
  meetingNumber: number;
  rows: DocumentRow[];
  agendaItems: { id: number; number: string; title: Localized }[];
  /** Member States among the meeting's documents' sources (the source filter offers them). */
  countries: string[];
  /** Languages with at least one published file (a ZIP link each). */
  zipLanguages: Locale[];
  filters: MeetingDocumentsFilters;
};

/**
 * The section's data: the meeting's documents the actor may see (the caller has checked the
 * meeting itself is visible to the actor), filtered, in symbol order.
 */
export const loadMeetingDocumentsSection = async (
  db: DbOrTx,
  { meetingId, actor, filters }: { meetingId: number; locale: Locale; actor: MaybeActor; filters: MeetingDocumentsFilters },
): Promise<MeetingDocumentsData> => {
  const filtered = Boolean(filters.kind || filters.source || filters.item);
  const [meeting, all, rows, items] = await Promise.all([
    findMeetingKey(db, meetingId),
    findMeetingDocuments(db, { meetingId, actor, meetingChecked: true }),
    // Unfiltered, the list is the whole: read once.
    filtered ? findMeetingDocuments(db, { meetingId, actor, filters, meetingChecked: true }) : null,
    findAgendaItems(db, meetingId),
  ]);
  const published = all.filter((d) => d.status === 'published');
  return {
    meetingId,
    groupCode: meeting?.groupCode ?? '',
    meetingNumber: meeting?.number ?? 0,
    rows: rows ?? all,
    agendaItems: items,
    countries: [...new Set(all.map((d) => d.sourceCountry).filter((c): c is string => !!c))].sort(),
    zipLanguages: LOCALES.filter((l) => published.some((d) => d.files.some((f) => f.locale === l))),
    filters,
  };
};

/** `basePath`: the meeting page's path in the reader's language ('/fr/meetings/CWG-WSIS%26SDG/41'), where the filter form goes. */
export const MeetingDocumentsSection = ({ view, data, basePath }: { view: ViewContext; data: MeetingDocumentsData; basePath: string }) => {
  const { t } = view;
  const f = data.filters;
  const zipBase = view.href(`/meetings/${encodeURIComponent(data.groupCode)}/${data.meetingNumber}/documents.zip`);
  return (
    <section aria-labelledby="meeting-documents-title">
      <h2 id="meeting-documents-title">{t('meetings.register.list.title')}</h2>
      <form method="get" action={basePath} class="filters">
        <div class="field">
          <label for="documents-kind">{t('meetings.register.fields.kind')}</label>
          <select id="documents-kind" name="kind">
            <option value="">{t('meetings.register.filters.any_kind')}</option>
            {DOCUMENT_KINDS.map((k) => (
              <option value={k} selected={f.kind === k}>
                {t(`meetings.register.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="documents-source">{t('meetings.register.fields.source')}</label>
          <select id="documents-source" name="source">
            <option value="">{t('meetings.register.filters.any_source')}</option>
            {SOURCE_KINDS.map((k) => (
              <option value={k} selected={f.source === k}>
                {t(`meetings.register.source.${k}`)}
              </option>
            ))}
            {data.countries.map((c) => (
              <option value={`country:${c}`} selected={f.source === `country:${c}`}>
                {countryName(c, view.locale)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="documents-item">{t('meetings.register.fields.agenda_item')}</label>
          <select id="documents-item" name="item">
            <option value="">{t('meetings.register.filters.any_item')}</option>
            {data.agendaItems.map((i) => (
              <option value={String(i.id)} selected={f.item === String(i.id)}>
                {`${i.number} ${view.localize(i.title)}`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t('meetings.register.filters.apply')}
        </button>
      </form>
      <DocumentsTable view={view} rows={data.rows} caption={t('meetings.register.list.caption', { count: data.rows.length })} />
      {data.zipLanguages.length > 0 && (
        <>
          <h3>{t('meetings.register.list.zip_title')}</h3>
          <ul class="link-list">
            {data.zipLanguages.map((l) => (
              <li>
                <a href={`${zipBase}?lang=${l}`}>{t('meetings.register.list.zip', { language: languageName(view, l) })}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
};

/** Pieces shared by the register's pages: the source of a document, its status, and the six-language availability grid. */
import { LOCALES } from '../../../../core/i18n/locales.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { LocalizedText, languageName } from '../../../../core/views/LocalizedText.js';
import { countryName } from '../../../reference/queries.js';
import type { DocumentRow } from '../queries.js';
import { ScrollRegion } from '../../../../core/views/components.js';

export const documentHref = (view: ViewContext, symbol: string) => view.href(`/documents/${encodeURIComponent(symbol)}`);
export const downloadHref = (view: ViewContext, symbol: string, locale: string) => view.href(`/documents/${encodeURIComponent(symbol)}/${locale}`);

/** Who a document comes from: a Member State by name in the reader's language, else the name given, else the kind of source. */
export const sourceLabel = (view: ViewContext, d: Pick<DocumentRow, 'sourceKind' | 'sourceCountry' | 'sourceName'>) =>
  d.sourceKind === 'member-state' && d.sourceCountry ? countryName(d.sourceCountry, view.locale) : d.sourceName || view.t(`meetings.register.source.${d.sourceKind}`);

export const StatusMark = ({ view, d }: { view: ViewContext; d: Pick<DocumentRow, 'status' | 'late'> }) => (
  <>
    {d.status === 'withdrawn' ? <strong class="status status-withdrawn">{view.t('meetings.register.status.withdrawn')}</strong> : view.t(`meetings.register.status.${d.status}`)}
    {d.late && (
      <>
        {' '}
        <span class="status status-late">{view.t('meetings.register.late')}</span>
      </>
    )}
  </>
);

/**
 * The documents as a table: symbol, title, source, agenda item, status, then one column per
 * language saying in words whether that version exists (a link to download it when it does).
 */
export const DocumentsTable = ({
  view,
  rows,
  caption,
  showMeeting,
}: {
  view: ViewContext;
  rows: (DocumentRow & { meetingGroupCode?: string; meetingNumber?: number })[];
  caption: string;
  showMeeting?: boolean;
}) => {
  const { t } = view;
  if (rows.length === 0) return <p class="empty">{t('meetings.register.list.empty')}</p>;
  return (
    <ScrollRegion label={caption}>
      <table class="documents-grid">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('meetings.register.fields.symbol')}</th>
            <th scope="col">{t('meetings.register.fields.title')}</th>
            <th scope="col">{t('meetings.register.fields.source')}</th>
            {showMeeting ? <th scope="col">{t('meetings.register.fields.meeting')}</th> : <th scope="col">{t('meetings.register.fields.agenda_item')}</th>}
            <th scope="col">{t('meetings.register.fields.status')}</th>
            {LOCALES.map((l) => (
              <th scope="col">{languageName(view, l)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr>
              <th scope="row">{d.symbol ? <a href={documentHref(view, d.symbol)}>{d.symbol}</a> : t('meetings.register.no_symbol')}</th>
              <td>
                <LocalizedText view={view} value={d.title} translations={{}} />
              </td>
              <td>{sourceLabel(view, d)}</td>
              <td>{showMeeting ? `${d.meetingGroupCode ?? ''}-${d.meetingNumber ?? ''}` : (d.agendaItemNumber ?? '')}</td>
              <td>
                <StatusMark view={view} d={d} />
              </td>
              {LOCALES.map((l) => {
                const file = d.files.find((f) => f.locale === l);
                const language = languageName(view, l);
                return (
                  <td class="availability">
                    {file && d.symbol ? (
                      <a href={downloadHref(view, d.symbol, l)} aria-label={t('meetings.register.grid.download', { language, symbol: d.symbol })}>
                        {t('meetings.register.grid.available')}
                      </a>
                    ) : file ? (
                      t('meetings.register.grid.available')
                    ) : (
                      <span class="unavailable">{t('meetings.register.grid.unavailable')}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
};

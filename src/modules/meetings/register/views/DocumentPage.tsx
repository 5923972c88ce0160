import { LOCALES } from '../../../../core/i18n/locales.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { LocalizedText, languageName } from '../../../../core/views/LocalizedText.js';
import type { DocumentDetail } from '../queries.js';
import { documentHref, downloadHref, StatusMark, sourceLabel } from './parts.js';
import { ScrollRegion } from '../../../../core/views/components.js';

const kilobytes = (view: ViewContext, size: number) => view.fmt.number(Math.max(1, Math.round(size / 1024)), { style: 'unit', unit: 'kilobyte' });

/** A document by its symbol: what it is, where it comes from, its language versions to download, its history. */
export const DocumentPage = ({ view, doc, canManage }: { view: ViewContext; doc: DocumentDetail; canManage: boolean }) => {
  const { t } = view;
  const symbol = doc.symbol ?? t('meetings.register.no_symbol');
  const title = view.localize(doc.title);
  const meetingHref = view.href(`/meetings/${encodeURIComponent(doc.meeting.groupCode)}/${doc.meeting.number}`);
  return (
    <Layout view={view} title={`${symbol} · ${title}`}>
      <p class="breadcrumb">
        <a href={meetingHref}>{view.localize(doc.meeting.title) || `${doc.meeting.groupCode}-${doc.meeting.number}`}</a>
      </p>
      <p class="document-symbol">{symbol}</p>
      <h1>
        <LocalizedText view={view} value={doc.title} translations={{}} />
      </h1>
      {doc.status === 'withdrawn' && (
        <div class="notice notice-warning" role="note">
          <p>
            <strong>{t('meetings.register.page.withdrawn_notice', { symbol })}</strong>
          </p>
          {doc.statusNote && (
            <p dir="auto">
              {t('meetings.register.page.withdrawn_note')} {doc.statusNote}
            </p>
          )}
        </div>
      )}
      <dl class="facts">
        <dt>{t('meetings.register.fields.symbol')}</dt>
        <dd>{symbol}</dd>
        <dt>{t('meetings.register.fields.kind')}</dt>
        <dd>{t(`meetings.register.kind.${doc.kind}`)}</dd>
        <dt>{t('meetings.register.fields.source')}</dt>
        <dd>{sourceLabel(view, doc)}</dd>
        {doc.agendaItemNumber && (
          <>
            <dt>{t('meetings.register.fields.agenda_item')}</dt>
            <dd>
              {doc.agendaItemNumber} <LocalizedText view={view} value={doc.agendaItemTitle ?? {}} translations={{}} />
            </dd>
          </>
        )}
        <dt>{t('meetings.register.fields.date')}</dt>
        <dd>
          <time datetime={doc.documentDate}>{view.fmt.date(doc.documentDate, { dateStyle: 'long' })}</time>
        </dd>
        <dt>{t('meetings.register.fields.original_language')}</dt>
        <dd>{languageName(view, doc.originalLanguage)}</dd>
        <dt>{t('meetings.register.fields.status')}</dt>
        <dd>
          <StatusMark view={view} d={doc} />
        </dd>
      </dl>

      <h2>{t('meetings.register.page.languages')}</h2>
      <ScrollRegion label={t('meetings.register.page.languages')}>
        <table>
          <caption>{t('meetings.register.page.languages_caption', { symbol })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.register.fields.language')}</th>
              <th scope="col">{t('meetings.register.page.file')}</th>
              <th scope="col">{t('meetings.register.page.uploaded')}</th>
            </tr>
          </thead>
          <tbody>
            {LOCALES.map((l) => {
              const file = doc.files.find((f) => f.locale === l);
              return (
                <tr>
                  <th scope="row">{languageName(view, l)}</th>
                  <td>
                    {file && doc.symbol ? (
                      <a href={downloadHref(view, doc.symbol, l)}>{t('meetings.register.page.download', { size: kilobytes(view, file.size) })}</a>
                    ) : file ? (
                      t('meetings.register.grid.available')
                    ) : (
                      t('meetings.register.grid.unavailable')
                    )}
                  </td>
                  <td>{file ? view.fmt.dateTime(file.uploadedAt) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>

      <h2>{t('meetings.register.page.history')}</h2>
      <ul class="history">
        {doc.registeredAt && (
          <li>
            {doc.registeredByName
              ? t('meetings.register.page.registered_by', { name: doc.registeredByName, date: view.fmt.dateTime(doc.registeredAt) })
              : t('meetings.register.page.registered_on', { date: view.fmt.dateTime(doc.registeredAt) })}
          </li>
        )}
        {doc.publishedAt && <li>{t('meetings.register.page.published_on', { date: view.fmt.dateTime(doc.publishedAt) })}</li>}
        {doc.withdrawnAt && <li>{t('meetings.register.page.withdrawn_on', { date: view.fmt.dateTime(doc.withdrawnAt) })}</li>}
        {doc.versions.map((v) => (
          <li>
            {v.replacedAt
              ? t('meetings.register.page.version_replaced', {
                  language: languageName(view, v.locale),
                  date: view.fmt.dateTime(v.uploadedAt),
                  replaced: view.fmt.dateTime(v.replacedAt),
                })
              : t('meetings.register.page.version_current', { language: languageName(view, v.locale), date: view.fmt.dateTime(v.uploadedAt) })}
          </li>
        ))}
      </ul>
      {doc.base?.symbol && (
        <p>
          {t('meetings.register.page.amends')} <a href={documentHref(view, doc.base.symbol)}>{doc.base.symbol}</a>
        </p>
      )}
      {doc.amendments.length > 0 && (
        <>
          <h2>{t('meetings.register.page.amendments')}</h2>
          <ul>
            {doc.amendments.map((a) => (
              <li>
                {a.symbol ? <a href={documentHref(view, a.symbol)}>{a.symbol}</a> : t('meetings.register.no_symbol')}{' '}
                {a.status === 'withdrawn' && <strong>{t('meetings.register.status.withdrawn')}</strong>}
              </li>
            ))}
          </ul>
        </>
      )}
      {canManage && (
        <p>
          <a href={view.href(`/admin${`/meetings/${encodeURIComponent(doc.meeting.groupCode)}/${doc.meeting.number}`}/documents`)}>{t('meetings.register.page.manage')}</a>
        </p>
      )}
    </Layout>
  );
};

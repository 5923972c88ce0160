import { DOCUMENT_KINDS, SOURCE_KINDS } from '../../tables.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { Pagination } from '../../../../core/views/components.js';
import type { DocumentSearchInput } from '../inputs.js';
import type { DocumentSearchPage as Results, RegisterMeeting } from '../queries.js';
import { DocumentsTable } from './parts.js';

/** The register's search: words of titles in any language or a symbol, with meeting, kind and source filters (a GET form, no script). */
export const DocumentSearchPage = ({ view, search, results, meetings }: { view: ViewContext; search: DocumentSearchInput; results: Results; meetings: RegisterMeeting[] }) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('meetings.register.search.title')} wide>
      <h1>{t('meetings.register.search.title')}</h1>
      <form method="get" action={view.href('/documents')} class="filters" role="search">
        <div class="field">
          <label for="document-q">{t('meetings.register.search.q')}</label>
          <input id="document-q" type="search" name="q" value={search.q ?? ''} maxLength={200} aria-describedby="document-q-hint" />
          <p class="hint" id="document-q-hint">
            {t('meetings.register.search.q_hint')}
          </p>
        </div>
        <div class="field">
          <label for="document-meeting">{t('meetings.register.fields.meeting')}</label>
          <select id="document-meeting" name="meeting">
            <option value="">{t('meetings.register.filters.any_meeting')}</option>
            {meetings.map((m) => {
              const key = `${m.groupCode}-${m.number}`;
              return (
                <option value={key} selected={search.meeting === key}>
                  {key}
                </option>
              );
            })}
          </select>
        </div>
        <div class="field">
          <label for="document-kind">{t('meetings.register.fields.kind')}</label>
          <select id="document-kind" name="kind">
            <option value="">{t('meetings.register.filters.any_kind')}</option>
            {DOCUMENT_KINDS.map((k) => (
              <option value={k} selected={search.kind === k}>
                {t(`meetings.register.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="document-source">{t('meetings.register.fields.source')}</label>
          <select id="document-source" name="source">
            <option value="">{t('meetings.register.filters.any_source')}</option>
            {SOURCE_KINDS.map((k) => (
              <option value={k} selected={search.source === k}>
                {t(`meetings.register.source.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t('meetings.register.search.submit')}
        </button>
      </form>
      <p role="status">
        {results.totalIsCapped ? t('meetings.register.search.count_capped', { count: results.total }) : t('meetings.register.search.count', { count: results.total })}
      </p>
      <DocumentsTable view={view} rows={results.items} caption={t('meetings.register.search.caption')} showMeeting />
      <Pagination
        view={view}
        page={results.page}
        pageSize={results.pageSize}
        total={results.total}
        baseHref={view.href('/documents')}
        query={{ q: search.q, meeting: search.meeting, kind: search.kind, source: search.source }}
      />
    </Layout>
  );
};

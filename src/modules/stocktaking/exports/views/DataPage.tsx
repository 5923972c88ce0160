import type { Localized } from '../../../../core/i18n/locales.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { Table } from '../../../../core/views/components.js';
import { COLUMN_GROUPS } from '../columns.js';

export const LICENCE_URL = 'https://creativecommons.org/licenses/by/4.0/';

export type DataPageProps = {
  view: ViewContext;
  /** The query string of the current search (filters, q, sort), without `?`; empty for all entries. */
  search: string;
  actionLines: { code: string; short: Localized }[];
};

const FORMATS = [
  { key: 'csv', path: '/api/v1/entries.csv' },
  { key: 'xlsx', path: '/api/v1/entries.xlsx' },
  { key: 'jsonl', path: '/api/v1/entries.jsonl' },
  { key: 'iati', path: '/api/v1/entries.iati.xml' },
  { key: 'atom', path: '/api/v1/entries.atom' },
] as const;

/**
 * Reading the CSV with every column as text (program code, the same in every language): pandas
 * and R would read Namibia's code NA as a missing value and target 8.10 as the number 8.1.
 */
export const READ_AS_TEXT = {
  python: 'pandas.read_csv("wsis-stocktaking.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")',
  r: 'readr::read_csv("wsis-stocktaking.csv", col_types = readr::cols(.default = "c"), na = character())',
} as const;

/** Public: the licence, the download links (keeping the current search) and every column described. */
export const DataPage = ({ view, search, actionLines }: DataPageProps) => {
  const { t } = view;
  const query = (extra: string) => `?${[search, extra].filter(Boolean).join('&')}`;
  return (
    <Layout view={view} title={t('stocktaking.exports.title')}>
      <h1>{t('stocktaking.exports.title')}</h1>
      <p class="lead">{t('stocktaking.exports.lead')}</p>
      <p>
        <a href={view.href('/stocktaking/statistics')}>{t('stocktaking.statistics.link')}</a>
      </p>

      <h2>{t('stocktaking.exports.downloads_title')}</h2>
      <p>
        {search ? t('stocktaking.exports.downloads_filtered') : t('stocktaking.exports.downloads_all')}{' '}
        {search && <a href={`${view.href('/stocktaking')}?${search}`}>{t('stocktaking.exports.back_to_search')}</a>}
      </p>
      <ul class="download-list">
        {FORMATS.map((f) => (
          <li>
            <a href={`${f.path}${query(`lang=${view.locale}`)}`}>{t(`stocktaking.exports.formats.${f.key}`)}</a> — {t(`stocktaking.exports.formats.${f.key}_hint`)}
          </li>
        ))}
      </ul>
      <p>{t('stocktaking.exports.api_note')}</p>

      <h2 id="reading">{t('stocktaking.exports.reading_title')}</h2>
      <p>{t('stocktaking.exports.reading_lead')}</p>
      <ul>
        <li>{t('stocktaking.exports.reading_excel')}</li>
        <li>
          {t('stocktaking.exports.reading_python')} <code dir="ltr">{READ_AS_TEXT.python}</code>
        </li>
        <li>
          {t('stocktaking.exports.reading_r')} <code dir="ltr">{READ_AS_TEXT.r}</code>
        </li>
      </ul>
      <p>
        {t('stocktaking.exports.reading_xlsx')} <a href={`/api/v1/entries.xlsx${query(`lang=${view.locale}`)}`}>{t('stocktaking.exports.formats.xlsx')}</a>
      </p>

      <h2>{t('stocktaking.exports.licence_title')}</h2>
      <p>{t('stocktaking.exports.licence_text')}</p>
      <p>
        <a href={LICENCE_URL} rel="license">
          {t('stocktaking.exports.licence_link')}
        </a>
      </p>

      <h2 id="columns">{t('stocktaking.exports.columns_title')}</h2>
      <p>{t('stocktaking.exports.columns_lead')}</p>
      <Table
        caption={t('stocktaking.exports.columns_caption')}
        empty=""
        rows={[...COLUMN_GROUPS]}
        columns={[
          { header: t('stocktaking.exports.column_header'), cell: (c) => <code dir="ltr">{c.columns}</code> },
          { header: t('stocktaking.exports.meaning_header'), cell: (c) => t(`stocktaking.exports.columns.${c.key}`) },
          { header: t('stocktaking.exports.imported_header'), cell: (c) => (c.imported ? t('stocktaking.exports.imported_yes') : t('stocktaking.exports.imported_no')) },
        ]}
      />
      <ul>
        <li>{t('stocktaking.exports.note_lists')}</li>
        <li>{t('stocktaking.exports.note_formulas')}</li>
        <li>{t('stocktaking.exports.note_encoding')}</li>
        <li>{t('stocktaking.exports.note_iati')}</li>
      </ul>

      <h2>{t('stocktaking.exports.import_title')}</h2>
      <p>{t('stocktaking.exports.import_text')}</p>

      <h2 id="action-lines">{t('stocktaking.exports.action_lines_title')}</h2>
      <Table
        caption={t('stocktaking.exports.action_lines_caption')}
        empty=""
        rows={actionLines}
        columns={[
          { header: t('stocktaking.exports.code_header'), cell: (l) => <code dir="ltr">{l.code}</code> },
          { header: t('stocktaking.exports.name_header'), cell: (l) => view.localize(l.short) },
        ]}
      />
    </Layout>
  );
};

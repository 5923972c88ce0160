import { LocalTime, Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import type { CurrentFile, OwnContribution } from '../queries.js';
import { meetingCode, meetingPath, sourceText } from './labels.js';

const StatusText = ({ view, c }: { view: ViewContext; c: Pick<OwnContribution, 'status' | 'symbol' | 'late'> }) => (
  <>
    {view.t(`meetings.contributions.status.${c.status}`)}
    {c.symbol && (
      <>
        {' — '}
        <span dir="ltr">{c.symbol}</span>
      </>
    )}
    {c.late && <> ({view.t('meetings.contributions.status.late')})</>}
  </>
);

/** The receipt of one contribution (and later its status and symbol), for its submitter. */
export const ReceiptPage = ({ view, contribution, files, late }: { view: ViewContext; contribution: OwnContribution; files: CurrentFile[]; late: boolean }) => {
  const { t } = view;
  const c = contribution;
  const title = view.localizeWithLocale(c.title);
  return (
    <Layout view={view} title={t('meetings.contributions.receipt.title')}>
      <p class="breadcrumb">
        <a href={view.href('/meetings/my-contributions')}>{t('meetings.contributions.mine.title')}</a>
      </p>
      <h1>{t('meetings.contributions.receipt.title')}</h1>
      <dl class="details">
        <dt>{t('meetings.contributions.receipt.document_title')}</dt>
        <dd>
          <span lang={title.locale === view.locale ? undefined : title.locale} dir="auto">
            {title.text}
          </span>
        </dd>
        <dt>{t('meetings.contributions.receipt.meeting')}</dt>
        <dd>
          <a href={view.href(meetingPath(c))} dir="ltr">
            {meetingCode(c)}
          </a>
        </dd>
        <dt>{t('meetings.contributions.receipt.source')}</dt>
        <dd dir="auto">{sourceText(view, c)}</dd>
        <dt>{t('meetings.contributions.receipt.submitted_at')}</dt>
        <dd>
          <LocalTime view={view} value={c.submittedAt} />
        </dd>
        <dt>{t('meetings.contributions.receipt.status')}</dt>
        <dd>
          <StatusText view={view} c={c} />
        </dd>
        {c.status === 'rejected' && c.statusNote && (
          <>
            <dt>{t('meetings.contributions.receipt.reason')}</dt>
            <dd dir="auto">{c.statusNote}</dd>
          </>
        )}
        <dt>{t('meetings.contributions.receipt.files')}</dt>
        <dd>
          <ul>
            {files.map((f) => (
              <li>
                {languageName(view, f.locale)}
                {t('core.text.colon')}
                <span dir="auto">{f.fileName}</span>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {late && c.status === 'submitted' && <p class="notice notice-warning">{t('meetings.contributions.receipt.late')}</p>}
    </Layout>
  );
};

/** "My contributions": what the person submitted, with each one's status and symbol. */
export const MyContributionsPage = ({ view, rows }: { view: ViewContext; rows: OwnContribution[] }) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('meetings.contributions.mine.title')}>
      <h1>{t('meetings.contributions.mine.title')}</h1>
      <Table
        caption={t('meetings.contributions.mine.caption')}
        empty={t('meetings.contributions.mine.empty')}
        rows={rows}
        columns={[
          {
            header: t('meetings.contributions.receipt.document_title'),
            rowHeader: true,
            cell: (c) => (
              <a href={view.href(`/meetings/my-contributions/${c.id}`)} dir="auto">
                {view.localize(c.title)}
              </a>
            ),
          },
          { header: t('meetings.contributions.receipt.meeting'), cell: (c) => <span dir="ltr">{meetingCode(c)}</span> },
          { header: t('meetings.contributions.receipt.submitted_at'), cell: (c) => <LocalTime view={view} value={c.submittedAt} /> },
          { header: t('meetings.contributions.receipt.status'), cell: (c) => <StatusText view={view} c={c} /> },
        ]}
      />
    </Layout>
  );
};

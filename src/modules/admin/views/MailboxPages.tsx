import { Pagination, PostButton, Table } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import type { mailOutbox } from '../../../core/mail/tables.js';

type Mail = typeof mailOutbox.$inferSelect;
/**
 * A message's status in words. Without SMTP a waiting message is not waiting for anything: it is
 * kept here and will not be sent, and the page says so plainly.
 */
export const mailStatusLabel = (view: ViewContext, status: string, smtpConfigured: boolean) =>
  status === 'pending' && !smtpConfigured ? view.t('admin.mailbox.statuses.unsent_no_smtp') : view.t(`admin.mailbox.statuses.${status}`);

type MailRow = Pick<Mail, 'id' | 'to' | 'subject' | 'locale' | 'status' | 'attempts' | 'createdAt' | 'sentAt' | 'lastError'>;

export const MailboxPage = ({
  view,
  items,
  total,
  q,
  page,
  pageSize,
  smtpConfigured,
}: {
  view: ViewContext;
  items: MailRow[];
  total: number;
  q: string;
  page: number;
  pageSize: number;
  smtpConfigured: boolean;
}) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('admin.mailbox.title')} wide>
      <h1>{t('admin.mailbox.title')}</h1>
      <p>{smtpConfigured ? t('admin.mailbox.smtp_on') : t('admin.mailbox.smtp_off')}</p>
      <form method="get" action={view.href('/admin/mailbox')} class="search-form" role="search">
        <label for="mail-q">{t('admin.mailbox.search')}</label>
        <input id="mail-q" type="search" name="q" value={q} />
        <button type="submit" class="button">
          {t('admin.audit.filter')}
        </button>
      </form>
      <Table
        caption={t('admin.mailbox.title')}
        empty={t('admin.mailbox.empty')}
        rows={items}
        columns={[
          { header: t('admin.mailbox.created'), cell: (m) => view.fmt.dateTime(m.createdAt) },
          { header: t('admin.mailbox.to'), cell: (m) => <span dir="ltr">{m.to}</span> },
          {
            header: t('admin.mailbox.subject'),
            cell: (m) => (
              <a href={view.href(`/admin/mailbox/${m.id}`)} lang={m.locale}>
                {m.subject}
              </a>
            ),
          },
          { header: t('admin.mailbox.status'), cell: (m) => mailStatusLabel(view, m.status, smtpConfigured) },
          { header: t('admin.mailbox.attempts'), cell: (m) => view.fmt.number(m.attempts), numeric: true },
        ]}
      />
      <Pagination view={view} page={page} pageSize={pageSize} total={total} baseHref={view.href('/admin/mailbox')} query={{ q }} />
      <PostButton view={view} action={view.href('/admin/mailbox/retry')} label={t('admin.mailbox.retry')} variant="secondary" />
    </Layout>
  );
};

export const MailPage = ({ view, mail, smtpConfigured }: { view: ViewContext; mail: Mail; smtpConfigured: boolean }) => {
  const { t } = view;
  return (
    <Layout view={view} title={mail.subject}>
      <h1 lang={mail.locale}>{mail.subject}</h1>
      <dl class="facts">
        <dt>{t('admin.mailbox.to')}</dt>
        <dd dir="ltr">{mail.to}</dd>
        <dt>{t('admin.mailbox.status')}</dt>
        <dd>{mailStatusLabel(view, mail.status, smtpConfigured)}</dd>
        <dt>{t('admin.mailbox.created')}</dt>
        <dd>{view.fmt.dateTime(mail.createdAt)}</dd>
        {mail.lastError && (
          <>
            <dt>{t('admin.mailbox.last_error')}</dt>
            <dd>{mail.lastError}</dd>
          </>
        )}
      </dl>
      <h2>{t('admin.mailbox.body')}</h2>
      <pre class="mail-body" lang={mail.locale} dir="auto">
        {mail.text}
      </pre>
      <p>
        <a href={view.href('/admin/mailbox')}>{t('admin.mailbox.back')}</a>
      </p>
    </Layout>
  );
};

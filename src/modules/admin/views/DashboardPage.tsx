import { mailStatusLabel } from './MailboxPages.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';

export const DashboardPage = ({ view, mailCounts, smtpConfigured }: { view: ViewContext; mailCounts: { status: string; n: number }[]; smtpConfigured: boolean }) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('admin.dashboard.title')}>
      <h1>{t('admin.dashboard.title')}</h1>
      {view.databaseKind === 'pglite' && <p class="notice">{t('admin.dashboard.embedded_warning')}</p>}
      <nav aria-labelledby="admin-sections">
        <h2 id="admin-sections">{t('admin.dashboard.sections')}</h2>
        <ul class="card-grid">
          {view.adminNav
            .filter((item) => item.href !== view.href('/admin'))
            .map((item) => (
              <li class="card">
                <a href={item.href}>{item.label}</a>
              </li>
            ))}
        </ul>
      </nav>
      <h2>{t('admin.dashboard.mail')}</h2>
      <p>{smtpConfigured ? t('admin.mailbox.smtp_on') : t('admin.mailbox.smtp_off')}</p>
      <ul>
        {mailCounts.map((c) => (
          <li>
            {mailStatusLabel(view, c.status, smtpConfigured)}
            {t('core.text.colon')}
            {view.fmt.number(c.n)}
          </li>
        ))}
      </ul>
    </Layout>
  );
};

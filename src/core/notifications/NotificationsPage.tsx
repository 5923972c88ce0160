import { LocalTime, Pagination, PostButton } from '../views/components.js';
import type { ViewContext } from '../views/context.js';
import { Layout } from '../views/Layout.js';

export type NotificationItem = { id: number; text: string; link: string | null; createdAt: Date; unread: boolean };

/** The signed-in person's notifications, newest first; unread ones marked (in words, not only in colour). */
export const NotificationsPage = ({
  view,
  items,
  total,
  unread,
  page,
  pageSize,
}: {
  view: ViewContext;
  items: NotificationItem[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('core.notifications.title')}>
      <h1>{t('core.notifications.title')}</h1>
      <p class="lead">{total === 0 ? t('core.notifications.empty') : t('core.notifications.summary', { total, unread })}</p>
      {unread > 0 && <PostButton view={view} action={view.href('/notifications/read-all')} label={t('core.notifications.mark_all_read')} variant="secondary" />}
      {items.length > 0 && (
        <ol class="notification-list">
          {items.map((n) => (
            <li class={n.unread ? 'unread' : undefined}>
              <span class="notification-text">
                {n.unread && <span class="notification-state">{t('core.notifications.unread')}</span>}
                {n.link ? <a href={view.href(`/notifications/${n.id}/open`)}>{n.text}</a> : n.text}
              </span>
              <LocalTime view={view} value={n.createdAt} />
              {n.unread && <PostButton view={view} action={view.href(`/notifications/${n.id}/read`)} label={t('core.notifications.mark_read')} variant="secondary" />}
            </li>
          ))}
        </ol>
      )}
      <Pagination view={view} page={page} pageSize={pageSize} total={total} baseHref={view.href('/notifications')} />
      <p>
        <a href={view.href('/account#notifications-heading')}>{t('core.notifications.settings_link')}</a>
      </p>
    </Layout>
  );
};

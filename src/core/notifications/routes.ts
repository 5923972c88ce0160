/**
 * The signed-in person's notifications: the list (GET /:locale/notifications), opening one (marks it
 * read, then goes to the work), marking one or all read. Registered by src/app.ts under /:locale.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pathId } from '../http/params.js';
import { notFound } from '../http/problems.js';
import { type Actor, Forbidden, isSignedIn } from '../permissions/index.js';
import { NotificationsPage } from './NotificationsPage.js';
import { findNotifications, markAllNotificationsRead, markNotificationRead, notificationEventsOf, notificationText } from './queries.js';

const PAGE_SIZE = 30;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1) });

const signedIn = (req: FastifyRequest): Actor => {
  if (!isSignedIn(req.actor)) throw new Forbidden('core.notifications.view', false);
  return req.actor;
};

export const notificationRoutes: FastifyPluginAsync = async (app) => {
  const { database, modules } = app.platform;
  const db = database.db;
  const events = notificationEventsOf(modules);

  app.get('/notifications', async (req, reply) => {
    const actor = signedIn(req);
    const { page } = pageQuery.parse(req.query ?? {});
    const found = await findNotifications(db, { userId: actor.id, page, pageSize: PAGE_SIZE });
    const items = found.items.map((n) => ({ id: n.id, text: notificationText(events, n, req.locale), link: n.link, createdAt: n.createdAt, unread: n.readAt === null }));
    return reply.page(NotificationsPage({ view: req.view(reply), items, total: found.total, unread: found.unread, page, pageSize: PAGE_SIZE }));
  });

  // A link of the list: marks the notification read, then shows the work.
  app.get('/notifications/:id/open', async (req, reply) => {
    const actor = signedIn(req);
    const link = await markNotificationRead(db, { userId: actor.id, id: pathId((req.params as { id: string }).id) });
    if (link === undefined) throw notFound();
    return reply.seeOther(`/${req.locale}${link ?? '/notifications'}`);
  });

  app.post('/notifications/:id/read', async (req, reply) => {
    const actor = signedIn(req);
    const link = await markNotificationRead(db, { userId: actor.id, id: pathId((req.params as { id: string }).id) });
    if (link === undefined) throw notFound();
    return reply.flash('notice', req.t('core.notifications.marked_read')).seeOther(`/${req.locale}/notifications`);
  });

  app.post('/notifications/read-all', async (req, reply) => {
    const actor = signedIn(req);
    const count = await markAllNotificationsRead(db, actor.id);
    return reply.flash('notice', req.t('core.notifications.marked_all_read', { count })).seeOther(`/${req.locale}/notifications`);
  });
};

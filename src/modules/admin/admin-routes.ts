import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../core/http/problems.js';
import { type Actor, authorize } from '../../core/permissions/index.js';
import { retryFailedMail } from './commands/retry-failed-mail.js';
import { retryJob } from './commands/retry-job.js';
import { countJobsByName, countMailByStatus, findAuditActions, findAuditEntries, findJobFailures, findMail, getMail, PAGE_SIZE } from './queries.js';
import { AuditLogPage } from './views/AuditLogPage.js';
import { DashboardPage } from './views/DashboardPage.js';
import { JobsPage } from './views/JobsPage.js';
import { MailboxPage, MailPage } from './views/MailboxPages.js';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(v)));
const auditQuery = z.object({
  action: z.string().trim().max(100).catch(''),
  actor: z.string().trim().max(200).catch(''),
  subjectType: z.string().trim().max(50).catch(''),
  subjectId: z.string().trim().max(50).catch(''),
  from: date.or(z.literal('')).catch(''),
  to: date.or(z.literal('')).catch(''),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});
const mailQuery = z.object({ q: z.string().trim().max(200).catch(''), page: z.coerce.number().int().min(1).max(100000).catch(1) });

const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Back office: dashboard, audit log, development mailbox, background jobs. */
export const adminRoutes: FastifyPluginAsync = async (app) => {
  const { database, config } = app.platform;
  const db = database.db;

  app.get('/', async (req, reply) => {
    authorize(req.actor, 'admin.dashboard.view');
    return reply.page(DashboardPage({ view: req.view(reply), mailCounts: await countMailByStatus(db), smtpConfigured: Boolean(config.smtpUrl) }));
  });

  app.get('/audit', async (req, reply) => {
    authorize(req.actor, 'admin.audit.view');
    const filter = auditQuery.parse(req.query ?? {});
    const result = await findAuditEntries(db, { ...filter, from: filter.from || undefined, to: filter.to || undefined });
    return reply.page(AuditLogPage({ view: req.view(reply), ...result, filter, actions: await findAuditActions(db), pageSize: PAGE_SIZE }));
  });

  app.get('/mailbox', async (req, reply) => {
    authorize(req.actor, 'admin.mailbox.view');
    const { q, page } = mailQuery.parse(req.query ?? {});
    const result = await findMail(db, { q, page });
    return reply.page(MailboxPage({ view: req.view(reply), ...result, q, page, pageSize: PAGE_SIZE, smtpConfigured: Boolean(config.smtpUrl) }));
  });

  app.get('/mailbox/:id', async (req, reply) => {
    authorize(req.actor, 'admin.mailbox.view');
    const id = z.coerce
      .number()
      .int()
      .positive()
      .max(Number.MAX_SAFE_INTEGER)
      .safeParse((req.params as { id: string }).id);
    if (!id.success) throw notFound();
    return reply.page(MailPage({ view: req.view(reply), mail: await getMail(db, id.data), smtpConfigured: Boolean(config.smtpUrl) }));
  });

  app.post('/mailbox/retry', async (req, reply) => {
    authorize(req.actor, 'admin.mailbox.retry');
    const result = await retryFailedMail(db, { actor: req.actor as Actor });
    return reply.flash('notice', req.t('admin.mailbox.retried', { count: result.count })).seeOther(`/${req.locale}/admin/mailbox`);
  });

  app.get('/jobs', async (req, reply) => {
    authorize(req.actor, 'admin.jobs.view');
    return reply.page(JobsPage({ view: req.view(reply), counts: await countJobsByName(db), failures: await findJobFailures(db) }));
  });

  app.post('/jobs/:id/retry', async (req, reply) => {
    authorize(req.actor, 'admin.jobs.retry');
    const id = idParam.safeParse((req.params as { id: string }).id);
    if (!id.success) throw notFound();
    const result = await retryJob(db, { actor: req.actor as Actor, id: id.data });
    return reply
      .flash(result.ok ? 'notice' : 'warning', req.t(result.ok ? 'admin.jobs.retried' : 'admin.jobs.not_failed', { name: result.name }))
      .seeOther(`/${req.locale}/admin/jobs`);
  });
};

/**
 * The platform's background work on the job runner: the core's own jobs (e-mail delivery,
 * notifications by e-mail, digests, reminders, purges) and the modules' `jobs` contributions,
 * and the one timer loop per process that schedules the periodic ones and runs what is due.
 */
import { purgeExpiredSessions } from '../auth/sessions.js';
import { contributions } from '../contributions.js';
import type { Db } from '../db/client.js';
import { maintainTables } from '../db/maintenance.js';
import { purgeExpiredRateLimits } from '../http/rate-limit.js';
import { deliverDueMail, type MailTransport } from '../mail/outbox.js';
import type { PlatformModule } from '../module.js';
import type { FileStore } from '../storage/files.js';
import { mailImmediateNotifications, sendNotificationDigests } from '../notifications/deliver.js';
import { sendDueNotifications } from '../notifications/notify.js';
import { JOB_BATCH, JOB_CONCURRENCY } from './pace.js';
import { type JobHandler, type PeriodicJob, purgeDoneJobs, runDueJobs, schedulePeriodicJobs } from './runner.js';

/**
 * How often the tables are looked at for autovacuum's work (core/db/maintenance.ts): autovacuum
 * looks every minute, but on PGlite a VACUUM holds the only backend while it runs, so less often.
 */
export const MAINTENANCE_EVERY_MS = 600_000;

/** Done jobs are kept this long (the admin page's counts), then purged; failed ones for 30 days. */
export const DONE_JOBS_KEPT_DAYS = 2;

type Log = { error: (fields: object, msg: string) => void };

/** The name of a module's job on the runner: `<module>.<name>` (what `enqueueJob` takes). */
export const moduleJobName = (module: string, name: string) => `${module}.${name}`;

/**
 * Every job this platform runs: handlers by name, and the periodic ones with their period.
 * E-mail delivery only with a mail transport (SMTP configured); without it mail stays in the outbox.
 */
export const platformJobs = ({
  modules,
  baseUrl,
  mail,
  files = null,
}: {
  modules: readonly PlatformModule[];
  baseUrl: string;
  mail?: { transport: MailTransport; from: string };
  /** The file store, handed to the modules' jobs (a report build keeps its files there). */
  files?: FileStore | null;
}) => {
  const handlers = new Map<string, JobHandler>();
  const periodic: PeriodicJob[] = [];
  const add = (name: string, run: JobHandler, everyMs?: number, maxAttempts?: number) => {
    if (handlers.has(name)) throw new Error(`two jobs are named ${name}`);
    handlers.set(name, run);
    if (everyMs) periodic.push({ name, everyMs, maxAttempts });
  };
  // Each message is claimed (SKIP LOCKED, then leased) by deliverDueMail: runs side by side send nothing twice.
  if (mail) add('core.mail-delivery', (db) => deliverDueMail(db, mail), 5000);
  add('core.notification-mailing', (db) => mailImmediateNotifications(db, { modules, baseUrl }), 5000);
  // The digests: the hourly run sends each person's first digest of the (UTC) day.
  add('core.notification-digests', (db, { now }) => sendNotificationDigests(db, { modules, baseUrl, now }), 3600_000);
  // Reminders (a scoring deadline coming), each once per person and key.
  add('core.notification-reminders', (db, { now }) => sendDueNotifications(db, { modules, now }), 3600_000);
  add('core.purge-sessions', (db) => purgeExpiredSessions(db), 3600_000);
  // Expired counters (two per voter in a campaign: address and account).
  add('core.purge-rate-limits', (db) => purgeExpiredRateLimits(db), 600_000);
  add('core.purge-jobs', (db, { now }) => purgeDoneJobs(db, { now, olderThanDays: DONE_JOBS_KEPT_DAYS }), 3600_000);
  // Autovacuum's work where none runs (PGlite; a server with autovacuum off): statistics for the
  // planner, the space of rewritten rows reused. Nothing where an autovacuum launcher runs.
  add('core.maintenance', (db) => maintainTables(db), MAINTENANCE_EVERY_MS);
  for (const { module, contribution: job } of contributions(modules, 'jobs')) {
    add(moduleJobName(module, job.name), (db, context) => job.run(db, { ...context, modules, files }), job.everyMs, job.maxAttempts);
  }
  return { handlers, periodic };
};

/** How often a process looks for due jobs. */
export const POLL_MS = 1000;

/**
 * The one timer loop of a process: every `pollMs`, enqueues the current period's run of each
 * periodic job (once across processes) and runs the due jobs, batch after batch until none is
 * left. One pass at a time. Returns the function that stops it (a batch under way finishes).
 */
export const startJobLoop = (
  db: Db,
  { handlers, periodic, by, log, pollMs = POLL_MS, clock = () => new Date() }: ReturnType<typeof platformJobs> & { by: string; log: Log; pollMs?: number; clock?: () => Date },
) => {
  let busy = false;
  let stopped = false;
  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      await schedulePeriodicJobs(db, periodic, { now: clock() });
      for (;;) {
        const { claimed } = await runDueJobs(db, handlers, {
          now: clock(),
          by,
          batch: JOB_BATCH,
          concurrency: JOB_CONCURRENCY,
          onError: (job, error) => log.error({ err: String(error), job: job.name, jobId: job.id, attempt: job.attempt }, 'job failed'),
        });
        if (claimed < JOB_BATCH || stopped) break;
      }
    } catch (error) {
      log.error({ err: String(error) }, 'running the jobs failed');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(tick, pollMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
};

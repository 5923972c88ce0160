import type { Config } from '../config.js';
import type { BuildApp, PlatformModule } from '../module.js';
import { deliverDueMail, smtpTransport } from '../mail/outbox.js';
import { purgeExpiredSessions } from '../auth/sessions.js';
import { purgeExpiredRateLimits } from '../http/rate-limit.js';
import { initializeIfEmpty, prepareDatabase } from './startup.js';

/** Starts the platform and keeps it running until SIGTERM/SIGINT, then shuts down gracefully. */
export const serve = async (config: Config, { demo, modules: MODULES, buildApp }: { demo: boolean; modules: PlatformModule[]; buildApp: BuildApp }) => {
  const database = await prepareDatabase(config, MODULES);
  const first = await initializeIfEmpty(database, MODULES, { demo });
  const app = await buildApp({ config, database });
  const timers: NodeJS.Timeout[] = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    for (const timer of timers) clearInterval(timer);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });

  if (first) {
    process.stdout.write(
      [
        '',
        'First start: an administrator account was created. This password is shown only once.',
        `  e-mail:   ${first.adminEmail}`,
        `  password: ${first.adminPassword}`,
        demo ? '  Demo content was loaded and is marked as demo (start with --no-demo to skip it).' : '',
        '',
      ].join('\n'),
    );
  }
  const address = app.server.address();
  const url = config.port === 0 && address && typeof address === 'object' ? `http://${config.host}:${address.port}` : config.baseUrl;
  process.stdout.write(`WSIS Platform ready at ${url} (database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})\n`);

  // Caches filled in the background (the search indexes of the Stocktaking, at 100,000 entries 1–3 s).
  for (const module of MODULES) {
    module.warm?.(database.db).catch((error: unknown) => app.log.error({ err: error, module: module.id }, 'warming the caches failed'));
  }

  // Background work: e-mail delivery (when SMTP is configured) and housekeeping.
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      if (transport) await deliverDueMail(database.db, { transport, from: config.mailFrom });
    } catch (error) {
      app.log.error({ err: error }, 'background work failed');
    } finally {
      busy = false;
    }
  };
  timers.push(
    setInterval(tick, 5000),
    setInterval(() => void purgeExpiredSessions(database.db).catch(() => undefined), 3600_000),
    // Expired counters (two per voter in a campaign: address and account), every ten minutes.
    setInterval(() => void purgeExpiredRateLimits(database.db).catch(() => undefined), 600_000),
  );

  return { app, database };
};

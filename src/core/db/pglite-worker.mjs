/**
 * Worker thread that owns the embedded PGlite database. PGlite executes queries on the thread
 * that calls it; running it here keeps a slow query from freezing the HTTP server. The main
 * thread talks to it with raw PostgreSQL wire-protocol messages (see pglite-pool.ts), so the
 * application uses the very same `pg` driver and SQL as on a PostgreSQL server.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

// Plain JavaScript: a worker thread cannot load TypeScript without a loader in every mode we run.

const { dataDir, initialDump } = workerData;
const port = parentPort;
if (!port) throw new Error('pglite-worker must run in a worker thread');

/**
 * PostgreSQL's own cache of table pages (shared_buffers) lives in PGlite's WebAssembly memory, which
 * grows and never shrinks: PGlite's default of 128 MB ends up resident once a large corpus has
 * been read. 64 MB by default (the operating system's file cache keeps the rest of the pages
 * close); WSIS_PGLITE_SHARED_BUFFERS (e.g. `128MB`) sets it.
 */
const sharedBuffers = /^\d+(kB|MB|GB)$/.test(process.env.WSIS_PGLITE_SHARED_BUFFERS ?? '') ? process.env.WSIS_PGLITE_SHARED_BUFFERS : '64MB';
// initialDump: a dumpDataDir() archive to start from instead of an empty cluster (the tests' migrated
// snapshot, see src/test/db.ts): no initdb, no migrations.
const db = new PGlite(dataDir, {
  extensions: { pg_trgm },
  startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`],
  ...(initialDump ? { loadDataDir: new Blob([initialDump]) } : {}),
});

/** Messages are class instances; copy them to plain objects that survive structured cloning. */
const toPlain = (message) => {
  const plain = { ...message };
  if (message instanceof Error) plain.message = message.message;
  return plain;
};

let queue = db.waitReady.then(() => port.postMessage({ ready: true }));

/**
 * After a write-ahead log it could not write (seen on a full disk: 53100 `could not write to file
 * "pg_wal/xlogtemp.42"`, a PANIC in PostgreSQL) or any PANIC or FATAL error, PGlite never answers
 * again; every later request is refused at once with this reason instead of waiting forever. What
 * was committed before is in the folder (recovered at the next start). A table that cannot grow on
 * a full disk (53100 `could not extend file`) is an ordinary error: that write fails, the rest works.
 */
let stopped = null;
const stoppedBy = (messages) =>
  messages.find((m) => m.name === 'error' && (m.severity === 'PANIC' || m.severity === 'FATAL' || (m.code === '53100' && String(m.message).includes('pg_wal'))));

port.on('message', (req) => {
  queue = queue.then(async () => {
    try {
      if (stopped && req.kind !== 'close') {
        port.postMessage({ id: req.id, error: stopped });
      } else if (req.kind === 'protocol') {
        const messages = await db.execProtocolStream(req.bytes, { throwOnError: false });
        const fatal = stoppedBy(messages);
        if (fatal) {
          stopped = `The embedded database stopped: ${fatal.message} (${fatal.code}); make room or fix the folder ${dataDir}, then restart the platform`;
          process.stderr.write(`${stopped}\n`);
        }
        port.postMessage({ id: req.id, messages: messages.map(toPlain) });
      } else if (req.kind === 'raw') {
        // A command's session lent by the server (lend.ts): protocol bytes in, protocol bytes out.
        const bytes = await db.execProtocolRaw(req.bytes);
        port.postMessage({ id: req.id, raw: bytes });
      } else if (req.kind === 'dump') {
        const file = await db.dumpDataDir('gzip');
        port.postMessage({ id: req.id, dump: new Uint8Array(await file.arrayBuffer()) });
      } else if (req.kind === 'close') {
        if (!stopped) await db.close();
        port.postMessage({ id: req.id, closed: true });
      }
    } catch (error) {
      port.postMessage({ id: req.id, error: String(error?.message ?? error) });
    }
  });
});

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

const { dataDir } = workerData;
const port = parentPort;
if (!port) throw new Error('pglite-worker must run in a worker thread');

const db = new PGlite(dataDir, { extensions: { pg_trgm } });

/** Messages are class instances; copy them to plain objects that survive structured cloning. */
const toPlain = (message) => {
  const plain = { ...message };
  if (message instanceof Error) plain.message = message.message;
  return plain;
};

let queue = db.waitReady.then(() => port.postMessage({ ready: true }));

port.on('message', (req) => {
  queue = queue.then(async () => {
    try {
      if (req.kind === 'protocol') {
        const messages = await db.execProtocolStream(req.bytes, { throwOnError: false });
        port.postMessage({ id: req.id, messages: messages.map(toPlain) });
      } else if (req.kind === 'raw') {
        // A command's session lent by the server (lend.ts): protocol bytes in, protocol bytes out.
        const bytes = await db.execProtocolRaw(req.bytes);
        port.postMessage({ id: req.id, raw: bytes });
      } else if (req.kind === 'dump') {
        const file = await db.dumpDataDir('gzip');
        port.postMessage({ id: req.id, dump: new Uint8Array(await file.arrayBuffer()) });
      } else if (req.kind === 'close') {
        await db.close();
        port.postMessage({ id: req.id, closed: true });
      }
    } catch (error) {
      port.postMessage({ id: req.id, error: String(error?.message ?? error) });
    }
  });
});

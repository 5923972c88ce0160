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
 * been read. 16 MB by default: the operating system's file cache keeps the rest of the pages close,
 * and on 100,000 entries the search page, the CSV and XLSX exports and the seeding ran as fast as
 * with 64 MB while the process held 54 MB less. WSIS_PGLITE_SHARED_BUFFERS (e.g. `128MB`) sets it.
 */
const sharedBuffers = /^\d+(kB|MB|GB)$/.test(process.env.WSIS_PGLITE_SHARED_BUFFERS ?? '') ? process.env.WSIS_PGLITE_SHARED_BUFFERS : '16MB';
// initialDump: a dumpDataDir() archive to start from instead of an empty cluster (the tests' migrated
// snapshot, see src/test/db.ts): no initdb, no migrations.
const db = new PGlite(dataDir, {
  extensions: { pg_trgm },
  startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`],
  ...(initialDump ? { loadDataDir: new Blob([initialDump]) } : {}),
});

/** Where a reply is gathered: reused, grown as needed, and shrunk back after a reply of more than 1 MB. */
const SCRATCH_BYTES = 64 * 1024;
let scratch = new Uint8Array(SCRATCH_BYTES);

/**
 * The backend's reply to protocol bytes, as bytes of its own (to be transferred). Not
 * `execProtocolRaw`: in PGlite 0.5.17 it also parses every reply into message objects and keeps
 * them until the next `execProtocol` call (the worker held 176 MB of rows after a minute of
 * searches); `execProtocolRawStream` hands over the bytes as PostgreSQL writes them and keeps nothing.
 */
const reply = async (message) => {
  let length = 0;
  await db.execProtocolRawStream(message, {
    // `chunk` is a view of the WebAssembly memory, valid during this call only.
    onRawData: (chunk) => {
      if (length + chunk.length > scratch.length) {
        const grown = new Uint8Array(Math.max(2 * scratch.length, length + chunk.length));
        grown.set(scratch.subarray(0, length));
        scratch = grown;
      }
      scratch.set(chunk, length);
      length += chunk.length;
    },
  });
  const bytes = scratch.slice(0, length);
  if (scratch.length > 1024 * 1024) scratch = new Uint8Array(SCRATCH_BYTES);
  return bytes;
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

const utf8 = new TextDecoder();
/** The fields of the ErrorResponse between `from` and `to` (code letter → text). */
const errorFields = (bytes, from, to) => {
  const fields = {};
  for (let at = from; at < to && bytes[at] !== 0; ) {
    const end = bytes.indexOf(0, at + 1);
    if (end < 0 || end > to) break;
    fields[String.fromCharCode(bytes[at])] = utf8.decode(bytes.subarray(at + 1, end));
    at = end + 1;
  }
  return fields;
};
/**
 * What this thread reads of a reply, which otherwise stays bytes (the main thread's driver parses
 * it, as it parses a socket's): the first error that stops the database (ErrorResponse, 'E'), or
 * null, and the channels of the notifications a committed statement sent (NotificationResponse,
 * 'A': PGlite is one session, so every NOTIFY comes back in the reply of the statement that
 * committed it, before the reply itself).
 */
const readReply = (bytes) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fatal = null;
  let channels = null;
  for (let at = 0; at + 5 <= bytes.length; at += 1 + view.getUint32(at + 1)) {
    if (bytes[at] === 0x41) {
      // Int32 sender, then the channel's name, NUL-terminated.
      const end = bytes.indexOf(0, at + 9);
      if (end > 0) {
        channels ??= [];
        channels.push(utf8.decode(bytes.subarray(at + 9, end)));
      }
      continue;
    }
    if (bytes[at] !== 0x45 || fatal) continue;
    const fields = errorFields(bytes, at + 5, at + 1 + view.getUint32(at + 1));
    const severity = fields.V ?? fields.S;
    if (severity === 'PANIC' || severity === 'FATAL' || (fields.C === '53100' && String(fields.M).includes('pg_wal'))) fatal = fields;
  }
  return { fatal, channels };
};

port.on('message', (req) => {
  queue = queue.then(async () => {
    try {
      if (stopped && req.kind !== 'close') {
        port.postMessage({ id: req.id, error: stopped });
      } else if (req.kind === 'raw') {
        // Protocol bytes in, the backend's reply as bytes out, moved to the main thread without a
        // copy: no message objects are made here and cloned there (they were most of this
        // thread's garbage and a third of its time on the search page).
        const bytes = await reply(req.bytes);
        const { fatal, channels } = readReply(bytes);
        if (fatal && !stopped) {
          stopped = `The embedded database stopped: ${fatal.M} (${fatal.C}); make room or fix the folder ${dataDir}, then restart the platform`;
          process.stderr.write(`${stopped}\n`);
        }
        port.postMessage(channels ? { id: req.id, raw: bytes, notified: channels } : { id: req.id, raw: bytes }, [bytes.buffer]);
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

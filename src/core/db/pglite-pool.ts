/**
 * A `pg` Pool whose single connection is the PGlite database living in a worker thread.
 * The connection sends the driver's protocol bytes to the worker and parses the bytes of the
 * backend's reply with pg's own parser (pg-protocol), as pg's socket connection does: the worker
 * makes no message objects, and the reply moves between the threads without a copy. One
 * connection means transactions are naturally exclusive.
 */
import { Worker } from 'node:worker_threads';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser.js';
import { afterThreadStarted } from '../heap.js';

type Pending = { resolve: (value: WorkerReply) => void; reject: (error: Error) => void };
type WorkerReply = {
  id?: number;
  ready?: boolean;
  dump?: Uint8Array;
  raw?: Uint8Array;
  /** The channels of the notifications the statement committed (NOTIFY), in order. */
  notified?: string[];
  error?: string;
};

/**
 * The database thread's young generation, MB. Its objects live for one message (the protocol bytes
 * in, the reply out), so a small one is enough; V8's default let it grow to 16 MB, for a thread
 * whose whole heap then held 30 MB (19 MB with this, searches and exports as fast).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

export class PgliteWorkerHandle {
  readonly worker: Worker;
  readonly waitReady: Promise<void>;
  /**
   * The database's notifications (NOTIFY, once the session LISTENs), one event per channel, emitted
   * before the reply of the statement that committed them is handed back: whoever waits for that
   * commit runs after the listeners.
   */
  readonly notifications = new EventEmitter();
  #nextId = 1;
  #pending = new Map<number, Pending>();

  /** `initialDump`: an archive of dumpDataDir() to start from (a memory:// database only). */
  constructor(dataDir: string, initialDump?: Uint8Array) {
    this.worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: { dataDir, initialDump },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    this.waitReady = new Promise((resolve, reject) => {
      const onReady = (reply: WorkerReply) => {
        if (reply.ready) {
          this.worker.off('message', onReady);
          afterThreadStarted();
          resolve();
        }
      };
      this.worker.on('message', onReady);
      this.worker.once('error', reject);
    });
    this.worker.on('message', (reply: WorkerReply) => {
      if (reply.id === undefined) return;
      if (reply.notified) for (const channel of reply.notified) this.notifications.emit(channel);
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.error) pending.reject(new Error(reply.error));
      else pending.resolve(reply);
    });
    this.worker.on('error', (error) => {
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
    });
  }

  #call(request: Record<string, unknown>): Promise<WorkerReply> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  #queue: Promise<unknown> = Promise.resolve();

  /**
   * Sends protocol bytes in call order; resolves with the backend's reply as bytes (moved from the
   * worker without a copy), for a connection's parser or a lent session.
   */
  enqueue(bytes: Uint8Array): Promise<Uint8Array> {
    const result = this.#queue
      .then(() => this.waitReady)
      .then(() => this.#call({ kind: 'raw', bytes }))
      .then((reply) => reply.raw ?? new Uint8Array());
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Runs `fn` once everything enqueued so far has been answered. */
  afterQueue(fn: () => void) {
    this.#queue = this.#queue.then(fn);
  }

  /** A gzipped tarball of the data directory (PGlite's own physical backup format). */
  async dumpDataDir(): Promise<Uint8Array> {
    const reply = await this.#call({ kind: 'dump' });
    return reply.dump ?? new Uint8Array();
  }

  async close() {
    await this.#call({ kind: 'close' });
    await this.worker.terminate();
  }
}

/**
 * What node-postgres calls a Connection, speaking to the worker instead of a socket. Modelled on
 * PGlite's own node-postgres adapter, which cannot be used as is: its end() drops the client's
 * 'end' listener before emitting it, so pg-pool never frees the slot of a client that failed.
 */
class WorkerPgConnection extends EventEmitter {
  _connecting = false;
  readonly stream = { destroy: () => this.end() };
  parsedStatements = {};
  submittedNamedStatements = {};
  #ended = false;
  #outgoing: Uint8Array[] = [];
  #parser = new Parser();

  constructor(private readonly handle: PgliteWorkerHandle) {
    super();
  }

  /**
   * node-postgres writes Parse, Bind, Describe, Execute and Sync in one tick; they travel to the
   * worker as one batch, in the order of the calls across every connection (one backend).
   */
  #send(bytes: Uint8Array) {
    this.#outgoing.push(bytes);
    if (this.#outgoing.length > 1) return;
    queueMicrotask(() => {
      const batch = Buffer.concat(this.#outgoing);
      this.#outgoing = [];
      this.handle
        .enqueue(batch)
        .then((reply) => {
          // The messages as pg's own socket connection gives them (errors as pg.DatabaseError).
          this.#parser.parse(Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength), (message) => {
            this.emit('message', message);
            this.emit(message.name === 'error' ? 'errorMessage' : message.name, message);
          });
        })
        .catch((error) => this.emit('error', error));
    });
  }

  async connect() {
    this._connecting = true;
    await this.handle.waitReady;
    process.nextTick(() => this.emit('readyForQuery'));
  }
  requestSsl() {}
  startup() {}
  cancel() {}
  password() {}
  query(text: string) {
    this.#send(serialize.query(text));
  }
  parse(query: Parameters<typeof serialize.parse>[0]) {
    this.#send(serialize.parse(query));
  }
  bind(config: Parameters<typeof serialize.bind>[0]) {
    this.#send(serialize.bind(config));
  }
  execute(config: Parameters<typeof serialize.execute>[0]) {
    this.#send(serialize.execute(config));
  }
  describe(msg: Parameters<typeof serialize.describe>[0]) {
    this.#send(serialize.describe(msg));
  }
  close(msg: Parameters<typeof serialize.close>[0]) {
    this.#send(serialize.close(msg));
  }
  flush() {
    this.#send(serialize.flush());
  }
  sync() {
    this.#send(serialize.sync());
  }
  sendCopyFromChunk(chunk: Buffer) {
    this.#send(serialize.copyData(chunk));
  }
  endCopyFrom() {
    this.#send(serialize.copyDone());
  }
  sendCopyFail(msg: string) {
    this.#send(serialize.copyFail(msg));
  }
  end() {
    if (this.#ended) return;
    this.#ended = true;
    this.handle.afterQueue(() => {
      this.emit('end');
      this.removeAllListeners();
    });
  }
  ref() {}
  unref() {}
}

/** A pg.Pool on the worker-hosted PGlite: one connection, so transactions are exclusive. */
export const createPglitePool = (handle: PgliteWorkerHandle) => {
  class PgliteClient extends pg.Client {
    constructor(options: pg.ClientConfig) {
      super({ ...options, connection: new WorkerPgConnection(handle) } as pg.ClientConfig);
    }
  }
  return new pg.Pool({ Client: PgliteClient, max: 1, idleTimeoutMillis: 0 } as unknown as pg.PoolConfig);
};

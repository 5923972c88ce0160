/**
 * Commands beside a running server on the embedded database. PGlite admits one process, so the
 * server that holds the data folder lends its database to local commands: it listens on a Unix
 * socket in the folder (`.s.PGSQL.5432`, readable and writable by the folder's owner only) and
 * speaks the PostgreSQL protocol there; a command refused by the lock (data-lock.ts) connects to
 * it with the ordinary `pg` driver, as to a PostgreSQL server, and runs the same queries.
 *
 * PGlite has one session, shared by the server's requests and every command. A command gets it
 * for one transaction at a time: the server takes its own pool's only connection (so no request
 * of its own runs in between), forwards the command's messages to the worker until the backend
 * is idle again (ReadyForQuery 'I'), then gives the connection back; requests wait meanwhile,
 * as they wait for each other. A command that disconnects or falls silent for a minute inside a
 * transaction is rolled back.
 */
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import type { PgliteWorkerHandle } from './pglite-pool.js';

export const SOCKET_PORT = 5432;
const SOCKET_FILE = `.s.PGSQL.${SOCKET_PORT}`;
const IDLE_IN_TRANSACTION_MS = 60_000;

export const lendSocketPath = (folder: string) => join(resolve(folder), SOCKET_FILE);

const SSL_REQUEST = 80877103;
const PROTOCOL_3 = 196608;

const message = (type: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n, 0);
  return b;
};
const cstrings = (...values: string[]) => Buffer.from(values.map((v) => `${v}\0`).join(''), 'utf8');

/** AuthenticationOk, the parameters the driver reads, BackendKeyData and ReadyForQuery (idle). */
const startupReply = () =>
  Buffer.concat([
    message('R', int32(0)),
    ...[
      ['server_version', '17.5'],
      ['server_encoding', 'UTF8'],
      ['client_encoding', 'UTF8'],
      ['DateStyle', 'ISO, MDY'],
      ['integer_datetimes', 'on'],
      ['standard_conforming_strings', 'on'],
      ['TimeZone', 'UTC'],
    ].map(([name, value]) => message('S', cstrings(name as string, value as string))),
    message('K', Buffer.concat([int32(process.pid), int32(0)])),
    message('Z', Buffer.from('I')),
  ]);

/** The transaction status of the last ReadyForQuery in a reply ('I', 'T', 'E'), or undefined if there is none. */
const lastReadyStatus = (reply: Uint8Array) => {
  const bytes = Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength);
  let status: string | undefined;
  for (let i = 0; i + 5 <= bytes.length; ) {
    const length = bytes.readInt32BE(i + 1);
    if (bytes[i] === 0x5a && length === 5 && i + 6 <= bytes.length) status = String.fromCharCode(bytes[i + 5] as number);
    i += 1 + length;
  }
  return status;
};

type Lender = { pool: pg.Pool; pglite: PgliteWorkerHandle };

const serveSession = (socket: Socket, { pool, pglite }: Lender) => {
  let pending = Buffer.alloc(0);
  let started = false;
  let held: pg.PoolClient | undefined;
  let chain: Promise<void> = Promise.resolve();

  const giveBack = async ({ rollback }: { rollback: boolean }) => {
    const client = held;
    if (!client) return;
    held = undefined;
    try {
      // Ends an unfinished extended-protocol exchange, then whatever transaction it left open.
      if (rollback) await pglite.enqueue(Buffer.concat([serialize.sync(), serialize.query('rollback')]));
    } finally {
      client.release();
    }
  };

  const drain = async () => {
    if (!started) {
      if (pending.length < 8) return;
      const length = pending.readInt32BE(0);
      if (pending.length < length) return;
      const code = pending.readInt32BE(4);
      pending = pending.subarray(length);
      if (code === SSL_REQUEST) {
        socket.write('N');
        return drain();
      }
      if (code !== PROTOCOL_3) {
        socket.destroy();
        return;
      }
      started = true;
      socket.write(startupReply());
    }
    let end = 0;
    let terminate = false;
    while (end + 5 <= pending.length) {
      const length = pending.readInt32BE(end + 1);
      if (end + 1 + length > pending.length) break;
      if (pending[end] === 0x58) {
        terminate = true;
        break;
      }
      end += 1 + length;
    }
    const frames = pending.subarray(0, end);
    pending = terminate ? Buffer.alloc(0) : pending.subarray(end);
    if (frames.length > 0) {
      socket.setTimeout(0);
      held ??= await pool.connect();
      const reply = await pglite.enqueue(frames);
      if (!socket.destroyed) socket.write(reply);
      if (lastReadyStatus(reply) === 'I' && pending.length === 0) await giveBack({ rollback: false });
      // Holding the database while the command thinks: a minute of silence ends its session.
      else socket.setTimeout(IDLE_IN_TRANSACTION_MS);
    }
    if (terminate) {
      await giveBack({ rollback: true });
      socket.end();
    }
  };

  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    chain = chain.then(drain).catch(() => {
      socket.destroy();
    });
  });
  socket.on('timeout', () => socket.destroy());
  socket.on('error', () => undefined);
  socket.on('close', () => {
    chain = chain.then(() => giveBack({ rollback: true })).catch(() => undefined);
  });
  return () => chain;
};

export type Lending = { path: string; close: () => Promise<void> };

/**
 * Lends the embedded database held by this process to local commands, on a Unix socket in its
 * folder. Only the lock's holder may call it (it removes a socket file left by a killed server).
 */
export const lendDatabase = async ({ folder, pool, pglite }: Lender & { folder: string }): Promise<Lending> => {
  const path = lendSocketPath(folder);
  rmSync(path, { force: true });
  const sessions = new Map<Socket, () => Promise<void>>();
  const server = createServer((socket) => {
    sessions.set(socket, serveSession(socket, { pool, pglite }));
    socket.once('close', () => sessions.delete(socket));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(path, () => {
      server.off('error', fail);
      done();
    });
  });
  chmodSync(path, 0o600);
  return {
    path,
    close: async () => {
      const finished = [...sessions].map(async ([socket, session]) => {
        const closed = once(socket, 'close');
        socket.destroy();
        await closed;
        await session();
      });
      await new Promise<void>((done) => server.close(() => done()));
      await Promise.allSettled(finished);
      rmSync(path, { force: true });
    },
  };
};

/** A pool on the database a running server lends (one connection), or undefined when it lends none. */
export const borrowDatabase = async (folder: string): Promise<pg.Pool | undefined> => {
  if (!existsSync(lendSocketPath(folder))) return undefined;
  const pool = new pg.Pool({ host: resolve(folder), port: SOCKET_PORT, user: 'postgres', database: 'postgres', max: 1 });
  pool.on('error', () => undefined);
  try {
    await pool.query('select 1');
    return pool;
  } catch {
    await pool.end().catch(() => undefined);
    return undefined;
  }
};

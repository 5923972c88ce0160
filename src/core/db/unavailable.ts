/**
 * Which errors mean "the database cannot answer now" (a restart, a lost connection, a full disk, a
 * statement that ran past its timeout) as opposed to a bug: the platform answers them 503 with
 * Retry-After, and the client may send the same request again. Nothing was acknowledged: a write
 * that failed this way was not committed, or (a connection lost during COMMIT) its outcome is
 * unknown, and the unique constraints make a second attempt count once.
 */

/** Seconds a client is asked to wait before trying again (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5;

/** Errors of the operating system on the connection to the server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTCONN', 'ECONNABORTED']);

/**
 * SQLSTATEs: class 08 (connection exception), 57P01-57P03 (administrator or crash shutdown, cannot
 * connect now: the server is stopping or starting), 53xxx (insufficient resources: disk full, out of
 * memory, too many connections), 57014 (statement timeout), 58xxx (input/output error).
 */
const isUnavailableState = (code: string) =>
  code.startsWith('08') || code.startsWith('53') || code.startsWith('58') || code === '57P01' || code === '57P02' || code === '57P03' || code === '57014';

/** What node-postgres and pg-pool say when a connection cannot be had or was lost. */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^Query read timeout/,
  /^The embedded database stopped/,
];

/** True when `error` (or an error it wraps, as Drizzle's DrizzleQueryError does) is a database outage. */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableState(code)))) return true;
    if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => m.test(message))) return true;
  }
  return false;
};

/**
 * Request bodies are decoded strictly: bytes that are not UTF-8, or percent-escapes that do not
 * decode to UTF-8, are refused with a clear 400 instead of being silently turned into U+FFFD
 * (which would store damaged text without telling anyone). NUL characters are refused too:
 * PostgreSQL text cannot hold them, so they would otherwise fail deep inside a query.
 */
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { HttpError } from './problems.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

export const invalidEncoding = () => new HttpError(400, 'core.errors.bad_request_title', 'core.errors.invalid_encoding');

const strictText = (body: Buffer) => {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw invalidEncoding();
  }
  if (text.includes('\u0000')) throw invalidEncoding();
  return text;
};

/** True for a URL whose path or query would decode to a NUL character or to invalid UTF-8. */
export const hasUndecodableUrl = (url: string) => {
  if (/%00/i.test(url)) return true;
  try {
    decodeURIComponent(url);
    return false;
  } catch {
    return true;
  }
};

/** decodeURIComponent throws on malformed escapes (node:querystring catches that and hides it). */
const strictComponent = (value: string) => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw invalidEncoding();
  }
  if (decoded.includes('\u0000')) throw invalidEncoding();
  return decoded;
};

/** application/x-www-form-urlencoded → { key: value | value[] }, decoding strictly. */
export const parseFormBody = (text: string, maxKeys = 1000) => {
  const result: Record<string, string | string[]> = Object.create(null);
  let keys = 0;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    if (++keys > maxKeys) break;
    const eq = pair.indexOf('=');
    const key = strictComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : strictComponent(pair.slice(eq + 1));
    const prior = result[key];
    result[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return result;
};

/** Whether a parsed JSON value holds a NUL character anywhere (written as \u0000 in JSON). */
const containsNul = (value: unknown): boolean => {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
};

export const registerStrictBodyParsers = (app: FastifyInstance) => {
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    try {
      const text = strictText(body);
      const value = text.length === 0 ? undefined : secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
      if (containsNul(value)) return done(invalidEncoding(), undefined);
      done(null, value);
    } catch (error) {
      if (error instanceof HttpError) return done(error, undefined);
      done(new HttpError(400, 'core.errors.bad_request_title', 'core.errors.invalid_json'), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    try {
      done(null, parseFormBody(strictText(body)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
};

/**
 * Request bodies are decoded strictly: bytes that are not UTF-8, or percent-escapes that do not
 * decode to UTF-8, are refused with a clear 400 instead of being silently turned into U+FFFD
 * (which would store damaged text without telling anyone).
 */
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { HttpError } from './problems.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

export const invalidEncoding = () => new HttpError(400, 'core.errors.bad_request_title', 'core.errors.invalid_encoding');

const strictText = (body: Buffer) => {
  try {
    return decoder.decode(body);
  } catch {
    throw invalidEncoding();
  }
};

/** decodeURIComponent throws on malformed escapes (node:querystring catches that and hides it). */
const strictComponent = (value: string) => {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw invalidEncoding();
  }
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

export const registerStrictBodyParsers = (app: FastifyInstance) => {
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    try {
      const text = strictText(body);
      done(null, text.length === 0 ? undefined : secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
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

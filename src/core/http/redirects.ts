/**
 * Where a form or a link may send the browser next. NOTE: security-critical: `next` comes from
 * the query string or a form, so it decides where another site could send a signed-in user.
 */

/**
 * The same-origin path `next` names, after the WHATWG URL parser has normalized it the way a
 * browser will (tabs and newlines dropped, backslashes read as slashes, dot segments resolved),
 * or `fallback`. A `next` that is not a path (`http:`, `javascript:`), that resolves to another
 * origin (`//host`, `/\t/host`, `/\host`), that would start with `//` once normalized, or that
 * holds control characters or encoded slashes is refused. The answer is the parser's serialization
 * (percent-encoded ASCII), so it can always be sent in a Location header.
 */
export const safeNext = ({ next, fallback, baseUrl }: { next: unknown; fallback: string; baseUrl: string }): string => {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here.
  if (/[\u0000-\u001f\u007f\\]|%(?:2f|5c|0[0-9a-f]|1[0-9a-f]|7f)/i.test(next)) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(baseUrl);
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith('/') || path.startsWith('//')) return fallback;
  return path;
};

import type { FastifyReply, FastifyRequest } from 'fastify';

/** A problem's field errors (RFC 9457 `errors`): a JSON pointer into what was sent and its message. */
export type FieldProblem = { pointer: string; detail: string };

/**
 * Answers an RFC 9457 problem (application/problem+json): `title` and `detail` already in the
 * reader's language, the request's path as `instance`. Routes that answer a refusal themselves (with
 * field errors computed from the request) send it with this; others throw an HttpError.
 */
export const sendProblem = (
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body: { title: string; detail?: string; errors?: FieldProblem[] } & Record<string, unknown>,
) =>
  reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: 'about:blank', status, ...body, instance: req.url.split('?')[0] });

/** Errors that carry an HTTP status and a message key, turned into pages or RFC 9457 problems. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    /** i18n key of the title shown to the user. */
    readonly titleKey: string,
    readonly detailKey?: string,
    readonly values?: Record<string, string | number>,
    /** Per-field problems (RFC 9457 `errors`): a JSON pointer and the i18n key of its message. */
    readonly fields?: { pointer: string; detailKey: string }[],
  ) {
    super(titleKey);
  }
}

export const notFound = () => new HttpError(404, 'core.errors.not_found_title', 'core.errors.not_found_detail');
export const conflict = (detailKey: string, values?: Record<string, string | number>) => new HttpError(409, 'core.errors.conflict_title', detailKey, values);
export const badRequest = (detailKey: string, values?: Record<string, string | number>) => new HttpError(400, 'core.errors.bad_request_title', detailKey, values);

/**
 * An unexpected error as the log shows it: kind, code, first part of the message and the stack
 * frames, the same for its causes. Never what the request carried: Drizzle's failed-query error
 * holds the query's parameters (`params`, and a `params:` line in its message), which are what a
 * user typed (names, e-mail addresses, passwords' neighbours), and pino would log every property.
 */
export const loggableError = (error: unknown, depth = 0): Record<string, unknown> => {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code, cause, table, column, constraint, routine } = error as Error &
    Partial<Record<'code' | 'table' | 'column' | 'constraint' | 'routine', unknown>> & { cause?: unknown };
  let message = error.message.split('\nparams:')[0] ?? '';
  // PostgreSQL quotes the offending value in a data exception (class 22: `invalid input syntax
  // for type integer: "…"`) and in `detail` (never logged); names of tables and columns stay.
  if (typeof code === 'string' && code.startsWith('22')) message = message.replace(/"[^"]*"/g, '"…"');
  const names = Object.entries({ table, column, constraint, routine }).filter(([, v]) => typeof v === 'string');
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    ...Object.fromEntries(names),
    message: message.length > 2000 ? `${message.slice(0, 2000)}…` : message,
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .join('\n'),
    ...(cause !== undefined && depth < 3 ? { cause: loggableError(cause, depth + 1) } : {}),
  };
};

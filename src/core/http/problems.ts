/** Errors that carry an HTTP status and a message key, turned into pages or RFC 9457 problems. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    /** i18n key of the title shown to the user. */
    readonly titleKey: string,
    readonly detailKey?: string,
    readonly values?: Record<string, string | number>,
  ) {
    super(titleKey);
  }
}

export const notFound = () => new HttpError(404, 'core.errors.not_found_title', 'core.errors.not_found_detail');
export const conflict = (detailKey: string, values?: Record<string, string | number>) => new HttpError(409, 'core.errors.conflict_title', detailKey, values);
export const badRequest = (detailKey: string, values?: Record<string, string | number>) => new HttpError(400, 'core.errors.bad_request_title', detailKey, values);

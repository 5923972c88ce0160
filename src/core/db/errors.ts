/**
 * The database's errors as the commands tell them apart: by SQLSTATE, whether pg gives the error
 * itself or drizzle wraps it (its `cause`).
 */

type DriverError = { code?: unknown; constraint?: unknown; cause?: DriverError } | null | undefined;

/** The driver's error: the error itself, or what drizzle's wrapper carries as its cause. */
const driverError = (error: unknown): DriverError => {
  const e = error as DriverError;
  return typeof e?.code === 'string' ? e : e?.cause;
};

/** The SQLSTATE of a database error ('23505'), or undefined for any other error. */
export const sqlState = (error: unknown): string | undefined => {
  const code = driverError(error)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * A unique violation (23505), of `constraint` when one is named (an error that names no
 * constraint, as PGlite's may not, counts): a concurrent write took the value first.
 */
export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const e = driverError(error);
  return e?.code === '23505' && (constraint === undefined || e.constraint === undefined || e.constraint === constraint);
};

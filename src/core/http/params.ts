/**
 * Record ids and years as they arrive in paths, query strings, forms and JSON: one rule for every
 * route. An id is written in decimal digits only (no sign, `+`, exponent, hex, leading zero or
 * space): `z.coerce.number()` read `0x10` as 16 and `1e1` as 10, so another spelling of an id acted
 * on the record it named. Ids are bigint identities read as JavaScript numbers: at most
 * Number.MAX_SAFE_INTEGER.
 */
import { z } from 'zod';
import { notFound } from './problems.js';

const ID_DIGITS = /^[1-9]\d{0,15}$/;

/** The id `raw` writes in decimal digits, or null for anything else. */
export const parseId = (raw: unknown): number | null => {
  if (typeof raw !== 'string' || !ID_DIGITS.test(raw)) return null;
  const id = Number(raw);
  return id <= Number.MAX_SAFE_INTEGER ? id : null;
};

/** Ids of a repeated form field (checkboxes): the well-written ones, others dropped. */
export const parseIds = (raw: unknown): number[] => (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(parseId).filter((id): id is number => id !== null);

/** An id in a JSON body: a positive integer number, within the safe range. */
export const idNumber = z.int().positive().max(Number.MAX_SAFE_INTEGER);

/** An id in a path or query string (API schemas): decimal digits only, then a number. */
export const idText = z
  .string()
  .regex(ID_DIGITS)
  .transform(Number)
  .pipe(idNumber)
  .meta({ type: 'string', pattern: ID_DIGITS.source, description: 'A record id: decimal digits, no sign or leading zero' });

/** A year in a path: four decimal digits. */
export const yearText = z
  .string()
  .regex(/^\d{4}$/)
  .transform(Number);

/** Path parameters of HTML routes: a record id, or NotFound (a 404 page). */
export const pathId = (raw: string): number => {
  const id = parseId(raw);
  if (id === null) throw notFound();
  return id;
};

/** A year (four digits), or NotFound. */
export const pathYear = (raw: string): number => {
  if (!/^\d{4}$/.test(raw)) throw notFound();
  return Number(raw);
};

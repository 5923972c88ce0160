/** Path parameters of HTML routes: anything that is not a well-formed value is a 404 page. */
import { notFound } from './problems.js';

/** A record id (1 to 16 digits: no sign, exponent or leading zero), or NotFound. */
export const pathId = (raw: string): number => {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw notFound();
  return Number(raw);
};

/** A year (four digits), or NotFound. */
export const pathYear = (raw: string): number => {
  if (!/^\d{4}$/.test(raw)) throw notFound();
  return Number(raw);
};

/**
 * The shortlist rule, published with every edition: the five nominees with the most valid votes
 * in a category go to the experts. A tie at the fifth place does not exclude anyone: every
 * nominee with as many valid votes as the fifth is shortlisted too (so the list may be longer
 * than five, never shorter when there are five nominees with votes).
 */
export const SHORTLIST_SIZE = 5;

export const shortlist = <T extends { valid: number }>(tallies: T[]): T[] => {
  const ranked = [...tallies].filter((t) => t.valid > 0).sort((a, b) => b.valid - a.valid);
  if (ranked.length <= SHORTLIST_SIZE) return ranked;
  const cut = ranked[SHORTLIST_SIZE - 1]?.valid ?? 0;
  return ranked.filter((t) => t.valid >= cut);
};

/** Domain rules of the reference data: pure functions, no I/O. */

/** How sure the data is, per language (e.g. 'verified', 'unofficial translation'). */
export type Confidence = Partial<Record<string, string>>;

/** Whether a confidence label says the text is a translation made for the platform. */
export const isUnofficialTranslation = (confidence: string | undefined | null) => Boolean(confidence && /unofficial translation/i.test(confidence));

/** '1.5' < '1.10' < '1.a': numbered targets first, then the lettered means of implementation. */
export const compareTargetCodes = (a: string, b: string) => {
  const key = (code: string) => {
    const [goal = '0', target = ''] = code.split('.');
    const n = Number(target);
    return [Number(goal), Number.isNaN(n) ? 100 + target.charCodeAt(0) : n] as const;
  };
  const [ga, ta] = key(a);
  const [gb, tb] = key(b);
  return ga - gb || ta - tb || a.localeCompare(b, 'en', { numeric: true });
};

export type CheckedTargets = { ok: true; targets: string[] } | { ok: false; error: 'unknown_targets'; codes: string[] };

/**
 * Every target of a matrix link must be a known target of the link's SDG, or the goal number
 * itself, which means "the goal as a whole" and is stored as no target.
 */
export const checkTargetCodes = ({ sdg, codes, known }: { sdg: number; codes: string[]; known: string[] }): CheckedTargets => {
  const knownSet = new Set(known);
  const targets = codes.filter((c) => c !== String(sdg));
  const unknown = targets.filter((c) => !knownSet.has(c));
  if (unknown.length > 0) return { ok: false, error: 'unknown_targets', codes: unknown };
  return { ok: true, targets: [...targets].sort(compareTargetCodes) };
};

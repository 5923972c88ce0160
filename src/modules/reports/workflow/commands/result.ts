/** What a reports command answers: done, or refused with a message key, the field it concerns and the message's values. */
export type Refusal = { ok: false; error: string; field: string; values?: Record<string, string | number> };
export type CommandResult<T = { id: number }> = ({ ok: true } & T) | Refusal;

/** A refusal: `error` is the last part of the key `reports.workflow.errors.<error>`. */
export const refuse = (error: string, field = '_form', values?: Record<string, string | number>): Refusal => ({ ok: false, error, field, ...(values ? { values } : {}) });

/** Thrown inside a transaction to roll it back and answer the refusal (see `refusing`). */
export class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.error);
  }
}

/** The UTC day of an instant ('2026-12-05'). */
export const dayOf = (now: Date) => now.toISOString().slice(0, 10);

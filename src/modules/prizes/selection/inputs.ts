import { z } from 'zod';

/** Each criterion is scored from 0 to SCORE_MAX (whole points). */
export const SCORE_MAX = 10;

/** A manager assigns an expert (an existing account with the expert role) to a category. */
export const assignExpertInput = z.object({ email: z.string().trim().toLowerCase().email().max(254), category: z.coerce.number().int().min(1).max(99) }).strict();
export type AssignExpertInput = z.output<typeof assignExpertInput>;

/** An expert's score of one nominee: every criterion of the edition, and a comment. */
export const scoreInput = z
  .object({
    criteria: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/), z.int().min(0).max(SCORE_MAX)),
    comment: z.string().trim().max(5000).optional(),
  })
  .strict();
export type ScoreInput = z.output<typeof scoreInput>;

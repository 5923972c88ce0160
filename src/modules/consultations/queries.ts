/**
 * Read side shared by the consultation's feature folders: a consultation, its versions and the
 * questionnaire answers are given on. Each folder has its own queries.ts for the rest.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.js';
import { type Fragment, fieldsText, rowOf, runStatement } from '../../core/db/statement.js';
import { notFound } from '../../core/http/problems.js';
import type { Questionnaire } from './questionnaire.js';
import { consultations, versions } from './tables.js';

export type Consultation = typeof consultations.$inferSelect;
export type ConsultationVersion = typeof versions.$inferSelect;

/** One consultation, or null. */
export const findConsultation = async (db: DbOrTx, id: number): Promise<Consultation | null> => {
  const [row] = await db.select().from(consultations).where(eq(consultations.id, id));
  return row ?? null;
};

/**
 * One consultation with the questionnaire answers are given on now (empty when none is written
 * yet), in one statement: what a save of an answer reads first. Null for an unknown id. `also`:
 * more columns the caller reads in the same statement (scalar subqueries, such as the country the
 * answer names or the caller's own answer), each under its name in `also` (a save is a handful of
 * statements: each round trip counts).
 */
export const findConsultationAndQuestionnaire = async <Also extends Record<string, Fragment> = Record<never, Fragment>>(
  db: DbOrTx,
  id: number,
  also: Also = {} as Also,
): Promise<{ consultation: Consultation; questionnaire: Questionnaire; also: { [K in keyof Also]: unknown } } | null> => {
  // Written as text (core/db/statement.ts): every save of an answer reads it.
  const names = Object.keys(also);
  const [row] = await runStatement(
    db,
    (p) => `select ${CONSULTATION_FIELDS}, v.questionnaire as "_questionnaire"${names.map((name, i) => `, ${(also[name] as Fragment)(p)} as "_also${i}"`).join('')}
      from consultations c left join consultations_versions v on v.consultation_id = c.id and v.version = c.current_version
      where c.id = ${p.param(id)}`,
  );
  if (!row) return null;
  return {
    consultation: rowOf<Consultation>(consultations, row),
    questionnaire: (row._questionnaire as Questionnaire | null) ?? { sections: [] },
    also: Object.fromEntries(names.map((name, i) => [name, row[`_also${i}`] ?? null])) as { [K in keyof Also]: unknown },
  };
};

const CONSULTATION_FIELDS = fieldsText(consultations, 'c');

/** One consultation; throws NotFound (a forged or unknown id). */
export const getConsultation = async (db: DbOrTx, id: number): Promise<Consultation> => {
  const row = Number.isSafeInteger(id) && id > 0 ? await findConsultation(db, id) : null;
  if (!row) throw notFound();
  return row;
};

/** One version of a consultation's questionnaire (the current one by default), or null. */
export const findVersion = async (
  db: DbOrTx,
  consultation: Pick<Consultation, 'id' | 'currentVersion'>,
  version = consultation.currentVersion,
): Promise<ConsultationVersion | null> => {
  const [row] = await db
    .select()
    .from(versions)
    .where(and(eq(versions.consultationId, consultation.id), eq(versions.version, version)));
  return row ?? null;
};

/** The questionnaire answers are given on now (empty when none is written yet). */
export const currentQuestionnaire = async (db: DbOrTx, consultation: Pick<Consultation, 'id' | 'currentVersion'>): Promise<Questionnaire> =>
  (await findVersion(db, consultation))?.questionnaire ?? { sections: [] };

/** Every version of a consultation, newest first. */
export const findVersions = async (db: DbOrTx, consultationId: number): Promise<ConsultationVersion[]> =>
  db.select().from(versions).where(eq(versions.consultationId, consultationId)).orderBy(desc(versions.version));

/** Where the consultation stands at `now`: its status, and whether answers are accepted. */
export const acceptsAnswers = (c: Pick<Consultation, 'status' | 'opensAt' | 'closesAt'>, now = new Date()) => c.status === 'open' && c.opensAt <= now && now < c.closesAt;

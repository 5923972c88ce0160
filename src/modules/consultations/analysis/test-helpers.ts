/** Consultations and submitted answers written directly, for the analysis' tests (the schema is fixed). */
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import type { AnswerValues } from '../questionnaire.js';
import { answers, consultations, versions } from '../tables.js';

let sequence = 0;

/** A closed consultation with one long-text question ('q1') and one choice with "other" ('q2'). */
export const insertConsultation = async (db: DbOrTx) => {
  const [row] = await db
    .insert(consultations)
    .values({
      status: 'closed',
      title: { en: 'Analysis test', fr: 'Essai d’analyse' },
      originalLanguage: 'en',
      opensAt: new Date('2026-01-01T00:00:00Z'),
      closesAt: new Date('2026-02-01T00:00:00Z'),
    })
    .returning({ id: consultations.id });
  if (!row) throw new Error('consultation not inserted');
  await db.insert(versions).values({
    consultationId: row.id,
    version: 1,
    questionnaire: {
      sections: [
        {
          id: 's1',
          title: { en: 'Views', fr: 'Avis' },
          questions: [
            { id: 'q1', type: 'long-text', label: { en: 'Your views', fr: 'Vos avis', ar: 'آراؤكم' }, required: true },
            { id: 'q2', type: 'single-choice', label: { en: 'Topic', fr: 'Thème' }, required: false, allowOther: true, options: [{ id: 'a', label: { en: 'A' } }] },
          ],
        },
      ],
    },
  });
  return row;
};

/** A submitted answer (texts not indexed: call indexAnswerTexts). */
export const insertAnswer = async (db: DbOrTx, { consultationId, language, values }: { consultationId: number; language: Locale; values: AnswerValues }) => {
  sequence++;
  const [row] = await db
    .insert(answers)
    .values({ consultationId, version: 1, respondent: `test:${sequence}:${Date.now()}`, status: 'submitted', language, values, submittedAt: new Date() })
    .returning({ id: answers.id });
  if (!row) throw new Error('answer not inserted');
  return row;
};

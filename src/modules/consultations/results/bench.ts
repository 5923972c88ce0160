/**
 * The results' load, for measuring: a consultation of 30 questions (all countable types and free
 * text) with `answers` submitted answers, a fifth of them from three campaigns, written in a few
 * statements. `measureResults` times the results page's data (consultationResults) under
 * `readers` concurrent readers.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Question, Questionnaire } from '../questionnaire.js';
import { consultationResults } from './results.js';
import { insertConsultation } from './test-helpers.js';

const option = (id: string) => ({ id, label: { en: `Option ${id}` } });

/** Question i of the 30 (types in turn: single, multiple, scale, yes-no, ranking, reference, long text). */
const questionAt = (i: number): Question => {
  const base = { id: `q${i}`, label: { en: `Question ${i}` }, required: false };
  switch (i % 7) {
    case 0:
      return { ...base, type: 'single-choice', options: ['a', 'b', 'c', 'd', 'e'].map(option), allowOther: true };
    case 1:
      return { ...base, type: 'multiple-choice', options: ['a', 'b', 'c', 'd'].map(option) };
    case 2:
      return { ...base, type: 'scale', min: 1, max: 5 };
    case 3:
      return { ...base, type: 'yes-no' };
    case 4:
      return { ...base, type: 'ranking', options: ['a', 'b', 'c'].map(option) };
    case 5:
      return { ...base, type: 'reference', list: 'countries', multiple: true };
    default:
      return { ...base, type: 'long-text' };
  }
};

export const BENCH_QUESTIONS = 30;

/** Seeds the load; returns the consultation's id. */
export const seedResultsBench = async (db: DbOrTx, { answers }: { answers: number }) => {
  const questionnaire: Questionnaire = { sections: [{ id: 's1', title: { en: 'Bench' }, questions: Array.from({ length: BENCH_QUESTIONS }, (_, i) => questionAt(i)) }] };
  const { id } = await insertConsultation(db, { status: 'published', questionnaires: [questionnaire] });
  // Each value from the answer's number n and the question's index i, so the set is the same every run.
  const value = (i: number) => {
    switch (i % 7) {
      case 0:
        return sql`jsonb_build_object('choice', (ARRAY['a','b','c','d','e','other'])[1 + (n * ${i + 3}) % 6])`;
      case 1:
        return sql`jsonb_build_object('choices', '[["a"], ["a", "b"], ["c", "d"], ["b"]]'::jsonb -> ((n * ${i + 1}) % 4))`;
      case 2:
        return sql`jsonb_build_object('number', 1 + (n * ${i + 7}) % 5)`;
      case 3:
        return sql`jsonb_build_object('yes', (n * ${i + 1}) % 3 <> 0)`;
      case 4:
        return sql`jsonb_build_object('order', '[["a", "b", "c"], ["b", "a", "c"], ["c", "b", "a"]]'::jsonb -> ((n * ${i + 1}) % 3))`;
      case 5:
        return sql`jsonb_build_object('codes', to_jsonb(ARRAY[(ARRAY['KE','FR','BR','IN','CN','EG'])[1 + (n * ${i + 1}) % 6]]))`;
      default:
        return sql`jsonb_build_object('text', CASE WHEN n % 5 = 0 THEN 'Campaign template ' || (n % 3) ELSE 'Own answer number ' || n || ' to question ${sql.raw(String(i))}' END)`;
    }
  };
  const values = sql.join(
    Array.from({ length: BENCH_QUESTIONS }, (_, i) => sql`${`q${i}`}::text, ${value(i)}`),
    sql`, `,
  );
  await db.execute(sql`
    INSERT INTO consultations_answers (consultation_id, version, respondent, language, status, values, stakeholder_type, country, region, gender, submitted_at)
    SELECT ${id}, 1, 'user:' || (1000000 + n), (ARRAY['en','fr','es','ar','ru','zh'])[1 + n % 6], 'submitted', jsonb_build_object(${values}),
      (ARRAY['government','private-sector','civil-society','academia'])[1 + n % 4], (ARRAY['KE','FR','BR','IN'])[1 + n % 4], (ARRAY['AFR','EUR','AMS','ASP'])[1 + n % 4],
      (ARRAY['female','male',NULL])[1 + n % 3], now()
    FROM generate_series(1, ${answers}) AS n`);
  await db.execute(sql`
    INSERT INTO consultations_texts (answer_id, question_id, consultation_id, language, body, search, signature)
    SELECT a.id, e.key, a.consultation_id, a.language, e.value ->> 'text', to_tsvector('simple', e.value ->> 'text'), ARRAY[1]
    FROM consultations_answers a CROSS JOIN LATERAL jsonb_each(a.values) e
    WHERE a.consultation_id = ${id} AND e.value ? 'text'`);
  // Three campaigns on each free-text question: the answers that wrote the template.
  await db.execute(sql`
    WITH groups AS (
      INSERT INTO consultations_campaigns (consultation_id, question_id, representative_answer_id, size)
      SELECT ${id}, t.question_id, min(t.answer_id), count(*) FROM consultations_texts t
      WHERE t.consultation_id = ${id} AND t.body LIKE 'Campaign template %' GROUP BY t.question_id, t.body
      RETURNING id, question_id, representative_answer_id
    )
    UPDATE consultations_texts t SET campaign_id = g.id FROM groups g, consultations_texts r
    WHERE r.answer_id = g.representative_answer_id AND r.question_id = g.question_id
      AND t.consultation_id = ${id} AND t.question_id = g.question_id AND t.body = r.body`);
  await db.execute(sql`ANALYZE consultations_answers`);
  await db.execute(sql`ANALYZE consultations_texts`);
  return id;
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Times `rounds` computations of the results with `readers` at once; milliseconds p50 and p95. */
export const measureResults = async (
  db: DbOrTx,
  { consultationId, readers, rounds, breakdown = null }: { consultationId: number; readers: number; rounds: number; breakdown?: 'gender' | null },
) => {
  const times: number[] = [];
  let next = 0;
  const reader = async () => {
    while (next < rounds) {
      next += 1;
      const started = performance.now();
      await consultationResults(db, consultationId, { locale: 'en', breakdown });
      times.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: readers }, reader));
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), rounds: times.length };
};

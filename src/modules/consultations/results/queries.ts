/**
 * Read side of the results: every figure is aggregated in the database (one pass over the
 * submitted answers' values per question), so 5,000 answers of 30 questions stay a few queries.
 *
 * "Each campaign counted once": an answer belonging to a campaign group (consultations_texts
 * .campaign_id: of this question's text, else the first group of any of its texts) is a member of
 * that group's unit; the other answers are their own unit. For each question, a unit counts once
 * per value it gave (its members' numbers are averaged).
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { users } from '../../../core/auth/tables.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { questionsOf } from '../questionnaire.js';
import type { ConsultationVersion } from '../queries.js';
import { syntheses } from '../tables.js';

/** Breakdowns the results offer (each a column copied on the answer at submission, or the answer's language). */
export const BREAKDOWNS = ['stakeholder', 'region', 'country', 'gender', 'language', 'kind'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** The group of an answer for a breakdown: a missing value is 'not-given' (shown, never guessed). */
const dimensionOf = (breakdown: Breakdown | null): SQL => {
  switch (breakdown) {
    case 'stakeholder':
      return sql`coalesce(a.stakeholder_type, 'not-given')`;
    case 'region':
      return sql`coalesce(a.region, 'not-given')`;
    case 'country':
      return sql`coalesce(a.country, 'not-given')`;
    case 'gender':
      return sql`coalesce(a.gender, 'not-given')`;
    case 'language':
      return sql`a.language`;
    case 'kind':
      return sql`CASE WHEN a.respondent LIKE 'org:%' THEN 'organization' ELSE 'individual' END`;
    default:
      return sql`''`;
  }
};

/** Each question of each version ('<version>:<question id>'), with its condition: a value is counted only for a question its version asked and did not hide. */
const questionsOfVersions = (all: ConsultationVersion[]) =>
  JSON.stringify(
    Object.fromEntries(
      all.flatMap((v) => questionsOf(v.questionnaire).map((q) => [`${v.version}:${q.id}`, { c: q.condition?.questionId ?? null, anyOf: q.condition?.anyOf ?? [] }])),
    ),
  );

/** The units (campaign groups or single answers) of the submitted answers, shared by the queries below. */
const unitsOf = (consultationId: number) => sql`
  camp AS (
    SELECT t.answer_id, t.question_id, t.campaign_id FROM consultations_texts t
    WHERE t.consultation_id = ${consultationId} AND t.campaign_id IS NOT NULL
  ),
  acamp AS (SELECT answer_id, min(campaign_id) AS c FROM camp GROUP BY answer_id)`;

export type TallyRow = {
  dim: string;
  q: string;
  /** '#' for the question itself (its respondents), else a choice, a scale value, an option, a code. */
  item: string;
  count: number;
  once: number;
  numSum: number | null;
  numSumOnce: number | null;
  ptsSum: number | null;
  ptsSumOnce: number | null;
};

/**
 * Counts per question and value of the submitted answers (as submitted and per unit), grouped by
 * the breakdown when one is asked. Values of questions hidden by their condition (in the version
 * the answer used) and of questions its version did not have are not counted.
 */
export const findTallies = async (db: DbOrTx, args: TallyArgs) =>
  db.transaction(async (tx) => {
    // One aggregate over every value: compiling it with JIT cost more than running it (0.4 s, up
    // to 7 s under load, measured), and its hash tables need more than the default work_mem.
    await tx.execute(sql`SET LOCAL jit = off`);
    await tx.execute(sql`SET LOCAL work_mem = '32MB'`);
    return (await tx.execute<TallyRow>(talliesQuery(args))).rows;
  });

type TallyArgs = { consultationId: number; versions: ConsultationVersion[]; breakdown: Breakdown | null };
/** The statement of findTallies (exported for EXPLAIN in measurements). */
export const talliesQuery = ({ consultationId, versions, breakdown }: TallyArgs) => sql`
    WITH a AS (
      SELECT a.id, a.version, a.values, ${dimensionOf(breakdown)} AS dim FROM consultations_answers a
      WHERE a.consultation_id = ${consultationId} AND a.status = 'submitted'
    ),
    qm AS (SELECT ${questionsOfVersions(versions)}::jsonb AS m),
    ${unitsOf(consultationId)},
    e AS (
      SELECT a.id, a.dim, a.values, e.key AS q, e.value AS val, qm.m -> (a.version::text || ':' || e.key) AS asked
      FROM a CROSS JOIN qm CROSS JOIN LATERAL jsonb_each(a.values) e
    ),
    v AS (
      SELECT e.id, e.dim, e.q, e.val FROM e
      WHERE e.asked IS NOT NULL AND coalesce(btrim(e.val ->> 'text'), 'x') <> ''
        AND (e.asked ->> 'c' IS NULL
          OR e.asked -> 'anyOf' @> to_jsonb(e.values -> (e.asked ->> 'c') ->> 'choice')
          OR e.asked -> 'anyOf' @> to_jsonb(CASE e.values -> (e.asked ->> 'c') ->> 'yes' WHEN 'true' THEN 'yes' WHEN 'false' THEN 'no' END)
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e.values -> (e.asked ->> 'c') -> 'choices') = 'array' THEN e.values -> (e.asked ->> 'c') -> 'choices' ELSE '[]'::jsonb END) ch
                     WHERE e.asked -> 'anyOf' @> jsonb_build_array(ch)))
    ),
    -- Each value as its items: '#' (the question answered) first, then the choices, the scale point, yes or no, the ranked options in order, the codes.
    u AS (
      SELECT coalesce(camp.campaign_id, acamp.c) AS camp, v.dim, v.q,
        CASE
          WHEN jsonb_typeof(v.val -> 'choice') = 'string' THEN ARRAY['#', v.val ->> 'choice']
          WHEN jsonb_typeof(v.val -> 'yes') = 'boolean' THEN ARRAY['#', CASE WHEN (v.val ->> 'yes')::boolean THEN 'yes' ELSE 'no' END]
          WHEN jsonb_typeof(v.val -> 'number') = 'number' THEN ARRAY['#', v.val ->> 'number']
          WHEN jsonb_typeof(v.val -> 'order') = 'array' THEN ARRAY['#'] || ARRAY(SELECT jsonb_array_elements_text(v.val -> 'order'))
          WHEN jsonb_typeof(v.val -> 'choices') = 'array' THEN ARRAY['#'] || ARRAY(SELECT DISTINCT c.x FROM jsonb_array_elements_text(v.val -> 'choices') AS c(x))
            || CASE WHEN coalesce(v.val ->> 'other', '') <> '' AND NOT (v.val -> 'choices' @> '["other"]'::jsonb) THEN ARRAY['other'] ELSE '{}'::text[] END
          WHEN jsonb_typeof(v.val -> 'codes') = 'array' THEN ARRAY['#'] || ARRAY(SELECT DISTINCT c.x FROM jsonb_array_elements_text(v.val -> 'codes') AS c(x))
          ELSE ARRAY['#']
        END AS items,
        CASE WHEN jsonb_typeof(v.val -> 'number') = 'number' THEN (v.val ->> 'number')::float8 END AS number,
        CASE WHEN jsonb_typeof(v.val -> 'order') = 'array' THEN jsonb_array_length(v.val -> 'order') END AS len
      FROM v LEFT JOIN camp ON camp.answer_id = v.id AND camp.question_id = v.q LEFT JOIN acamp ON acamp.answer_id = v.id
    ),
    i AS NOT MATERIALIZED (
      SELECT u.camp, u.dim, u.q, k.item,
        CASE WHEN u.len IS NULL THEN u.number WHEN k.pos > 1 THEN (k.pos - 1)::float8 END AS num,
        CASE WHEN u.len IS NOT NULL AND k.pos > 1 THEN (u.len + 2 - k.pos)::float8 END AS pts
      FROM u CROSS JOIN LATERAL unnest(u.items) WITH ORDINALITY AS k(item, pos)
      WHERE k.item IS NOT NULL
    ),
    -- An answer outside campaigns is its own unit; the members of a campaign are one unit, their numbers averaged.
    per_unit AS (
      SELECT dim, q, item, 1 AS n, num AS num_sum, num AS num_avg, pts AS pts_sum, pts AS pts_avg FROM i WHERE camp IS NULL
      UNION ALL
      SELECT dim, q, item, count(*), sum(num), avg(num), sum(pts), avg(pts) FROM i WHERE camp IS NOT NULL GROUP BY camp, dim, q, item
    )
    SELECT dim, q, item, sum(n)::int AS count, count(*)::int AS once,
      sum(num_sum)::float8 AS "numSum", sum(num_avg)::float8 AS "numSumOnce", sum(pts_sum)::float8 AS "ptsSum", sum(pts_avg)::float8 AS "ptsSumOnce"
    FROM per_unit GROUP BY dim, q, item`;

/** How many submitted answers used each version, per question (the results say which version each answer used). */
export const findQuestionVersions = async (db: DbOrTx, consultationId: number) => {
  const { rows } = await db.execute<{ q: string; version: number; count: number }>(sql`
    SELECT e.q, a.version, count(*)::int AS count
    FROM consultations_answers a CROSS JOIN LATERAL jsonb_object_keys(a.values) AS e(q)
    WHERE a.consultation_id = ${consultationId} AND a.status = 'submitted'
    GROUP BY e.q, a.version`);
  return rows;
};

export type ParticipationRow = { dimension: string; key: string; count: number; once: number };

/** Submitted answers by respondent kind, language, stakeholder type, ITU region, country, gender and version (as submitted and per unit). */
export const findParticipation = async (db: DbOrTx, consultationId: number) => {
  const { rows } = await db.execute<ParticipationRow>(sql`
    WITH ${unitsOf(consultationId)},
    a AS (
      SELECT a.*, coalesce('c' || acamp.c::text, 'a' || a.id::text) AS unit
      FROM consultations_answers a LEFT JOIN acamp ON acamp.answer_id = a.id
      WHERE a.consultation_id = ${consultationId} AND a.status = 'submitted'
    )
    SELECT d.dimension, d.key, count(*)::int AS count, count(DISTINCT a.unit)::int AS once
    FROM a CROSS JOIN LATERAL (VALUES
      ('total', ''),
      ('kind', CASE WHEN a.respondent LIKE 'org:%' THEN 'organization' ELSE 'individual' END),
      ('language', a.language),
      ('stakeholder', coalesce(a.stakeholder_type, 'not-given')),
      ('region', coalesce(a.region, 'not-given')),
      ('country', coalesce(a.country, 'not-given')),
      ('gender', coalesce(a.gender, 'not-given')),
      ('version', a.version::text)
    ) AS d(dimension, key)
    GROUP BY d.dimension, d.key`);
  return rows;
};

/** Theme counts per question of the coded free-text answers (submitted ones), with their codebook labels. */
export const findThemeTallies = async (db: DbOrTx, consultationId: number) => {
  const { rows } = await db.execute<{ q: string; themeId: number; label: Record<string, string>; count: number; once: number }>(sql`
    WITH ${unitsOf(consultationId)}
    SELECT at.question_id AS q, th.id::int AS "themeId", th.label, count(*)::int AS count,
      count(DISTINCT coalesce('c' || coalesce(camp.campaign_id, acamp.c)::text, 'a' || a.id::text))::int AS once
    FROM consultations_answer_themes at
    JOIN consultations_themes th ON th.id = at.theme_id
    JOIN consultations_answers a ON a.id = at.answer_id AND a.status = 'submitted' AND a.consultation_id = ${consultationId}
    LEFT JOIN camp ON camp.answer_id = a.id AND camp.question_id = at.question_id
    LEFT JOIN acamp ON acamp.answer_id = a.id
    GROUP BY at.question_id, th.id, th.label
    ORDER BY count(*) DESC, th.id`);
  return rows;
};

export type CampaignGroupRow = { id: number; q: string; size: number; text: string; language: string };

/** The campaign groups of two or more submitted answers, with their representative text, largest first. */
export const findCampaignGroups = async (db: DbOrTx, consultationId: number) => {
  const { rows } = await db.execute<CampaignGroupRow>(sql`
    SELECT c.id::int AS id, c.question_id AS q, count(m.answer_id)::int AS size,
      coalesce(r.body, '') AS text, coalesce(r.language, '') AS language
    FROM consultations_campaigns c
    JOIN consultations_texts m ON m.campaign_id = c.id
    JOIN consultations_answers a ON a.id = m.answer_id AND a.status = 'submitted'
    LEFT JOIN consultations_texts r ON r.answer_id = c.representative_answer_id AND r.question_id = c.question_id
    WHERE c.consultation_id = ${consultationId}
    GROUP BY c.id, c.question_id, r.body, r.language
    HAVING count(m.answer_id) >= 2
    ORDER BY count(m.answer_id) DESC, c.id`);
  return rows;
};

export type QuoteRow = { q: string; themeId: number; answerId: number; text: string; language: string };

/** Up to `perTheme` short quotes of coded answers for each theme (shortest texts of answers outside campaigns first, then campaign representatives). */
export const findThemeQuotes = async (db: DbOrTx, { consultationId, perTheme }: { consultationId: number; perTheme: number }) => {
  const { rows } = await db.execute<QuoteRow>(sql`
    SELECT q, "themeId", "answerId", text, language FROM (
      SELECT at.question_id AS q, at.theme_id::int AS "themeId", a.id::int AS "answerId", t.body AS text, t.language,
        row_number() OVER (PARTITION BY at.theme_id ORDER BY (t.campaign_id IS NOT NULL), length(t.body), a.id) AS rank
      FROM consultations_answer_themes at
      JOIN consultations_answers a ON a.id = at.answer_id AND a.status = 'submitted' AND a.consultation_id = ${consultationId}
      JOIN consultations_texts t ON t.answer_id = at.answer_id AND t.question_id = at.question_id
    ) ranked WHERE rank <= ${perTheme}
    ORDER BY "themeId", rank`);
  return rows;
};

export type FrozenSynthesis = { data: unknown; frozenAt: Date; frozenBy: number | null; frozenByName: string | null };

/** The frozen synthesis of a consultation, with the name of who froze it, or null. */
export const findFrozenSynthesis = async (db: DbOrTx, consultationId: number): Promise<FrozenSynthesis | null> => {
  const [row] = await db
    .select({ data: syntheses.data, frozenAt: syntheses.frozenAt, frozenBy: syntheses.frozenBy, frozenByName: users.name })
    .from(syntheses)
    .leftJoin(users, eq(users.id, syntheses.frozenBy))
    .where(eq(syntheses.consultationId, consultationId));
  return row ?? null;
};

/** Consultations whose close falls in [from, to) and before `before` (a report's cut-off), and whose results are published (for the periodic reports). */
export const findPublishedClosedBetween = async (db: DbOrTx, { from, to, before = to }: { from: Date; to: Date; before?: Date }) => {
  const end = before < to ? before : to;
  const { rows } = await db.execute<{ id: number }>(sql`
    SELECT id::int AS id FROM consultations WHERE status = 'published' AND closes_at >= ${from.toISOString()} AND closes_at < ${end.toISOString()} ORDER BY closes_at, id`);
  return rows.map((r) => r.id);
};

/**
 * The version of everything the results of a consultation are computed from (submitted answers,
 * texts and campaign groups, codebook and coding, questionnaires, the consultation itself): deferred
 * triggers (migration 0019) bump it once per committed transaction that changed one of them, so
 * computed results can be kept until it moves. One read of at most 16 rows by primary key; nothing
 * of the answers is scanned. Drafts do not move it (they are not in the results).
 */
export const findResultsVersion = async (db: DbOrTx, consultationId: number): Promise<number> => {
  const { rows } = await db.execute<{ v: string | number }>(
    sql`SELECT coalesce(sum(version), 0)::bigint AS v FROM consultations_results_versions WHERE consultation_id = ${consultationId}`,
  );
  return Number(rows[0]?.v ?? 0);
};

/**
 * Read side of the analysis: free-text search of a consultation's answers (core/search, the same
 * analysis and query reading as stocktaking), its campaigns, the texts of one campaign, the codebook
 * with each theme's count, and the themes of answers. Only analysts reach these (routes authorize
 * consultations.consultation.analyse); every query is limited to one consultation.
 */
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale, Localized } from '../../../core/i18n/locales.js';
import { anyLanguageQuery, prepareSearchText } from '../../../core/search/index.js';
import { questionsOf } from '../questionnaire.js';
import { answerThemes, campaigns, texts, themes, versions } from '../tables.js';

/** Longest query read (characters). */
export const MAX_QUERY_CHARS = 200;
export const SEARCH_PAGE_SIZE = 50;

export type TextHit = { answerId: number; questionId: string; language: Locale; body: string; campaignId: number | null };

/** The condition of a search of free texts (null when the query has no word). */
export const textMatch = (q: string): SQL | null => {
  const prepared = prepareSearchText(q.trim().slice(0, MAX_QUERY_CHARS));
  if (!/[\p{L}\p{N}]/u.test(prepared)) return null;
  return sql`${texts.search} @@ ${anyLanguageQuery(prepared)}`;
};

/**
 * Free texts of a consultation matching a query written in any of the six languages (stems of each
 * language, Arabic normalized, Chinese segmented), optionally of one question; best matches first.
 */
export const searchTexts = async (
  db: DbOrTx,
  { consultationId, q, questionId, limit = SEARCH_PAGE_SIZE, offset = 0 }: { consultationId: number; q: string; questionId?: string; limit?: number; offset?: number },
): Promise<{ items: TextHit[]; total: number }> => {
  const match = textMatch(q);
  if (!match) return { items: [], total: 0 };
  const where = and(eq(texts.consultationId, consultationId), questionId ? eq(texts.questionId, questionId) : undefined, match);
  const [items, [counted]] = await Promise.all([
    db
      .select({ answerId: texts.answerId, questionId: texts.questionId, language: texts.language, body: texts.body, campaignId: texts.campaignId })
      .from(texts)
      .where(where)
      .orderBy(desc(sql`ts_rank_cd(${texts.search}, ${anyLanguageQuery(prepareSearchText(q.trim().slice(0, MAX_QUERY_CHARS)))})`), asc(texts.answerId), asc(texts.questionId))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(texts).where(where),
  ]);
  return { items, total: counted?.n ?? 0 };
};

export type CampaignRow = { id: number; questionId: string; size: number; representativeAnswerId: number; representativeText: string; language: Locale };

/** The campaigns of a consultation, largest first, with their representative text. */
export const findCampaigns = async (db: DbOrTx, { consultationId, questionId }: { consultationId: number; questionId?: string }): Promise<CampaignRow[]> =>
  db
    .select({
      id: campaigns.id,
      questionId: campaigns.questionId,
      size: campaigns.size,
      representativeAnswerId: campaigns.representativeAnswerId,
      representativeText: sql<string>`coalesce(${texts.body}, '')`,
      language: sql<Locale>`coalesce(${texts.language}, 'en')`,
    })
    .from(campaigns)
    .leftJoin(texts, and(eq(texts.answerId, campaigns.representativeAnswerId), eq(texts.questionId, campaigns.questionId)))
    .where(and(eq(campaigns.consultationId, consultationId), questionId ? eq(campaigns.questionId, questionId) : undefined))
    .orderBy(desc(campaigns.size), asc(campaigns.id));

/** One campaign of a consultation, or null (an id of another consultation is none). */
export const findCampaign = async (db: DbOrTx, { consultationId, campaignId }: { consultationId: number; campaignId: number }) => {
  const [row] = (await findCampaigns(db, { consultationId })).filter((c) => c.id === campaignId);
  return row ?? null;
};

/** The texts of one campaign, in answer order. */
export const findCampaignTexts = async (db: DbOrTx, { consultationId, campaignId }: { consultationId: number; campaignId: number }): Promise<TextHit[]> =>
  db
    .select({ answerId: texts.answerId, questionId: texts.questionId, language: texts.language, body: texts.body, campaignId: texts.campaignId })
    .from(texts)
    .where(and(eq(texts.consultationId, consultationId), eq(texts.campaignId, campaignId)))
    .orderBy(asc(texts.answerId));

/** Each text of a consultation with its campaign (for measuring the detection). */
export const findTextCampaigns = async (db: DbOrTx, consultationId: number) =>
  db.select({ answerId: texts.answerId, questionId: texts.questionId, campaignId: texts.campaignId }).from(texts).where(eq(texts.consultationId, consultationId));

/** One free text of an answer, or null. */
export const findText = async (db: DbOrTx, { consultationId, answerId, questionId }: { consultationId: number; answerId: number; questionId: string }) => {
  const [row] = await db
    .select({ answerId: texts.answerId, questionId: texts.questionId, language: texts.language, body: texts.body, campaignId: texts.campaignId })
    .from(texts)
    .where(and(eq(texts.consultationId, consultationId), eq(texts.answerId, answerId), eq(texts.questionId, questionId)));
  return row ?? null;
};

export type ThemeRow = { id: number; label: Localized; description: Localized; answers: number; texts: number };

/**
 * The codebook of a consultation with each theme's counts: the answers tagged with it (an answer
 * tagged on two questions counts once) and the texts tagged with it.
 */
export const findThemes = async (db: DbOrTx, consultationId: number): Promise<ThemeRow[]> =>
  db
    .select({
      id: themes.id,
      label: themes.label,
      description: themes.description,
      answers: sql<number>`count(distinct ${answerThemes.answerId})::integer`,
      texts: sql<number>`count(${answerThemes.answerId})::integer`,
    })
    .from(themes)
    .leftJoin(answerThemes, eq(answerThemes.themeId, themes.id))
    .where(eq(themes.consultationId, consultationId))
    .groupBy(themes.id)
    .orderBy(asc(themes.id));

/** The ids of the themes of a consultation among `ids` (forged or foreign ids dropped). */
export const findThemeIds = async (db: DbOrTx, { consultationId, ids }: { consultationId: number; ids: number[] }): Promise<number[]> => {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: themes.id })
    .from(themes)
    .where(and(eq(themes.consultationId, consultationId), inArray(themes.id, ids)));
  return rows.map((r) => r.id);
};

/** The themes given to the texts of some answers: `${answerId}:${questionId}` → theme ids. */
export const findTextThemes = async (db: DbOrTx, answerIds: number[]): Promise<Map<string, number[]>> => {
  const out = new Map<string, number[]>();
  if (answerIds.length === 0) return out;
  const rows = await db
    .select({ answerId: answerThemes.answerId, questionId: answerThemes.questionId, themeId: answerThemes.themeId })
    .from(answerThemes)
    .where(inArray(answerThemes.answerId, answerIds))
    .orderBy(asc(answerThemes.themeId));
  for (const r of rows) {
    const key = `${r.answerId}:${r.questionId}`;
    out.set(key, [...(out.get(key) ?? []), r.themeId]);
  }
  return out;
};

/** Every question of every version of a consultation: id → label (the newest version's label). */
export const consultationQuestions = async (db: DbOrTx, consultationId: number): Promise<Map<string, Localized>> => {
  const rows = await db.select({ questionnaire: versions.questionnaire }).from(versions).where(eq(versions.consultationId, consultationId)).orderBy(asc(versions.version));
  const out = new Map<string, Localized>();
  for (const row of rows) for (const question of questionsOf(row.questionnaire)) out.set(question.id, question.label);
  return out;
};

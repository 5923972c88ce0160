/**
 * Test data for the results: consultations, versions, answers, campaign groups and coding written
 * directly (the other feature folders' commands write them in the application).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import type { AnswerValues, Questionnaire } from '../questionnaire.js';
import { answers, answerThemes, campaigns, type ConsultationStatus, consultations, type Gender, texts, themes, versions } from '../tables.js';

export const insertConsultation = async (
  db: DbOrTx,
  {
    status = 'closed',
    questionnaires,
    title = { en: 'Call for contributions on rural connectivity', fr: 'Appel à contributions sur la connectivité rurale', ar: 'دعوة إلى تقديم مساهمات بشأن التوصيل الريفي' },
    closesAt = new Date('2026-03-01T00:00:00Z'),
  }: {
    status?: ConsultationStatus;
    questionnaires: Questionnaire[];
    title?: Record<string, string>;
    closesAt?: Date;
  },
) => {
  const [row] = await db
    .insert(consultations)
    .values({ status, title, originalLanguage: 'en', opensAt: new Date(closesAt.getTime() - 30 * 86400_000), closesAt, currentVersion: questionnaires.length })
    .returning();
  if (!row) throw new Error('no consultation');
  for (const [i, questionnaire] of questionnaires.entries()) {
    await db.insert(versions).values({ consultationId: row.id, version: i + 1, questionnaire, changeNote: i > 0 ? { en: 'Option c added' } : {} });
  }
  return row;
};

let respondentSeq = 0;
export type AnswerSpec = {
  version: number;
  values: AnswerValues;
  kind?: 'org' | 'user';
  language?: Locale;
  status?: 'draft' | 'submitted';
  stakeholderType?: string | null;
  country?: string | null;
  region?: string | null;
  gender?: Gender | null;
};

/** A submitted (or draft) answer; free texts get their consultations_texts row, as submission writes them. */
export const insertAnswer = async (db: DbOrTx, consultationId: number, spec: AnswerSpec) => {
  respondentSeq += 1;
  const [row] = await db
    .insert(answers)
    .values({
      consultationId,
      version: spec.version,
      respondent: `${spec.kind ?? 'user'}:${900000 + respondentSeq}`,
      language: spec.language ?? 'en',
      status: spec.status ?? 'submitted',
      values: spec.values,
      stakeholderType: spec.stakeholderType ?? null,
      country: spec.country ?? null,
      region: spec.region ?? null,
      gender: spec.gender ?? null,
      submittedAt: spec.status === 'draft' ? null : new Date(),
    })
    .returning();
  if (!row) throw new Error('no answer');
  for (const [questionId, value] of Object.entries(spec.values)) {
    if (!('text' in value)) continue;
    await db.insert(texts).values({
      answerId: row.id,
      questionId,
      consultationId,
      language: spec.language ?? 'en',
      body: value.text,
      search: sql`to_tsvector('simple', ${value.text})`,
      signature: [1],
    });
  }
  return row;
};

/** A campaign group of the answers' texts to one question; the first answer stands for it. */
export const insertCampaign = async (db: DbOrTx, { consultationId, questionId, answerIds }: { consultationId: number; questionId: string; answerIds: number[] }) => {
  const [row] = await db
    .insert(campaigns)
    .values({ consultationId, questionId, representativeAnswerId: answerIds[0] as number, size: answerIds.length })
    .returning();
  if (!row) throw new Error('no campaign');
  for (const id of answerIds) await db.execute(sql`UPDATE consultations_texts SET campaign_id = ${row.id} WHERE answer_id = ${id} AND question_id = ${questionId}`);
  return row;
};

/** A theme of the codebook given to answers of a question. */
export const insertTheme = async (
  db: DbOrTx,
  { consultationId, label, questionId, answerIds }: { consultationId: number; label: Record<string, string>; questionId: string; answerIds: number[] },
) => {
  const [row] = await db.insert(themes).values({ consultationId, label }).returning();
  if (!row) throw new Error('no theme');
  for (const answerId of answerIds) await db.insert(answerThemes).values({ answerId, questionId, themeId: row.id });
  return row;
};

const opt = (id: string, en: string, fr: string, ar: string) => ({ id, label: { en, fr, ar } });

/** Version 1 of the known questionnaire; version 2 adds option c and a short question. */
export const questionnaireV1: Questionnaire = {
  sections: [
    {
      id: 's1',
      title: { en: 'About you', fr: 'À votre sujet', ar: 'معلومات عنكم' },
      questions: [
        {
          id: 'role',
          type: 'single-choice',
          label: { en: 'Your role', fr: 'Votre rôle', ar: 'دوركم' },
          required: true,
          allowOther: true,
          options: [opt('a', 'Operator', 'Opérateur', 'مشغل'), opt('b', 'Regulator', 'Régulateur', 'منظم')],
        },
        {
          id: 'topics',
          type: 'multiple-choice',
          label: { en: 'Topics', fr: 'Thèmes', ar: 'المواضيع' },
          required: false,
          options: [opt('x', 'Access', 'Accès', 'النفاذ'), opt('y', 'Skills', 'Compétences', 'المهارات'), opt('z', 'Trust', 'Confiance', 'الثقة')],
        },
        { id: 'scale', type: 'scale', label: { en: 'Priority', fr: 'Priorité', ar: 'الأولوية' }, required: true, min: 1, max: 5 },
        { id: 'agree', type: 'yes-no', label: { en: 'Do you agree?', fr: 'Êtes-vous d’accord ?', ar: 'هل توافقون؟' }, required: true },
        { id: 'why', type: 'long-text', label: { en: 'Why?', fr: 'Pourquoi ?', ar: 'لماذا؟' }, required: false, condition: { questionId: 'agree', anyOf: ['yes'] } },
        {
          id: 'rank',
          type: 'ranking',
          label: { en: 'Rank the goals', fr: 'Classez les objectifs', ar: 'رتبوا الأهداف' },
          required: false,
          options: [opt('r1', 'Coverage', 'Couverture', 'التغطية'), opt('r2', 'Price', 'Prix', 'السعر'), opt('r3', 'Speed', 'Débit', 'السرعة')],
        },
        { id: 'where', type: 'reference', list: 'countries', multiple: true, label: { en: 'Countries', fr: 'Pays', ar: 'البلدان' }, required: false },
      ],
    },
  ],
};

export const questionnaireV2: Questionnaire = {
  sections: [
    {
      ...(questionnaireV1.sections[0] as Questionnaire['sections'][number]),
      questions: [
        ...(questionnaireV1.sections[0]?.questions ?? []).map((q) =>
          q.id === 'role' && q.type === 'single-choice' ? { ...q, options: [...q.options, opt('c', 'Academic', 'Universitaire', 'أكاديمي')] } : q,
        ),
        { id: 'more', type: 'short-text', label: { en: 'Anything else', fr: 'Autre chose', ar: 'أي شيء آخر' }, required: false },
      ],
    },
  ],
};

const CAMPAIGN_TEXT = 'Affordable rural broadband must come first in every national plan';

/**
 * The known data set: five submitted answers (three in one campaign on `why`), a draft, a value
 * of a hidden question, two versions, genders given and not. Expected figures are in results.test.ts.
 */
export const insertKnownResults = async (db: DbOrTx, { status = 'published' }: { status?: ConsultationStatus } = {}) => {
  const consultation = await insertConsultation(db, { status, questionnaires: [questionnaireV1, questionnaireV2] });
  const id = consultation.id;
  const a1 = await insertAnswer(db, id, {
    version: 1,
    kind: 'org',
    language: 'fr',
    stakeholderType: 'government',
    country: 'KE',
    region: 'AFR',
    values: {
      role: { choice: 'a' },
      topics: { choices: ['x', 'y'] },
      scale: { number: 5 },
      agree: { yes: true },
      why: { text: CAMPAIGN_TEXT },
      rank: { order: ['r1', 'r2', 'r3'] },
      where: { codes: ['KE'] },
    },
  });
  const a2 = await insertAnswer(db, id, {
    version: 1,
    gender: 'female',
    stakeholderType: 'civil-society',
    values: {
      role: { choice: 'a' },
      topics: { choices: ['x'] },
      scale: { number: 4 },
      agree: { yes: true },
      why: { text: `${CAMPAIGN_TEXT}!` },
      rank: { order: ['r1', 'r3', 'r2'] },
      where: { codes: ['KE', 'FR'] },
    },
  });
  const a3 = await insertAnswer(db, id, {
    version: 1,
    gender: 'male',
    language: 'ar',
    values: {
      role: { choice: 'b' },
      topics: { choices: [] },
      scale: { number: 2 },
      agree: { yes: false },
      why: { text: 'A value of a hidden question, never counted' },
      rank: { order: ['r2', 'r1', 'r3'] },
    },
  });
  const a4 = await insertAnswer(db, id, {
    version: 2,
    kind: 'org',
    stakeholderType: 'private-sector',
    values: {
      role: { choice: 'other', other: 'Foundation' },
      topics: { choices: ['z'] },
      scale: { number: 3 },
      agree: { yes: true },
      why: { text: `${CAMPAIGN_TEXT}.` },
      rank: { order: ['r1', 'r2', 'r3'] },
      more: { text: 'Thanks' },
    },
  });
  const a5 = await insertAnswer(db, id, {
    version: 2,
    language: 'es',
    values: { role: { choice: 'c' }, scale: { number: 5 }, agree: { yes: true }, why: { text: 'Community networks need spectrum' } },
  });
  await insertAnswer(db, id, { version: 2, status: 'draft', values: { role: { choice: 'a' }, scale: { number: 1 } } });
  const campaign = await insertCampaign(db, { consultationId: id, questionId: 'why', answerIds: [a1.id, a2.id, a4.id] });
  const theme = await insertTheme(db, {
    consultationId: id,
    questionId: 'why',
    label: { en: 'Affordability', fr: 'Coût abordable', ar: 'القدرة على تحمل التكاليف' },
    answerIds: [a1.id, a2.id, a5.id],
  });
  return { consultation, answers: { a1, a2, a3, a4, a5 }, campaign, theme, campaignText: CAMPAIGN_TEXT };
};

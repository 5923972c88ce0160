/**
 * Saves the caller's answer (a draft, or a submission), all or nothing: who answers (the
 * audience, the organization's membership), the values (validate.ts), the time (a submission
 * only between the open and the close; a late one keeps the draft), one row per respondent by
 * the unique index (INSERT … ON CONFLICT, so two members of one organization write one answer),
 * the free texts stored for search and campaigns (no lock: placing them in campaigns is the
 * analysis' job, started in the background once the transaction committed), and on submission the
 * receipt (a notification and an e-mail with a copy of the answer). Most saves take two round
 * trips, a read and one statement that writes everything if the answer is still as read
 * (core/db/optimistic.ts); the others run in a transaction that locks the answer first.
 */
import { newTextsFragment, storeAnswerTexts } from '../../analysis/index-texts.js';
import { placeTextsSoon } from '../../analysis/place-texts.js';
import { eq } from 'drizzle-orm';
import { type AuditEntry, recordActionFragment } from '../../../../core/audit/record.js';
import type { Db, DbOrTx } from '../../../../core/db/client.js';
import { expectRows, NeedsLock, withOptimism } from '../../../../core/db/optimistic.js';
import { type Fragment, raw, runStatement } from '../../../../core/db/statement.js';
import { isLocale, type Locale } from '../../../../core/i18n/locales.js';
import { formatters, isolate, localizer, localizeWithLocale } from '../../../../core/i18n/translate.js';
import { enqueueMailFragment } from '../../../../core/mail/outbox.js';
import { notifyFragment } from '../../../../core/notifications/notify.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { findOrganizationsOfUser } from '../../../accounts/queries.js';
import { type CountryRead, countryColumn, findCountry } from '../../../reference/queries.js';
import { audienceNeedsOrganizations } from '../../audience.js';
import { type Consultation, findConsultationAndQuestionnaire } from '../../queries.js';
import { type AnswerValues, type Questionnaire, questionsOf, type ReferenceList } from '../../questionnaire.js';
import { answers, attachments, type Gender } from '../../tables.js';
import { ANSWER_FIELDS_TEXT, answerOfRow } from '../answer-rows.js';
import { answerCopy } from '../copy.js';
import { answerReceived } from '../notifications.js';
import { type Answer, answerOfJson, findReferenceCodes, findRespondentAnswers, ownAnswerColumns, respondentAnswersOf, respondentKey, rowVersionOf } from '../queries.js';
import { audienceRefusal, type RespondentChoice, respondentRefusal, submissionMoment } from '../rules.js';
import { type AnswerProblem, validateValues } from '../validate.js';

export type SaveAnswerInput = {
  respondent: RespondentChoice;
  language: Locale;
  /** Values by question id, as validate.ts reads them. */
  values: Record<string, unknown>;
  gender?: Gender | null;
  /** An individual's country (ISO 3166 code); an organization's is its own. */
  country?: string | null;
  publish?: boolean;
};

export type SaveAnswerResult =
  | { ok: true; answer: Answer; submitted: boolean }
  | { ok: false; error: 'not_found' }
  | { ok: false; error: 'forbidden'; reason: string }
  | { ok: false; error: 'invalid'; problems: AnswerProblem[] }
  /** Submissions are not taken now; `kept` when the values were saved as a draft. */
  | { ok: false; error: 'closed' | 'not_yet_open'; consultation: Consultation; kept: boolean };

/** The consultation, if it can be answered at all (a draft consultation is not there for respondents). */
const answerable = (c: Consultation | null): c is Consultation => c !== null && c.status !== 'draft';

export const saveAnswer = async (
  db: Db,
  {
    actor,
    consultationId,
    input: given,
    replaceAll,
    stepQuestionIds = [],
    hidden,
    submit,
    baseUrl = '',
    now = new Date(),
    ip,
    onPlacingError = reportPlacingError,
  }: {
    actor: Actor;
    consultationId: number;
    /** The answer, or 'saved': the caller's saved answer as it stands (a submission without a body; not_found when there is none). */
    input: SaveAnswerInput | 'saved';
    /** The values replace the whole answer (the API), or only the questions of `stepQuestionIds` (a page of the form). */
    replaceAll: boolean;
    stepQuestionIds?: string[];
    hidden: 'refuse' | 'drop';
    submit: boolean;
    baseUrl?: string;
    now?: Date;
    ip?: string;
    /** Where a failure of the background placing goes (the request has answered by then). */
    onPlacingError?: (error: unknown) => void;
  },
): Promise<SaveAnswerResult> => {
  let textsWaiting = 0;
  /**
   * The save, optimistic (`tx` the database: reads without locks, then one statement whose write
   * checks that the respondent's answer is still the version read, see core/db/optimistic.ts) or
   * locked (`tx` a transaction: the respondent's answer read `for update`). The optimistic save
   * covers an answer written for the first time, a draft saved again and a draft submitted; the
   * rest (a submitted answer changed, a draft carried over to another respondent) and a save that
   * met another writer of the same answer run locked.
   */
  const save = async (tx: DbOrTx, optimistic: boolean): Promise<SaveAnswerResult> => {
    textsWaiting = 0;
    // The consultation, its questionnaire and the caller's answers in one statement (a save is a
    // handful of statements: each round trip counts). An individual's country, when the answer
    // names it, is read in it too. The respondent a given answer names is known before the
    // organization's membership is checked: its row is read (locked on the locked path), and used
    // only once the check passed.
    const named = given !== 'saved' && given.respondent.kind === 'individual' && given.country ? given.country : null;
    const asked =
      given === 'saved'
        ? null
        : given.respondent.kind === 'organization'
          ? respondentKey({ organizationId: given.respondent.organizationId })
          : respondentKey({ userId: actor.id });
    const answerColumns = ownAnswerColumns({ consultationId, userId: actor.id, respondent: asked, lockMine: !optimistic, lockOwn: given === 'saved' && !optimistic });
    const found = await findConsultationAndQuestionnaire(tx, consultationId, {
      // A submission of the saved answer reads the country that answer names.
      place: countryColumn(given === 'saved' ? (p) => `(${answerColumns.own(p)})->>'country'` : named),
      ...answerColumns,
    });
    if (!found || !answerable(found.consultation)) return { ok: false, error: 'not_found' };
    const { consultation, questionnaire } = found;
    const read = respondentAnswersOf(found.also);
    // Submitting what was saved: the caller's answer, read locked; it is the respondent's row below.
    const saved = given === 'saved' ? answerOfJson(found.also.own) : null;
    if (given === 'saved' && !saved) return { ok: false, error: 'not_found' };
    const input = saved ? savedInput(saved) : (given as SaveAnswerInput);
    if (consultation.status !== 'open') return { ok: false, error: 'closed', consultation, kept: false };
    // A person answering for themselves where the audience rule ignores organizations needs none of them.
    const organizations = input.respondent.kind === 'organization' || audienceNeedsOrganizations(consultation) ? await findOrganizationsOfUser(tx, actor.id) : [];
    const refusal = audienceRefusal(consultation, actor, organizations) ?? respondentRefusal(consultation, input.respondent, organizations);
    if (refusal) return { ok: false, error: 'forbidden', reason: refusal };
    const organization = input.respondent.kind === 'organization' ? organizations.find((o) => o.id === (input.respondent as { organizationId: number }).organizationId) : undefined;
    const respondent = organization ? respondentKey({ organizationId: organization.id }) : respondentKey({ userId: actor.id });

    const known = new Set(questionsOf(questionnaire).map((q) => q.id));
    // The respondent's answer (locked on the locked path; the optimistic write checks its version
    // instead); when there is none, the caller's own latest answer (not locked: changing who answers
    // carries a draft over to the new respondent). Read by the first statement, or here when the
    // saved draft's respondent is not the one it is submitted for (the locked path only).
    if (optimistic && saved?.respondent !== respondent && asked !== respondent) throw new NeedsLock();
    const { existing, own } =
      saved?.respondent === respondent
        ? { existing: saved, own: null }
        : asked === respondent
          ? read
          : await findRespondentAnswers(tx, { consultationId: consultation.id, respondent, userId: actor.id });
    // The version of the answer read, which an optimistic write expects to find.
    const existingVersion = existing ? rowVersionOf(saved ? found.also.own : found.also.mine) : null;
    const carried = own && own.status === 'draft' ? own : null;
    const base: AnswerValues = (existing ?? carried)?.values ?? {};
    const step = new Set(stepQuestionIds);
    const incoming = replaceAll ? input.values : { ...Object.fromEntries(Object.entries(base).filter(([id]) => known.has(id) && !step.has(id))), ...input.values };

    const moment = submissionMoment(consultation, now);
    // A submitted answer changes only while submissions are taken.
    if (existing?.status === 'submitted' && moment !== 'open') return { ok: false, error: moment, consultation, kept: false };
    const late = submit && moment !== 'open';
    const complete = (submit && !late) || existing?.status === 'submitted';

    const lists = questionsOf(questionnaire).flatMap((q) => (q.type === 'reference' ? [q.list] : [])) as ReferenceList[];
    const codes = await findReferenceCodes(tx, lists);
    const { values, problems } = validateValues({
      questionnaire,
      values: incoming,
      language: input.language,
      referenceCodes: (list) => codes.get(list) ?? new Set(),
      hidden,
      submit: complete,
    });
    // A file answer names a file attached to this answer, for this question.
    const files = Object.entries(values).filter(([, v]) => 'attachmentId' in v) as [string, { attachmentId: number }][];
    // The answer's files (their names go into the receipt), read only when the answer names one.
    const attached =
      files.length > 0 && (existing ?? carried)
        ? await tx
            .select({ id: attachments.id, questionId: attachments.questionId, fileName: attachments.fileName })
            .from(attachments)
            .where(eq(attachments.answerId, (existing ?? carried)?.id as number))
        : [];
    for (const [questionId, v] of files)
      if (!attached.some((a) => a.id === v.attachmentId && a.questionId === questionId)) problems.push({ questionId, error: 'attachment_unknown' });
    const country = organization ? organization.country : (input.country ?? existing?.country ?? null);
    // The country's row, read once (by the first statement when it is the one the answer, given or
    // saved, names): it says whether a given code exists and gives the region.
    const countryRead = saved ? saved.country : named;
    const place = country ? (countryRead !== null && country === countryRead ? (found.also.place as CountryRead) : await findCountry(tx, country)) : null;
    if (!organization && input.country && (place === null || place.code !== input.country)) problems.push({ questionId: '_country', error: 'country_unknown' });
    if (problems.length > 0) return { ok: false, error: 'invalid', problems };
    // Past this point the save writes. Optimistically only in one statement: not a submitted answer
    // changed (its stored texts are compared), nor a draft carried over (moved, then deleted).
    if (optimistic && (carried || existing?.status === 'submitted' || (existing && existingVersion === null))) throw new NeedsLock();

    const doSubmit = submit && !late;
    const region = place?.region ?? null;
    const fields = {
      version: consultation.currentVersion,
      userId: actor.id,
      organizationId: organization?.id ?? null,
      language: input.language,
      values,
      publish: consultation.answersMayBePublished && (input.publish ?? existing?.publish ?? false),
      stakeholderType: organization?.stakeholderType ?? null,
      country,
      region,
      gender: organization ? null : (input.gender ?? existing?.gender ?? null),
      updatedAt: now,
    };
    // One statement writes the answer and what goes with it (one round trip): the row, one per
    // respondent (the unique index decides between two members at once; a draft saved over a
    // submitted answer keeps it submitted; written by hand, see answer-rows.ts), the audit row, on
    // submission the receipt (a notification, and an e-mail with a copy of the answer), and the
    // texts of an answer never submitted before (a row absent or a draft, read locked above).
    const f = fields;
    const at = now.toISOString();
    // Written as text (core/db/statement.ts): a save is the platform's most frequent write, and the
    // query builder took longer to compose this statement than PostgreSQL to run it.
    const upsert: Fragment = (p) => `insert into consultations_answers (consultation_id, respondent, version, user_id, organization_id, language, values, publish,
          stakeholder_type, country, region, gender, updated_at, status, submitted_at)
        values (${p.param(consultation.id)}, ${p.param(respondent)}, ${p.param(f.version)}, ${p.param(f.userId)}, ${p.param(f.organizationId)}, ${p.param(f.language)}, ${p.param(JSON.stringify(f.values))}::jsonb, ${p.param(f.publish)},
          ${p.param(f.stakeholderType)}, ${p.param(f.country)}, ${p.param(f.region)}, ${p.param(f.gender)}, ${p.param(at)}::timestamptz, ${p.param(doSubmit ? 'submitted' : 'draft')}, ${p.param(doSubmit ? at : null)}::timestamptz)
        on conflict (consultation_id, respondent) do update set version = excluded.version, user_id = excluded.user_id,
          organization_id = excluded.organization_id, language = excluded.language, values = excluded.values, publish = excluded.publish,
          stakeholder_type = excluded.stakeholder_type, country = excluded.country, region = excluded.region, gender = excluded.gender,
          updated_at = excluded.updated_at,
          status = case when ${p.param(doSubmit)}::boolean then excluded.status else consultations_answers.status end,
          submitted_at = case when ${p.param(doSubmit)}::boolean then excluded.submitted_at else consultations_answers.submitted_at end
        ${optimistic ? `where ${existingVersion === null ? 'false' : `consultations_answers.xmin = ${p.param(existingVersion)}::xid`}` : ''}
        returning ${ANSWER_FIELDS_TEXT}, (xmax = 0) as inserted`;
    const audit: AuditEntry = {
      actor,
      action: doSubmit ? 'consultations.answer.submit' : 'consultations.answer.write',
      subjectType: 'consultations.answer',
      subjectId: raw('(select "id"::text from written)'),
      after: raw(`(select jsonb_build_object('consultationId', "consultationId", 'respondent', "respondent", 'status', "status", 'version', "version") from written)`),
      ip,
    };
    // An answer submitted for the first time: its texts are all new (unless another request's
    // submission of the same respondent came first, which the upsert then meets: compared below).
    const firstSubmission = doSubmit && (existing === undefined || existing.status === 'draft');
    const newTexts = firstSubmission ? newTextsFragment({ answerId: raw('(select "id" from written)'), consultationId: consultation.id, language: input.language, values }) : null;
    // Optimistic: what the upsert wrote, read through its guard (a row from a one-row relation
    // whatever was written, so the guard is computed): every part that reads the answer's row fails
    // the statement when the upsert met another version of the answer, before writing anything.
    const parts: [string, Fragment][] = optimistic
      ? [
          ['upserted', upsert],
          ['written', (p) => `select u.*, ${expectRows(raw('(select count(*) from upserted)'))(p)} as "guard" from (select 1) one left join upserted u on true`],
        ]
      : [['written', upsert]];
    parts.push(['audit', recordActionFragment(audit)]);
    if (newTexts) parts.push(['stored', newTexts]);
    if (doSubmit) {
      const receipt = receiptFragments({ actor, consultation, questionnaire, values, submittedAt: now, fileNames: new Map(attached.map((a) => [a.id, a.fileName])), baseUrl });
      if (receipt.notification) parts.push(['notified', receipt.notification]);
      parts.push(['mailed', receipt.mail]);
    }
    const [written] = await runStatement(
      tx,
      (p) =>
        `with ${parts.map(([name, part]) => `${name} as (${part(p)})`).join(', ')} select *, ${newTexts ? '(select count(*) from stored)::int' : '0'} as "storedTexts" from written`,
    );
    const row = written ? answerOfRow(written) : undefined;
    const inserted = written?.inserted === true;
    if (!row) throw new Error('answer not written');
    textsWaiting = Number(written?.storedTexts ?? 0);
    if (carried && carried.id !== row.id) {
      await tx.update(attachments).set({ answerId: row.id }).where(eq(attachments.answerId, carried.id));
      await tx.delete(answers).where(eq(answers.id, carried.id));
    }
    // A submitted answer's free texts are searchable from this commit on (a change after submission
    // writes the changed ones again; a draft has none); their campaigns are found after the commit.
    // The texts were written with the row when it had none stored before (a row the statement
    // inserted, or a draft read locked above); otherwise (a submitted answer changed, or another
    // request's submission met by the upsert) the stored ones are compared with the values.
    const fresh = inserted || existing?.status === 'draft';
    if (row.status === 'submitted' && !(firstSubmission && fresh)) textsWaiting += await storeAnswerTexts(tx, row.id, row, { none: fresh });
    if (late) return { ok: false, error: moment as 'closed' | 'not_yet_open', consultation, kept: true };
    return { ok: true, answer: row, submitted: doSubmit };
  };
  const result = await withOptimism(
    () => save(db, true),
    () => db.transaction((tx) => save(tx, false)),
  );
  // Committed: the campaigns of the new texts are found in the background (placing takes a lock
  // per question, which would queue every submission of the consultation if taken here).
  if (textsWaiting > 0) placeTextsSoon(db, onPlacingError);
  return result;
};

/** What a saved answer says, as an input to save it again (a submission of the saved draft). */
export const savedInput = (own: Answer): SaveAnswerInput => ({
  respondent: own.organizationId ? { kind: 'organization', organizationId: own.organizationId } : { kind: 'individual' },
  language: own.language,
  values: own.values,
  gender: own.gender,
  country: own.organizationId ? null : own.country,
  publish: own.publish,
});

/** The default for a failed background placing: one JSON line on stderr, like the server's log; the periodic run retries. */
const reportPlacingError = (error: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), pid: process.pid, msg: 'placing consultation texts in campaigns failed', err: String(error) })}\n`);
};

/**
 * A submission's receipt, as statements not yet run (written with the answer, in its statement): a
 * notification in the platform, and an e-mail in the respondent's language with a copy of the
 * answer (that e-mail stands for the notification's, which is written as mailed).
 */
const receiptFragments = ({
  actor,
  consultation,
  questionnaire,
  values,
  submittedAt,
  fileNames,
  baseUrl,
}: {
  actor: Actor;
  consultation: Consultation;
  questionnaire: Questionnaire;
  values: AnswerValues;
  submittedAt: Date;
  /** The names of the answer's files, by attachment id. */
  fileNames: Map<number, string>;
  baseUrl: string;
}): { notification: Fragment | null; mail: Fragment } => {
  const locale: Locale = isLocale(actor.locale) ? actor.locale : 'en';
  const localize = localizer(locale);
  const link = `/consultations/${consultation.id}/answer/receipt`;
  const notification = notifyFragment(answerReceived, { to: [actor.id], params: { title: consultation.title as Record<string, string> }, link, mailed: true });
  const fmt = formatters(locale);
  const mail = enqueueMailFragment({
    to: actor.email,
    locale,
    compose: (t) => {
      const copy = answerCopy(questionnaire, values, { t, localize, locale, fileNames });
      const title = isolate(localizeWithLocale(consultation.title, locale).text);
      return {
        subject: t('consultations.answering.receipt.subject', { title }),
        paragraphs: [
          t('consultations.answering.receipt.greeting', { name: actor.name }),
          t('consultations.answering.receipt.received', { title, at: fmt.dateTime(submittedAt), closes: fmt.dateTime(consultation.closesAt) }),
          t('consultations.answering.receipt.copy_heading'),
          ...copy.map(({ question, answer: text }) => `${question}${t('core.text.colon')}${text}`),
        ],
        action: { label: t('consultations.answering.receipt.open'), url: `${baseUrl}/${locale}${link}` },
      };
    },
  });
  return { notification, mail };
};

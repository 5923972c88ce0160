/**
 * A database with rows in every table of every module, made the way the platform makes them: the
 * first start with its demo content, then the commands of each module (accounts, stocktaking
 * entries with an image, a pending revision and a call, prize votes, experts, scores, a conflict,
 * results) and the kernel's helpers (sessions, API tokens, rate limits, settings). The backup test
 * checks that no table is left empty, so a module that adds a table must add its rows here.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { MODULES } from '../app.js';
import { createSession, getActorById } from '../core/auth/sessions.js';
import { initializeIfEmpty } from '../core/cli/startup.js';
import type { Database } from '../core/db/client.js';
import { getCookieSecret } from '../core/db/settings.js';
import { hitRateLimit } from '../core/http/rate-limit.js';
import { platformJobs } from '../core/jobs/background.js';
import { enqueueJob, schedulePeriodicJobs } from '../core/jobs/runner.js';
import { sendNotificationDigests } from '../core/notifications/deliver.js';
import { setNotificationEmail } from '../core/notifications/queries.js';
import type { Actor } from '../core/permissions/index.js';
import { type FileStore, LocalFileStore } from '../core/storage/files.js';
import { keepFile } from '../core/storage/keep.js';
import { createApiTokenFor } from '../modules/accounts/cli.js';
import { addMember } from '../modules/accounts/commands/manage-members.js';
import { registerUser } from '../modules/accounts/commands/register-user.js';
import { organizations } from '../modules/accounts/tables.js';
import { attachFile } from '../modules/consultations/answering/commands/attach-file.js';
import { saveAnswer } from '../modules/consultations/answering/commands/save-answer.js';
import { sendLetter } from '../modules/consultations/exports/commands/send-letter.js';
import { unsubscribe } from '../modules/consultations/exports/commands/unsubscribe.js';
import { createTheme } from '../modules/consultations/analysis/commands/create-theme.js';
import { tagText } from '../modules/consultations/analysis/commands/tag-text.js';
import { indexAnswerTexts } from '../modules/consultations/analysis/index-texts.js';
import { whenTextsPlaced } from '../modules/consultations/analysis/place-texts.js';
import { freezeSynthesis } from '../modules/consultations/results/commands/freeze-synthesis.js';
import { editQuestionnaire } from '../modules/consultations/management/commands/edit-questionnaire.js';
import { createConsultation } from '../modules/consultations/management/commands/save-consultation.js';
import { addQuestion, addSection } from '../modules/consultations/management/rules.js';
import * as c from '../modules/consultations/tables.js';
import { castVote } from '../modules/prizes/commands/cast-vote.js';
import { createEdition } from '../modules/prizes/commands/create-edition.js';
import { updateEdition } from '../modules/prizes/commands/update-edition.js';
import { getEditionByYear } from '../modules/prizes/queries.js';
import { assignExpert } from '../modules/prizes/selection/commands/assign-expert.js';
import { declareConflict } from '../modules/prizes/selection/commands/declare-conflict.js';
import { scoreNominee } from '../modules/prizes/selection/commands/score-nominee.js';
import { nominations } from '../modules/prizes/tables.js';
import { insertVotes, nominateAndAccept, phases } from '../modules/prizes/test-helpers.js';
import { createEntry } from '../modules/stocktaking/commands/create-entry.js';
import { decideEntry } from '../modules/stocktaking/commands/decide-entry.js';
import { submitEntry } from '../modules/stocktaking/commands/submit-entry.js';
import { updateEntry } from '../modules/stocktaking/commands/update-entry.js';
import { entryInput } from '../modules/stocktaking/inputs.js';
import { openCall } from '../modules/stocktaking/moderation/commands/open-call.js';
import { insertPublishedEntry } from '../modules/stocktaking/test-helpers.js';
import { followMeeting } from '../modules/meetings/management/commands/follow-meeting.js';
import { saveDecision } from '../modules/meetings/management/commands/save-decision.js';
import { createMeeting } from '../modules/meetings/management/commands/save-meeting.js';
import * as meetingTables from '../modules/meetings/tables.js';
import { appointFocalPoint } from '../modules/roadmaps/focal-points/commands/appoint-focal-point.js';
import { endFocalPoint } from '../modules/roadmaps/focal-points/commands/end-focal-point.js';
import { postReceipt } from '../modules/trust-fund/ledger/commands/post-receipt.js';
import { postReversal } from '../modules/trust-fund/ledger/commands/post-reversal.js';
import { createDonor } from '../modules/trust-fund/ledger/commands/save-donor.js';
import { addUpdate as addTaskUpdate } from '../modules/roadmaps/tasks/commands/add-update.js';
import { createTask } from '../modules/roadmaps/tasks/commands/save-task.js';
import * as roadmapTables from '../modules/roadmaps/tables.js';
import * as reportTables from '../modules/reports/tables.js';
import { addComment as addReportComment } from '../modules/reports/workflow/commands/add-comment.js';
import { submitForReview } from '../modules/reports/workflow/commands/change-state.js';
import { createReport } from '../modules/reports/workflow/commands/create-report.js';
import { saveNarratives } from '../modules/reports/workflow/commands/save-narratives.js';
import { contributions as moduleContributions } from '../core/contributions.js';
import type { PlatformModule } from '../core/module.js';
import { buildUser, TEST_PASSWORD } from './factories.js';

const baseUrl = 'http://platform.test';
/** The edition whose selection (experts, scores, a conflict) is filled in. */
export const SELECTION_YEAR = 2043;

const ok = <T extends { ok: boolean }>(what: string, result: T): T & { ok: true } => {
  if (!result.ok) throw new Error(`${what} refused: ${JSON.stringify(result)}`);
  return result as T & { ok: true };
};

const actor = async (database: Database, id: number) => {
  const found = await getActorById(database.db, id);
  if (!found) throw new Error(`no actor ${id}`);
  return found as Actor;
};

export type FilledDatabase = {
  /** An API token of owner@example.org (the database keeps only its hash). */
  apiToken: string;
  /** The published entry with an image, a pending revision and its moderation events. */
  entryId: number;
  /** Its title in English, as a search finds it. */
  entryTitle: string;
  /** A file kept in the file store (core_files), for the backup of files. */
  keptFile: { sha256: string; bytes: Buffer };
};

/** `files`: the file store the files go to (the backup reads them there); by default the temporary folder's, as initializeIfEmpty's. */
export const fillEveryTable = async (database: Database, { files = new LocalFileStore(join(tmpdir(), 'wsis-files')) }: { files?: FileStore } = {}): Promise<FilledDatabase> => {
  const { db } = database;
  await initializeIfEmpty(database, MODULES, { demo: true, files });
  const admin = await actor(database, 1);

  // Accounts: a registration (e-mail token, mail in the outbox), a member, a session, an API token.
  ok('registration', await registerUser(db, { input: { name: 'Nour Haddad', email: 'nour@example.org', password: TEST_PASSWORD, locale: 'ar' }, baseUrl }));
  const ownerUser = await buildUser(db, { email: 'owner@example.org', name: 'Owner — 中文 "quotes" \\', locale: 'fr' });
  const owner = await actor(database, ownerUser.id);
  const moderator = await actor(database, (await buildUser(db, { email: 'moderator@example.org', roles: ['moderator'] })).id);
  const [organization] = await db.select().from(organizations).orderBy(organizations.id).limit(1);
  if (!organization) throw new Error('the demo content has no organization');
  ok('membership', await addMember(db, { actor: admin, organizationId: organization.id, email: ownerUser.email, role: 'manager' }));
  await createSession(db, { userId: ownerUser.id, userAgent: 'backup test' });
  const token = ok('API token', await createApiTokenFor(db, { email: ownerUser.email, label: 'script' }));
  await hitRateLimit(db, { key: 'sign-in:owner@example.org', windowMs: 3_600_000 });
  await getCookieSecret(db);
  // The job runner: the platform's periodic runs for this moment, and one enqueued job with a key and a payload.
  await schedulePeriodicJobs(db, platformJobs({ modules: MODULES, baseUrl }).periodic, { now: new Date() });
  await enqueueJob(db, { name: 'consultations.place-texts', payload: { note: 'Owner — 中文 "quotes" \\' }, key: 'backup-test', runAt: new Date('2031-01-01T00:00:00Z') });

  // Stocktaking: an entry with an image, submitted, published (events, mails), then a pending revision; a call.
  const image = await sharp({ create: { width: 4, height: 3, channels: 3, background: '#1a5fb4' } })
    .png()
    .toBuffer();
  const entryTitle = 'Village broadband cooperative';
  const input = entryInput.parse({
    language: 'en',
    title: entryTitle,
    summary: 'Villages own and run their network.',
    actionLines: ['C2'],
    leadCountry: 'KE',
    stakeholderType: 'civil-society',
    scope: 'national',
    status: 'ongoing',
  });
  const created = ok('entry', await createEntry(db, { actor: owner, input, images: { add: [{ mimeType: 'image/png', width: 4, height: 3, data: image }], alt: 'A map' } }));
  // Notifications: the moderator reads a daily digest (one row per person and day); the submission notifies them.
  await setNotificationEmail(db, { userId: moderator.id, choice: 'daily' });
  ok('submission', await submitEntry(db, { actor: owner, id: created.id }));
  await sendNotificationDigests(db, { modules: MODULES, baseUrl });
  ok('publication', await decideEntry(db, { actor: moderator, id: created.id, decision: 'publish', baseUrl }));
  ok('revision', await updateEntry(db, { actor: owner, id: created.id, patch: { impact: 'Two hundred households connected' } }));
  const today = new Date().toISOString().slice(0, 10);
  ok('call', await openCall(db, { actor: moderator, opensOn: today, closesOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10), baseUrl }));

  // Prizes: a public vote in this year's demo edition (in its voting phase).
  const current = await getEditionByYear(db, new Date().getUTCFullYear());
  const [nominee] = await db.select().from(nominations).where(eq(nominations.editionId, current.id)).orderBy(nominations.id).limit(1);
  if (!nominee) throw new Error('the demo edition has no nominee');
  const voter = await actor(database, (await buildUser(db, { email: 'voter@example.org' })).id);
  ok('vote', await castVote(database, { actor: voter, year: current.year, nominationId: nominee.id }));

  // Prizes: the selection of another edition: an expert scores one nominee and declares a conflict on another.
  const manager = await actor(database, (await buildUser(db, { email: 'manager@example.org', roles: ['prize-manager'] })).id);
  ok('edition', await createEdition(db, { actor: manager, input: { year: SELECTION_YEAR, phases: phases(0) } }));
  ok(
    'edition settings',
    await updateEdition(db, {
      actor: manager,
      year: SELECTION_YEAR,
      patch: { summaryMinWords: 1, projectsPerOrganizationPerCategory: 10, criteria: [{ id: 'impact', label: { en: 'Impact' }, weight: 2 }] },
    }),
  );
  const nominees = await nominateAndAccept(db, {
    owner,
    manager,
    year: SELECTION_YEAR,
    category: 1,
    entries: [
      await insertPublishedEntry(db, { submitterId: ownerUser.id, title: { en: 'Digital literacy buses' } }),
      await insertPublishedEntry(db, { submitterId: ownerUser.id, title: { en: 'Open court records' } }),
    ],
  });
  const selection = await getEditionByYear(db, SELECTION_YEAR);
  for (const n of nominees) await insertVotes(db, { editionId: selection.id, category: 1, nominationId: n.nomination, count: 1 });
  ok('selection phase', await updateEdition(db, { actor: manager, year: SELECTION_YEAR, patch: { phases: phases(3) }, confirmVoteChanges: true }));
  const expertUser = await buildUser(db, { email: 'expert@example.org', roles: ['expert'] });
  ok('expert', await assignExpert(db, { actor: manager, year: SELECTION_YEAR, input: { email: expertUser.email, category: 1 } }));
  const expert = await actor(database, expertUser.id);
  ok('score', await scoreNominee(db, { actor: expert, nominationId: nominees[0]?.nomination as number, input: { criteria: { impact: 8 }, comment: 'Strong local ownership' } }));
  ok('conflict', await declareConflict(db, { actor: expert, nominationId: nominees[1]?.nomination as number, note: 'Former employer' }));

  // Consultations, through each feature folder's commands.
  // management/: the consultation and its questionnaire through the secretariat's commands.
  const createdConsultation = ok(
    'consultation',
    await createConsultation(db, {
      actor: admin,
      input: {
        title: { en: 'Call for contributions 2027', ar: 'دعوة إلى تقديم المساهمات 2027' },
        purpose: {},
        originalLanguage: 'en',
        translations: { ar: 'unofficial' },
        audience: 'everyone',
        respondentKind: 'either',
        opensAt: '2026-01-01T00:00:00Z',
        closesAt: '2026-02-01T00:00:00Z',
        answersMayBePublished: true,
        actionLines: ['C2'],
        sdgs: [9],
      },
    }),
  );
  ok(
    'questionnaire',
    await editQuestionnaire(db, { actor: admin, consultationId: createdConsultation.id, edit: (q) => addSection(q, { id: 's1', title: { en: 'Views' }, questions: [] }) }),
  );
  for (const question of [
    { id: 'q1', type: 'long-text', label: { en: 'Your views' }, required: true },
    { id: 'q2', type: 'file', label: { en: 'A paper' }, required: false },
  ] as const)
    ok('question', await editQuestionnaire(db, { actor: admin, consultationId: createdConsultation.id, edit: (q) => addQuestion(q, 's1', { ...question }) }));
  // Open in the past (its dates are fixed so the answers below fall inside them): set directly, as
  // the lifecycle refuses to open a consultation whose close has passed.
  const [consultation] = await db.update(c.consultations).set({ status: 'open' }).where(eq(c.consultations.id, createdConsultation.id)).returning();
  if (!consultation) throw new Error('no consultation');
  // Answering: a draft, a file attached (typed from its bytes), then the submission with its receipt.
  const answeredAt = new Date('2026-01-15T12:00:00Z');
  ok(
    'answer draft',
    await saveAnswer(db, {
      actor: owner,
      consultationId: consultation.id,
      input: { respondent: { kind: 'individual' }, language: 'fr', values: { q1: { text: 'Le haut débit rural — 中文' } }, country: 'FR', gender: 'not-given' },
      replaceAll: true,
      hidden: 'refuse',
      submit: false,
      now: answeredAt,
    }),
  );
  ok(
    'attachment',
    await attachFile(db, {
      actor: owner,
      consultationId: consultation.id,
      questionId: 'q2',
      file: { bytes: Buffer.from('%PDF-1.7\n%%EOF\n'), fileName: 'note.pdf', declaredType: 'application/pdf' },
      now: answeredAt,
    }),
  );
  const { answer } = ok(
    'answer',
    await saveAnswer(db, {
      actor: owner,
      consultationId: consultation.id,
      input: { respondent: { kind: 'individual' }, language: 'fr', values: {} },
      replaceAll: false,
      hidden: 'refuse',
      submit: true,
      now: answeredAt,
    }),
  );
  // Analysis: the free texts indexed as a submission does (two near-identical answers make a
  // campaign), a theme of the codebook and a coded text, through the analysis' commands.
  const campaignText = 'Nous demandons un fonds de service universel transparent et une obligation de couverture pour chaque licence de spectre.';
  const campaignAnswers = await db
    .insert(c.answers)
    .values(
      ['a', 'b'].map((k, i) => ({
        consultationId: consultation.id,
        version: 1,
        respondent: `user:campaign-${k}`,
        language: 'fr' as const,
        status: 'submitted' as const,
        values: { q1: { text: i === 0 ? campaignText : `${campaignText} Merci.` } },
        submittedAt: new Date(),
      })),
    )
    .returning({ id: c.answers.id });
  await whenTextsPlaced(db);
  for (const { id } of [answer, ...campaignAnswers]) await db.transaction((tx) => indexAnswerTexts(tx, id));
  const theme = await createTheme(db, {
    actor: manager,
    input: { consultationId: consultation.id, label: { en: 'Connectivity', fr: 'Connectivité' }, description: { en: 'Broadband, spectrum' } },
  });
  ok('tag text', await tagText(db, { actor: manager, input: { consultationId: consultation.id, answerId: answer.id, questionId: 'q1', themeIds: [theme.id] } }));
  // Exports: an unsubscribe, then the circular letter sent (its number from the counter, one sending recorded); a draft is not announced.
  await db.update(c.consultations).set({ status: 'open' }).where(eq(c.consultations.id, consultation.id));
  await unsubscribe(db, 'no-letters@example.org');
  const consultationManager = await actor(database, (await buildUser(db, { email: 'consultations@example.org', roles: ['consultation-manager'] })).id);
  const signer = { sign: (v: string) => `${v}.test`, unsign: (t: string) => ({ valid: t.endsWith('.test'), value: t.slice(0, -5) }) };
  ok(
    'letter',
    await sendLetter(db, { actor: consultationManager, consultationId: consultation.id, baseUrl: 'http://platform.test', signer, now: new Date('2026-01-02T00:00:00Z') }),
  );
  // results/: the synthesis is frozen by its command, once the consultation is closed.
  await db.update(c.consultations).set({ status: 'closed' }).where(eq(c.consultations.id, consultation.id));
  ok('synthesis', await freezeSynthesis(db, { actor: manager, consultationId: consultation.id }));

  // Meetings (management/): the demo made meetings 41 and 42 of the CWG with agenda and decisions; a
  // reader follows 42; a meeting of its own (90) has a registered document cited by a decision.
  const [cwg] = await db.select().from(meetingTables.meetingGroups).where(eq(meetingTables.meetingGroups.code, 'CWG-WSIS&SDG'));
  if (!cwg) throw new Error('the CWG group is not seeded');
  const meeting42 = (await db.select().from(meetingTables.meetings).where(eq(meetingTables.meetings.number, 42))).find((m) => m.groupId === cwg.id);
  if (!meeting42) throw new Error('the demo has no meeting 42');
  await followMeeting(db, { actor: owner, meetingId: meeting42.id, follow: true });
  const meeting90 = ok(
    'meeting',
    await createMeeting(db, {
      actor: admin,
      input: {
        groupId: cwg.id,
        number: 90,
        title: { en: 'Ninetieth meeting', ar: 'الاجتماع التسعون' },
        startsAt: '2030-03-04T08:30:00.000Z',
        endsAt: '2030-03-05T16:30:00.000Z',
        timeZone: 'Europe/Zurich',
        place: { en: 'Geneva' },
        onlineUrl: null,
        chair: null,
        viceChairs: [],
        access: 'public',
        contributionsDeadline: null,
        actionLines: ['C2'],
      },
    }),
  );
  const [cited] = await db
    .insert(meetingTables.meetingDocuments)
    .values({
      meetingId: meeting90.id,
      kind: 'secretariat',
      status: 'registered',
      symbol: 'CWG-WSIS&SDG-90/1',
      series: '',
      seriesNumber: 1,
      title: { en: 'Report' },
      sourceKind: 'secretariat',
      originalLanguage: 'en',
      documentDate: '2030-02-01',
    })
    .returning();
  ok('decision', await saveDecision(db, { actor: admin, meetingId: meeting90.id, number: 1, text: { en: 'Noted' }, agendaItemId: null, documentIds: [cited?.id ?? 0] }));

  // Roadmaps (versions/, focal-points/): the demo made C2, C4, C5, C6 (versions current and a draft),
  // two focal points and two [Demo] plan outputs; here an appointment of the owner on C4, ended.
  const appointed = ok('focal point', await appointFocalPoint(db, { actor: admin, input: { email: ownerUser.email, bureau: 'TSB', actionLine: 'C4', appointedOn: '2026-01-05' } }));
  ok('end of appointment', await endFocalPoint(db, { actor: admin, id: appointed.id, endedOn: '2026-06-30' }));
  // Trust Fund: the demo gave donors, rates, a pledge, receipts with psc; here a Member State's
  // receipt of more than 2^53 centimes (a backup must keep it exact: rows travel as JSON text) and
  // its reversal, and a receipt in KWD (three decimals) at the demo's rate.
  const fundDonor = ok('trust-fund donor', await createDonor(db, { actor: admin, input: { kind: 'member-state', countryCode: 'CH', organizationId: null, name: {} } })).id;
  const large = ok(
    'trust-fund receipt',
    await postReceipt(db, {
      actor: admin,
      input: { donorId: fundDonor, pledgeId: null, currency: 'CHF', amountMinor: 9_007_199_254_740_993n, valueDate: '2026-01-20', description: 'Large', pscPercent: null },
    }),
  );
  ok('trust-fund reversal', await postReversal(db, { actor: admin, input: { entryId: large.id, reason: 'Typed one digit too many', valueDate: '2026-01-21' } }));
  ok(
    'trust-fund KWD receipt',
    await postReceipt(db, {
      actor: admin,
      input: { donorId: fundDonor, pledgeId: null, currency: 'KWD', amountMinor: 1_234_567n, valueDate: '2026-03-02', description: '', pscPercent: '6.5' },
    }),
  );
  // Roadmap tasks (roadmaps/tasks/): a task on C2 with a Stocktaking entry as evidence and a progress update.
  const [c2Roadmap] = await db.insert(roadmapTables.roadmaps).values({ actionLine: 'C2' }).onConflictDoNothing().returning();
  const taskEvidenceEntry = await insertPublishedEntry(db, { submitterId: ownerUser.id, title: { en: 'National broadband plan' } });
  const task = ok(
    'task',
    await createTask(db, {
      actor: admin,
      actionLine: c2Roadmap?.actionLine ?? 'C2',
      input: {
        title: { en: 'Fibre backbone study', ar: 'دراسة الشبكة الفقرية' },
        description: {},
        ownerBureau: 'BDT',
        ownerUserId: ownerUser.id,
        startsOn: '2026-01-01',
        deadline: '2027-12-31',
        status: 'on-track',
        outputId: null,
        sdgTargets: ['9.c'],
        connectTargets: ['1.1'],
        evidence: [taskEvidenceEntry.id],
      },
    }),
  );
  ok('task update', await addTaskUpdate(db, { actor: owner, taskId: task.id, input: { reportedOn: '2026-06-30', status: 'at-risk', text: 'Procurement delayed' }, locale: 'en' }));

  // Reports (workflow/): the seeded templates; a report of the Council with narratives in English and
  // Arabic, in review, a CWG member's comment and the secretariat's answer. The sections the
  // installed modules do not contribute yet are stood in for (their blocks are not read here).
  const contributed = new Set(moduleContributions(MODULES, 'reportSections').map(({ contribution }) => contribution.id));
  const standIn = ['stocktaking.figures', 'prizes.results', 'prizes.stories', 'roadmaps.progress', 'consultations.syntheses', 'trust-fund.statement']
    .filter((id) => !contributed.has(id))
    .map((id) => ({ id, title: { key: 'reports.nav.title' }, build: async () => ({ blocks: [] }) }));
  const reportModules: PlatformModule[] = [...MODULES, { id: 'report-sections-stand-in', contributes: { reportSections: standIn } }];
  const reportsSecretariat = await actor(database, (await buildUser(db, { email: 'reports@example.org', roles: ['secretariat'] })).id);
  const cwgMember = await actor(database, (await buildUser(db, { email: 'cwg@example.org', roles: ['cwg-member'] })).id);
  const report = ok(
    'report',
    await createReport(db, {
      actor: reportsSecretariat,
      input: {
        templateKey: 'pp',
        year: 2026,
        ownerId: reportsSecretariat.id,
        deadline: '2027-01-15',
        cutoff: '2026-01-31',
        symbol: 'C27/25',
        distribution: 'general',
        originalLanguage: 'en',
      },
      modules: reportModules,
    }),
  );
  ok(
    'report narratives',
    await saveNarratives(db, {
      actor: reportsSecretariat,
      reportId: report.id,
      input: { locale: 'en', texts: { introduction: { text: 'ITU **led** — "quotes" \\ 中文.\n\nSecond.', kind: 'original' } } },
    }),
  );
  ok(
    'report narratives (ar)',
    await saveNarratives(db, {
      actor: reportsSecretariat,
      reportId: report.id,
      input: { locale: 'ar', texts: { introduction: { text: 'قاد الاتحاد العمل.', kind: 'unofficial' } } },
    }),
  );
  ok('report review', await submitForReview(db, { actor: reportsSecretariat, reportId: report.id }));
  const reportComment = ok(
    'report comment',
    await addReportComment(db, {
      actor: cwgMember,
      reportId: report.id,
      input: { sectionId: 'introduction', paragraph: 1, locale: 'en', body: 'Précisez — 中文', parentId: null },
    }),
  );
  ok(
    'report answer',
    await addReportComment(db, {
      actor: reportsSecretariat,
      reportId: report.id,
      input: { sectionId: 'introduction', paragraph: 1, locale: 'en', body: 'Done.', parentId: reportComment.id },
    }),
  );
  // A final version of another report with its snapshot, a build and (below, with the kept file) an output, written directly (build/ makes them).
  const stories = ok(
    'stories report',
    await createReport(db, {
      actor: reportsSecretariat,
      input: { templateKey: 'stories', year: 2025, ownerId: null, deadline: null, cutoff: '2025-12-31', symbol: null, distribution: 'limited', originalLanguage: 'fr' },
      modules: reportModules,
    }),
  );
  const [finalVersion] = await db
    .insert(reportTables.reportVersions)
    .values({ reportId: stories.id, number: 2, state: 'final', final: true, narratives: {} })
    .returning({ id: reportTables.reportVersions.id });
  if (!finalVersion) throw new Error('no final version');
  await db
    .update(reportTables.reports)
    .set({ state: 'final', finalizedAt: new Date('2026-01-10T10:00:00Z') })
    .where(eq(reportTables.reports.id, stories.id));
  await db.insert(reportTables.reportSnapshots).values({
    versionId: finalVersion.id,
    locale: 'fr',
    front: {
      organization: 'Union internationale des télécommunications',
      title: 'Prix du SMSI',
      symbol: null,
      dateLine: 'Date : 10 janvier 2026',
      originalLine: 'Original : français',
      distributionLine: 'Distribution : limitée',
      periodLine: 'Période : 2025',
      contentsHeading: 'Table des matières',
      draftMark: null,
    },
    sections: [{ id: 'results', title: 'Résultats', blocks: [{ type: 'paragraph', text: [{ text: 'Lauréats — 中文 "q" \\', bold: true }] }] }],
  });
  await db.insert(reportTables.reportBuilds).values({
    reportId: stories.id,
    versionId: finalVersion.id,
    locales: ['fr', 'ar'],
    formats: ['html', 'docx'],
    state: 'failed',
    done: 1,
    total: 4,
    error: { key: 'reports.nav.title', values: { section: 'prizes.results' } },
    requestedBy: reportsSecretariat.id,
  });

  // The core's file store: a file kept as a module keeps one (its bytes in the store, its core_files row).
  const keptBytes = Buffer.from(`%PDF-1.7\n% every-table ${database.kind} — Вклад — مساهمة\n%%EOF\n`);
  const kept = await db.transaction((tx) => keepFile(tx, files, keptBytes, 'application/pdf'));
  // The final report's PDF in French is that file.
  await db.insert(reportTables.reportOutputs).values({ versionId: finalVersion.id, locale: 'fr', format: 'pdf', fileSha256: kept.sha256 });

  return { apiToken: token.token, entryId: created.id, entryTitle, keptFile: { sha256: kept.sha256, bytes: keptBytes } };
};

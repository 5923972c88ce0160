import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { type QuestionType, questionsOf } from '../questionnaire.js';
import { currentQuestionnaire, findVersion, findVersions, getConsultation } from '../queries.js';
import { changeStatus } from './commands/change-status.js';
import { editQuestionnaire } from './commands/edit-questionnaire.js';
import { createConsultation, updateConsultation } from './commands/save-consultation.js';
import { consultationFromForm, questionFromForm } from './inputs.js';
import { findConsultations } from './queries.js';
import { addQuestion, checkQuestionnaire, moveQuestion, removeQuestion, updateQuestion } from './rules.js';
import { buildConsultation, consultationInputAround, insertAnswer } from './test-helpers.js';
import { zonedToUtc } from './time-zones.js';

let database: TestDatabase;
let manager: Actor;
let respondentId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const user = await buildUser(database.db, { roles: ['consultation-manager'] });
  manager = { id: user.id, email: user.email, name: user.name, roles: ['consultation-manager'], status: 'active', emailVerified: true, locale: 'en' } as unknown as Actor;
  respondentId = (await buildUser(database.db)).id;
}, 180_000);
afterAll(async () => database.drop());

const audits = async (id: number) =>
  database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, String(id)), eq(auditLog.action, 'consultations.consultation.manage')));

describe('dates typed in a named time zone', () => {
  it('stores the UTC instant of a wall-clock time, in winter and summer, and refuses a time that does not exist', () => {
    expect(zonedToUtc('2027-01-15T09:00', 'Europe/Zurich')?.toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(zonedToUtc('2027-07-15T09:00', 'Europe/Zurich')?.toISOString()).toBe('2027-07-15T07:00:00.000Z');
    expect(zonedToUtc('2027-07-15T09:00', 'Asia/Shanghai')?.toISOString()).toBe('2027-07-15T01:00:00.000Z');
    expect(zonedToUtc('2027-07-15T09:00', 'America/New_York')?.toISOString()).toBe('2027-07-15T13:00:00.000Z');
    // Clocks go forward at 02:00 on 28 March 2027 in Geneva: 02:30 never happens.
    expect(zonedToUtc('2027-03-28T02:30', 'Europe/Zurich')).toBeNull();
    expect(zonedToUtc('2027-02-30T09:00', 'UTC')).toBeNull();
    expect(zonedToUtc('soon', 'UTC')).toBeNull();
    expect(zonedToUtc('2027-01-15T09:00', 'Mars/Olympus')).toBeNull();
  });

  it('reads the consultation form: texts with their translation kinds, dates in the zone, topics', () => {
    const form = consultationFromForm({
      'title.fr': 'Appel',
      'title.ar': 'دعوة',
      'kind.ar': 'reviewed',
      originalLanguage: 'fr',
      audience: 'member-states',
      respondentKind: 'organization',
      timeZone: 'Asia/Shanghai',
      opensAt: '2027-01-15T09:00',
      closesAt: '2027-02-15T18:00',
      actionLines: ['C1', 'C7.e-health'],
      sdgs: ['4', '9'],
      answersMayBePublished: 'yes',
    });
    expect(form.ok).toBe(true);
    if (!form.ok) return;
    expect(form.input.translations).toEqual({ fr: 'original', ar: 'reviewed' });
    expect(form.input.opensAt).toBe('2027-01-15T01:00:00.000Z');
    expect(form.input.sdgs).toEqual([4, 9]);
    const bad = consultationFromForm({ 'title.fr': 'Appel', originalLanguage: 'fr', timeZone: 'Nowhere', opensAt: 'x', closesAt: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['closesAt', 'opensAt', 'timeZone']);
  });
});

describe('creating and changing a consultation', () => {
  it('creates a draft with an empty version 1, audited; refuses a missing original title, dates out of order, unknown topics', async () => {
    expect(await createConsultation(database.db, { actor: manager, input: consultationInputAround({ title: { fr: 'Appel' } }) })).toMatchObject({
      ok: false,
      error: 'title_in_original',
      field: 'title.en',
    });
    const reversed = consultationInputAround();
    expect(await createConsultation(database.db, { actor: manager, input: { ...reversed, closesAt: reversed.opensAt } })).toMatchObject({ ok: false, error: 'dates_ordered' });
    expect(await createConsultation(database.db, { actor: manager, input: consultationInputAround({ actionLines: ['C99'] }) })).toMatchObject({
      ok: false,
      error: 'unknown_action_line',
    });
    expect(await createConsultation(database.db, { actor: manager, input: consultationInputAround({ sdgs: [18] }) })).toMatchObject({ ok: false, error: 'unknown_sdg' });
    const created = await createConsultation(database.db, { actor: manager, input: consultationInputAround({ actionLines: ['C2', 'C2'], sdgs: [9, 4] }) });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const c = await getConsultation(database.db, created.id);
    expect(c).toMatchObject({ status: 'draft', currentVersion: 1, actionLines: ['C2'], sdgs: [4, 9], translations: { en: 'original', fr: 'unofficial' } });
    expect((await findVersion(database.db, c))?.questionnaire).toEqual({ sections: [] });
    expect(await audits(created.id)).toHaveLength(1);
  });

  it('keeps who answers once answers exist, but lets dates and texts change', async () => {
    const id = await buildConsultation(database.db, { actor: manager });
    await insertAnswer(database.db, { consultationId: id, userId: respondentId });
    const input = consultationInputAround({ respondentKind: 'organization' });
    expect(await updateConsultation(database.db, { actor: manager, id, input })).toMatchObject({ ok: false, error: 'respondent_kind_answered' });
    const later = consultationInputAround({ title: { en: 'Renamed call' } }, { days: 60 });
    expect(await updateConsultation(database.db, { actor: manager, id, input: later })).toEqual({ ok: true, id });
    expect((await getConsultation(database.db, id)).title).toEqual({ en: 'Renamed call' });
    expect(await updateConsultation(database.db, { actor: manager, id: 987654, input: later })).toMatchObject({ ok: false, error: 'not_found' });
  });
});

describe('the questionnaire builder’s rules', () => {
  const yesNo = { id: 'q1', type: 'yes-no' as const, label: { en: 'A?' }, required: true };
  const choice = {
    id: 'q2',
    type: 'single-choice' as const,
    label: { en: 'Which?' },
    required: false,
    options: [
      { id: 'o1', label: { en: 'One' } },
      { id: 'o2', label: { en: 'Two' } },
    ],
  };
  const base = { sections: [{ id: 's1', title: { en: 'S' }, questions: [yesNo, choice] }] };

  it('accepts a condition on an earlier question’s offered value, and refuses every other', () => {
    const ok = addQuestion(base, 's1', { id: 'q3', type: 'short-text', label: { en: 'B' }, required: false, condition: { questionId: 'q2', anyOf: ['o2'] } });
    expect(ok.ok).toBe(true);
    expect(addQuestion(base, 's1', { id: 'q3', type: 'short-text', label: { en: 'B' }, required: false, condition: { questionId: 'q2', anyOf: ['o9'] } })).toMatchObject({
      error: 'condition_value_missing',
    });
    expect(addQuestion(base, 's1', { id: 'q3', type: 'short-text', label: { en: 'B' }, required: false, condition: { questionId: 'q9', anyOf: ['yes'] } })).toMatchObject({
      error: 'condition_question_missing',
    });
    // A condition on a question that comes later.
    expect(updateQuestion(base, { ...yesNo, condition: { questionId: 'q2', anyOf: ['o1'] } })).toMatchObject({ error: 'condition_not_before' });
    const text = { sections: [{ id: 's1', title: { en: 'S' }, questions: [{ id: 'q1', type: 'short-text' as const, label: { en: 'A' }, required: false }] }] };
    expect(addQuestion(text, 's1', { id: 'q2', type: 'yes-no', label: { en: 'B' }, required: false, condition: { questionId: 'q1', anyOf: ['x'] } })).toMatchObject({
      error: 'condition_not_choice',
    });
    expect(addQuestion(base, 's9', { ...yesNo, id: 'q5' })).toMatchObject({ error: 'section_not_found' });
    expect(checkQuestionnaire({ sections: [{ id: 's1', title: {}, questions: [{ ...choice, options: [] }] }] })).toMatchObject({ error: 'options_required' });
    expect(
      checkQuestionnaire({ sections: [{ id: 's1', title: {}, questions: [{ id: 'q1', type: 'scale', min: 5, max: 5, label: { en: 'S' }, required: false }] }] }),
    ).toMatchObject({
      error: 'scale_invalid',
    });
  });

  it('refuses to remove or move a question others depend on past them, and moves across sections', () => {
    if (!('questionnaire' in addQuestion(base, 's1', { id: 'q3', type: 'short-text', label: { en: 'B' }, required: false }))) throw new Error('no');
    const dependent = {
      sections: [
        { id: 's1', title: { en: 'S' }, questions: [yesNo, { ...choice, condition: { questionId: 'q1', anyOf: ['yes'] } }] },
        { id: 's2', title: { en: 'T' }, questions: [] },
      ],
    };
    expect(removeQuestion(dependent, 'q1')).toMatchObject({ ok: false, error: 'condition_in_use' });
    expect(moveQuestion(dependent, 'q2', 'up')).toMatchObject({ ok: false, error: 'cannot_move' });
    expect(moveQuestion(dependent, 'q1', 'up')).toMatchObject({ ok: false, error: 'cannot_move' });
    const moved = moveQuestion(dependent, 'q2', 'down');
    expect(moved.ok && moved.questionnaire.sections.map((s) => s.questions.map((q) => q.id))).toEqual([['q1'], ['q2']]);
    expect(removeQuestion(base, 'q2')).toMatchObject({ ok: true });
  });

  it('reads a question of each of the nine types from its form, and refuses bad settings', () => {
    const label = { 'label.fr': 'Question' };
    const types: Record<QuestionType, Record<string, string | string[]>> = {
      'short-text': {},
      'long-text': { maxWords: '250' },
      'single-choice': { 'options.fr': 'Oui\nNon', 'options.en': 'Yes\nNo', allowOther: 'yes' },
      'multiple-choice': { 'options.fr': 'A\nB\nC', maxChoices: '2' },
      scale: { min: '1', max: '7', 'minLabel.fr': 'Pas du tout' },
      'yes-no': {},
      ranking: { 'options.en': 'A\nB' },
      reference: { list: 'countries', multiple: 'yes' },
      file: { maxMegabytes: '5', kinds: ['pdf', 'docx'] },
    };
    for (const [type, extra] of Object.entries(types)) {
      const result = questionFromForm({ ...label, required: 'yes', ...extra }, { id: 'q1', type: type as QuestionType });
      expect(result.ok, type).toBe(true);
    }
    const choice = questionFromForm({ ...label, ...types['single-choice'] }, { id: 'q1', type: 'single-choice' });
    expect(choice.ok && choice.question).toMatchObject({
      options: [
        { id: 'o1', label: { fr: 'Oui', en: 'Yes' } },
        { id: 'o2', label: { fr: 'Non', en: 'No' } },
      ],
      allowOther: true,
    });
    const file = questionFromForm({ ...label, ...types.file }, { id: 'q1', type: 'file' });
    expect(file.ok && file.question).toMatchObject({ maxBytes: 5 * 1024 * 1024, kinds: ['pdf', 'docx'] });
    expect(questionFromForm({}, { id: 'q1', type: 'short-text' })).toMatchObject({ ok: false, errors: { 'label.en': 'consultations.management.errors.label_required' } });
    expect(questionFromForm({ ...label, 'options.fr': 'Seule' }, { id: 'q1', type: 'ranking' })).toMatchObject({ ok: false });
    expect(questionFromForm({ ...label, min: '5', max: '2' }, { id: 'q1', type: 'scale' })).toMatchObject({
      ok: false,
      errors: { max: 'consultations.management.errors.scale_invalid' },
    });
    expect(questionFromForm({ ...label, maxMegabytes: '50' }, { id: 'q1', type: 'file' })).toMatchObject({ ok: false });
    expect(questionFromForm({ ...label, maxWords: 'many' }, { id: 'q1', type: 'long-text' })).toMatchObject({ ok: false });
    expect(questionFromForm({ ...label, list: 'planets' }, { id: 'q1', type: 'reference' })).toMatchObject({ ok: false });
  });
});

describe('versions once answers exist', () => {
  it('edits in place while unanswered; afterwards needs a change note and makes the next version, answers keeping theirs', async () => {
    const id = await buildConsultation(database.db, { actor: manager });
    const rename = (label: string) => (q: Parameters<typeof updateQuestion>[0]) => {
      const first = questionsOf(q)[0];
      if (!first) throw new Error('no question');
      return updateQuestion(q, { ...first, label: { en: label } });
    };
    expect(await editQuestionnaire(database.db, { actor: manager, consultationId: id, edit: rename('Still version 1') })).toEqual({ ok: true, version: 1, newVersion: false });
    const answer = await insertAnswer(database.db, { consultationId: id, userId: respondentId, submitted: false });
    expect(await editQuestionnaire(database.db, { actor: manager, consultationId: id, edit: rename('Corrected') })).toEqual({ ok: false, error: 'change_note_required' });
    const v2 = await editQuestionnaire(database.db, { actor: manager, consultationId: id, edit: rename('Corrected'), changeNote: { en: 'Typo in question 1' } });
    expect(v2).toEqual({ ok: true, version: 2, newVersion: true });
    const c = await getConsultation(database.db, id);
    expect(c.currentVersion).toBe(2);
    const versions = await findVersions(database.db, id);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(questionsOf(versions[1]?.questionnaire ?? { sections: [] })[0]?.label).toEqual({ en: 'Still version 1' });
    expect(versions[0]?.changeNote).toEqual({ en: 'Typo in question 1' });
    expect(answer.version).toBe(1);
    // Version 2 has no answer yet: edited in place again, ids never reused across versions.
    const added = await editQuestionnaire(database.db, {
      actor: manager,
      consultationId: id,
      edit: (q, ids) => addQuestion(q, q.sections[0]?.id ?? '', { id: ids('q'), type: 'short-text', label: { en: 'More' }, required: false }),
    });
    expect(added).toEqual({ ok: true, version: 2, newVersion: false });
    expect(questionsOf(await currentQuestionnaire(database.db, c)).map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
  });

  it('refuses a refused edit whole (nothing half-written) and never edits a closed consultation', async () => {
    const id = await buildConsultation(database.db, { actor: manager });
    const before = await currentQuestionnaire(database.db, await getConsultation(database.db, id));
    expect(await editQuestionnaire(database.db, { actor: manager, consultationId: id, edit: (q) => removeQuestion(q, 'q1') })).toMatchObject({
      ok: false,
      error: 'condition_in_use',
    });
    expect(await currentQuestionnaire(database.db, await getConsultation(database.db, id))).toEqual(before);
    await changeStatus(database.db, { actor: manager, id, transition: 'close' });
    expect(await editQuestionnaire(database.db, { actor: manager, consultationId: id, edit: (q) => removeQuestion(q, 'q2') })).toEqual({ ok: false, error: 'not_editable' });
    expect(await editQuestionnaire(database.db, { actor: manager, consultationId: 999_999, edit: (q) => ({ ok: true, questionnaire: q }) })).toEqual({
      ok: false,
      error: 'not_found',
    });
  });
});

describe('the lifecycle', () => {
  it('goes draft → open → closed → published, each step audited, and refuses steps out of order', async () => {
    const id = await buildConsultation(database.db, { actor: manager, open: false });
    const before = (await audits(id)).length;
    expect(await changeStatus(database.db, { actor: manager, id, transition: 'close' })).toEqual({ ok: false, error: 'wrong_status' });
    expect(await changeStatus(database.db, { actor: manager, id, transition: 'open' })).toEqual({ ok: true, status: 'open' });
    expect(await changeStatus(database.db, { actor: manager, id, transition: 'open' })).toEqual({ ok: false, error: 'wrong_status' });
    expect(await changeStatus(database.db, { actor: manager, id, transition: 'publish' })).toEqual({ ok: false, error: 'wrong_status' });
    expect(await changeStatus(database.db, { actor: manager, id, transition: 'close' })).toEqual({ ok: true, status: 'closed' });
    expect(await changeStatus(database.db, { actor: manager, id, transition: 'publish' })).toEqual({ ok: true, status: 'published' });
    const steps = (await audits(id)).slice(before).map((a) => (a.after as { status: string }).status);
    expect(steps).toEqual(['open', 'closed', 'published']);
    expect(await changeStatus(database.db, { actor: manager, id: 999_999, transition: 'open' })).toEqual({ ok: false, error: 'not_found' });
  });

  it('does not open without questions, nor once the closing time has passed', async () => {
    const empty = await buildConsultation(database.db, { actor: manager, questions: [], open: false });
    expect(await changeStatus(database.db, { actor: manager, id: empty, transition: 'open' })).toEqual({ ok: false, error: 'no_questions' });
    const late = await buildConsultation(database.db, { actor: manager, open: false, input: consultationInputAround({}, { opensInDays: -10, days: 5 }) });
    expect(await changeStatus(database.db, { actor: manager, id: late, transition: 'open' })).toEqual({ ok: false, error: 'closes_in_past' });
    expect((await getConsultation(database.db, late)).status).toBe('draft');
  });

  it('lists open, upcoming and past calls; drafts only for the secretariat', async () => {
    const upcoming = await buildConsultation(database.db, { actor: manager, input: consultationInputAround({ audience: 'cwg', sdgs: [5] }, { opensInDays: 3 }) });
    const draft = await buildConsultation(database.db, { actor: manager, open: false });
    const ids = async (filters: Parameters<typeof findConsultations>[1]['filters'], actor: Actor | null = null) =>
      (await findConsultations(database.db, { actor, filters, pageSize: 100 })).items.map((c) => c.id);
    expect(await ids({ when: 'upcoming' })).toContain(upcoming);
    expect(await ids({ when: 'open' })).not.toContain(upcoming);
    expect(await ids({ audience: 'cwg' })).toEqual([upcoming]);
    expect(await ids({ sdg: 5 })).toEqual([upcoming]);
    expect(await ids({})).not.toContain(draft);
    expect(await ids({}, manager)).toContain(draft);
    const closed = await buildConsultation(database.db, { actor: manager });
    await changeStatus(database.db, { actor: manager, id: closed, transition: 'close' });
    expect(await ids({ when: 'past' })).toContain(closed);
    expect(await ids({ when: 'open' })).not.toContain(closed);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { buildUser } from '../../../test/factories.js';
import { LOCALES } from '../../../core/i18n/locales.js';
import { questionsOf } from '../questionnaire.js';
import { currentQuestionnaire } from '../queries.js';
import { demoConsultations } from './demo.js';
import { findConsultations } from './queries.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await buildUser(database.db, { roles: ['admin'] });
}, 180_000);
afterAll(async () => database.drop());

describe('the demonstration consultation', () => {
  it('is open, in six languages, with a questionnaire of most question types and a valid condition', async () => {
    await demoConsultations(database.db);
    const { items } = await findConsultations(database.db, { actor: null, filters: { when: 'open' } });
    expect(items).toHaveLength(1);
    const [c] = items;
    if (!c) return;
    expect(Object.keys(c.title).sort()).toEqual([...LOCALES]);
    const questions = questionsOf(await currentQuestionnaire(database.db, c));
    expect(new Set(questions.map((q) => q.type)).size).toBeGreaterThanOrEqual(7);
    for (const q of questions) expect(Object.keys(q.label).sort()).toEqual([...LOCALES]);
    const conditional = questions.find((q) => q.condition);
    expect(questions.find((q) => q.id === conditional?.condition?.questionId)?.type).toBe('yes-no');
  });
});

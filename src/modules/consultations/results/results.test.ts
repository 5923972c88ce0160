/**
 * The figures of the results on a known small data set: counts and percentages as submitted and
 * with each campaign counted once, a question hidden by its condition, two versions, the gender
 * breakdown with 'not given', themes and campaign groups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { type ConsultationResults, consultationResults, type QuestionResult } from './results.js';
import { insertKnownResults } from './test-helpers.js';

let database: TestDatabase;
let results: ConsultationResults;
let known: Awaited<ReturnType<typeof insertKnownResults>>;

const question = (r: ConsultationResults, id: string) => r.questions.find((q) => q.id === id) as QuestionResult;
const figure = (q: QuestionResult, key: string) => q.figures.find((f) => f.key === key);

beforeAll(async () => {
  database = await createTestDatabase();
  known = await insertKnownResults(database.db);
  results = await consultationResults(database.db, known.consultation.id, { locale: 'en' });
});
afterAll(async () => database.drop());

describe('consultation results', () => {
  it('counts submitted answers only, as submitted and with the campaign once', () => {
    expect(results.participation.answers).toEqual({ asSubmitted: 5, campaignsOnce: 3 });
    expect(results.participation.byDimension.kind?.map((k) => [k.key, k.count.asSubmitted])).toEqual([
      ['individual', 3],
      ['organization', 2],
    ]);
  });

  it('gives counts and percentages of a single choice side by side, options of both versions and other', () => {
    const role = question(results, 'role');
    expect(role.respondents).toEqual({ asSubmitted: 5, campaignsOnce: 3 });
    expect(role.figures.map((f) => [f.key, f.label, f.count.asSubmitted, f.percent.asSubmitted, f.count.campaignsOnce, f.percent.campaignsOnce])).toEqual([
      ['a', 'Operator', 2, 40, 1, 33.3],
      ['b', 'Regulator', 1, 20, 1, 33.3],
      ['c', 'Academic', 1, 20, 1, 33.3],
      ['other', 'Other', 1, 20, 1, 33.3],
    ]);
    expect(role.versions).toEqual([
      { version: 1, count: 3 },
      { version: 2, count: 2 },
    ]);
  });

  it('counts multiple choices per respondent', () => {
    const topics = question(results, 'topics');
    expect(topics.respondents.asSubmitted).toBe(4);
    expect(topics.figures.map((f) => [f.key, f.count.asSubmitted, f.percent.asSubmitted])).toEqual([
      ['x', 2, 50],
      ['y', 1, 25],
      ['z', 1, 25],
    ]);
  });

  it('gives the distribution and mean of a scale, the campaign averaged once', () => {
    const scale = question(results, 'scale');
    expect(scale.figures.map((f) => [f.key, f.count.asSubmitted, f.count.campaignsOnce])).toEqual([
      ['1', 0, 0],
      ['2', 1, 1],
      ['3', 1, 1],
      ['4', 1, 1],
      ['5', 2, 2],
    ]);
    expect(scale.mean).toEqual({ asSubmitted: 3.8, campaignsOnce: 3.67 });
  });

  it('counts yes and no', () => {
    const agree = question(results, 'agree');
    expect(agree.figures.map((f) => [f.key, f.count.asSubmitted, f.count.campaignsOnce])).toEqual([
      ['yes', 4, 2],
      ['no', 1, 1],
    ]);
  });

  it('leaves out the value of a question its condition hid, and says how many did not answer', () => {
    const why = question(results, 'why');
    expect(why.respondents).toEqual({ asSubmitted: 4, campaignsOnce: 2 });
    expect(why.notAnswered).toBe(1);
    expect(why.themes.map((t) => [t.label, t.count.asSubmitted, t.count.campaignsOnce])).toEqual([['Affordability', 3, 2]]);
    expect(why.campaigns).toEqual([{ id: known.campaign.id, size: 3, text: known.campaignText, language: 'fr' }]);
  });

  it('gives the mean rank and Borda points of a ranking', () => {
    const rank = question(results, 'rank');
    expect(rank.ranking.map((r) => [r.key, r.meanRank.asSubmitted, r.borda.asSubmitted])).toEqual([
      ['r1', 1.25, 11],
      ['r2', 2, 8],
      ['r3', 2.75, 5],
    ]);
  });

  it('counts reference codes with their names, and a question only version 2 asked', () => {
    const where = question(results, 'where');
    expect(where.figures.map((f) => [f.key, f.label, f.count.asSubmitted])).toEqual([
      ['KE', 'Kenya', 2],
      ['FR', 'France', 1],
    ]);
    expect(question(results, 'more').versions).toEqual([{ version: 2, count: 1 }]);
    expect(results.versions.map((v) => [v.version, v.count])).toEqual([
      [1, 3],
      [2, 2],
    ]);
  });

  it('breaks down by gender as given, with not given shown', async () => {
    const byGender = await consultationResults(database.db, known.consultation.id, { locale: 'en', breakdown: 'gender' });
    const agree = question(byGender, 'agree');
    expect(agree.breakdown.map((g) => [g.key, g.label, g.respondents.asSubmitted, figure({ ...agree, figures: g.figures }, 'yes')?.count.asSubmitted])).toEqual([
      ['female', 'Female', 1, 1],
      ['male', 'Male', 1, 0],
      ['not-given', 'Not given', 3, 3],
    ]);
    expect(byGender.participation.byDimension.gender?.find((g) => g.key === 'not-given')?.count.asSubmitted).toBe(3);
  });

  it('says the labels in the reader’s language', async () => {
    const fr = await consultationResults(database.db, known.consultation.id, { locale: 'fr', breakdown: 'gender' });
    expect(figure(question(fr, 'role'), 'a')?.label).toBe('Opérateur');
    expect(question(fr, 'agree').breakdown.at(-1)?.label).toBe('Non indiqué');
  });
});

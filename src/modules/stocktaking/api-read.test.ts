import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestKit } from '../../test/app.js';
import { buildUser } from '../../test/factories.js';
import { insertPublishedEntry } from './test-helpers.js';

let kit: TestKit;
let published: number;
let unpublished: number;
let moderatorEmail: string;
beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  published = (
    await insertPublishedEntry(db, {
      originalLanguage: 'es',
      title: { es: 'Conectividad rural para escuelas', en: 'Rural connectivity for schools' },
      summary: { es: 'Escuelas conectadas.', en: 'Connected schools.' },
      translations: { es: 'original', en: 'reviewed' },
      actionLines: ['C2', 'C3'],
      sdgs: [4],
      contactEmail: 'hidden.person@example.org',
      contactName: 'Hidden Person',
    })
  ).id;
  unpublished = (await insertPublishedEntry(db, { state: 'draft', title: { en: 'Draft connectivity plan' }, actionLines: ['C2'] })).id;
  for (let i = 0; i < 3; i++) await insertPublishedEntry(db, { title: { en: `Albatross ${i}` }, actionLines: ['C5'] });
  moderatorEmail = (await buildUser(db, { roles: ['moderator'] })).email;
});
afterAll(async () => kit.close());

describe('GET /api/v1/entries', () => {
  it('answers items, total and facets, searching across languages', async () => {
    const res = await kit.app.inject({ url: '/api/v1/entries?q=connectivity' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ id: published, language: 'es', title: { en: 'Rural connectivity for schools' }, actionLines: ['C2', 'C3'], status: 'ongoing' });
    expect(body.facets.actionLine).toEqual([
      { value: 'C2', count: 1 },
      { value: 'C3', count: 1 },
    ]);
    expect(Object.keys(body.facets).sort()).toEqual(['actionLine', 'country', 'region', 'sdg', 'stakeholderType', 'status', 'targetGroup', 'year']);
  });

  it('filters, sorts and pages', async () => {
    const body = (await kit.app.inject({ url: '/api/v1/entries?actionLine=C5&sort=title&pageSize=2&page=2' })).json();
    expect(body.total).toBe(3);
    expect(body.items.map((i: { title: { en: string } }) => i.title.en)).toEqual(['Albatross 2']);
  });

  it('refuses a page size over 100 with a problem', async () => {
    const res = await kit.app.inject({ url: '/api/v1/entries?pageSize=101' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('never includes the contact or unpublished entries for the public', async () => {
    const res = await kit.app.inject({ url: '/api/v1/entries?pageSize=100' });
    expect(res.body).not.toContain('hidden.person@example.org');
    expect(res.body).not.toContain('Hidden Person');
    expect(res.body).not.toContain('Draft connectivity plan');
    expect(Object.keys(res.json().items[0])).not.toContain('contactEmail');
  });

  it('shows unpublished entries to a moderator', async () => {
    const moderator = await kit.as({ email: moderatorEmail });
    const body = (await moderator.api('GET', '/api/v1/entries?q=connectivity')).json();
    expect(body.items.map((i: { id: number }) => i.id).sort()).toEqual([published, unpublished].sort());
  });
});

describe('GET /api/v1/entries/:id', () => {
  it('answers a published entry without its contact', async () => {
    const res = await kit.app.inject({ url: `/api/v1/entries/${published}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: published, description: {}, title: { es: 'Conectividad rural para escuelas' } });
    expect(res.body).not.toContain('hidden.person@example.org');
  });

  it.each(['abc', '0', '1e3', '99999999999999999999'])('answers a 404 problem for %s', async (id) => {
    const res = await kit.app.inject({ url: `/api/v1/entries/${id}` });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 404 for an unpublished entry, unless the caller is a moderator', async () => {
    expect((await kit.app.inject({ url: `/api/v1/entries/${unpublished}` })).statusCode).toBe(404);
    const moderator = await kit.as({ email: moderatorEmail });
    const res = await moderator.api('GET', `/api/v1/entries/${unpublished}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().state).toBe('draft');
  });
});

describe('OpenAPI', () => {
  it('documents the entries endpoints under the stocktaking tag', async () => {
    const res = await kit.app.inject({ url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const list = doc.paths['/api/v1/entries']?.get;
    expect(list.tags).toEqual(['stocktaking']);
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'actionLine', 'sdg', 'country', 'region', 'stakeholderType', 'targetGroup', 'status', 'year', 'page', 'pageSize', 'sort']),
    );
    expect(doc.paths['/api/v1/entries/{id}']?.get.tags).toEqual(['stocktaking']);
  });
});

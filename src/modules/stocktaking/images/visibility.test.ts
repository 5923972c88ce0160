/**
 * Who may load an entry's image (`/{locale}/stocktaking/images/:id`, sequential ids): the public
 * sees the images of the published version only; the owner, moderators and administrators also
 * see those of a draft and of a pending revision. Everyone else gets 404 (never 403), so an id
 * does not tell whether an image exists.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getActorById } from '../../../core/auth/sessions.js';
import { UploadedFile } from '../../../core/http/body-parsers.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildUser } from '../../../test/factories.js';
import { createEntry } from '../commands/create-entry.js';
import { decideEntry } from '../commands/decide-entry.js';
import { decideRevision } from '../commands/decide-revision.js';
import { submitEntry } from '../commands/submit-entry.js';
import { updateEntry } from '../commands/update-entry.js';
import { entryInput } from '../inputs.js';
import { processImage } from './process.js';

type Who = 'anonymous' | 'another user' | 'owner' | 'moderator' | 'admin';
const WHO: Who[] = ['anonymous', 'another user', 'owner', 'moderator', 'admin'];
const baseUrl = 'http://platform.test';

let kit: TestKit;
let owner: Actor;
let moderator: Actor;
const clients = {} as Record<Who, TestClient>;
/** A draft's image; a published entry's two images (`kept`, and `removed` by the pending revision); the image the revision adds. */
const image = { draft: 0, kept: 0, removed: 0, added: 0 };
let publishedId = 0;

const uploads = mkdtempSync(join(tmpdir(), 'wsis-visibility-'));
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

const newImage = async (background: string) => {
  const data = await sharp({ create: { width: 40, height: 30, channels: 3, background } })
    .png()
    .toBuffer();
  // As the multipart reader hands it over: the bytes in a temporary file.
  const path = join(uploads, `photo-${background.replace('#', '')}.png`);
  writeFileSync(path, data);
  const processed = await processImage(new UploadedFile('photo.png', 'image/png', path, data.length, false));
  if (!processed.ok) throw new Error(processed.error);
  return processed.image;
};

const input = (title: string) =>
  entryInput.parse({
    language: 'en',
    title,
    summary: `${title}: a summary.`,
    actionLines: ['C3'],
    leadCountry: 'KE',
    stakeholderType: 'government',
    scope: 'national',
    status: 'ongoing',
  });

/** The status each kind of visitor gets for an image. */
const statuses = async (id: number) =>
  Object.fromEntries(await Promise.all(WHO.map(async (who) => [who, (await clients[who].get(`/en/stocktaking/images/${id}`)).statusCode]))) as Record<Who, number>;

const onlyOwners = { anonymous: 404, 'another user': 404, owner: 200, moderator: 200, admin: 200 };
const everyone = { anonymous: 200, 'another user': 200, owner: 200, moderator: 200, admin: 200 };
const nobody = { anonymous: 404, 'another user': 404, owner: 404, moderator: 404, admin: 404 };

/** The image ids a page shows. */
const imagesOn = (html: string) => [...html.matchAll(/\/stocktaking\/images\/(\d+)/g)].map((m) => Number(m[1]));

beforeAll(async () => {
  kit = await createTestKit();
  const { db } = kit.database;
  const users = {
    owner: await buildUser(db),
    'another user': await buildUser(db),
    moderator: await buildUser(db, { roles: ['moderator'] }),
    admin: await buildUser(db, { roles: ['admin'] }),
  };
  owner = (await getActorById(db, users.owner.id)) as Actor;
  moderator = (await getActorById(db, users.moderator.id)) as Actor;
  clients.anonymous = kit.client();
  for (const who of ['owner', 'another user', 'moderator', 'admin'] as const) clients[who] = await kit.as(users[who]);

  const draft = await createEntry(db, { actor: owner, input: input('Draft with a photo'), images: { add: [await newImage('#0a6ebd')], alt: 'A draft photo' } });
  if (!draft.ok) throw new Error(draft.error);
  const published = await createEntry(db, {
    actor: owner,
    input: input('Published with photos'),
    images: { add: [await newImage('#c8102e'), await newImage('#009639')], alt: 'A photo' },
  });
  if (!published.ok) throw new Error(published.error);
  publishedId = published.id;
  expect(await submitEntry(db, { actor: owner, id: published.id })).toMatchObject({ ok: true });
  expect(await decideEntry(db, { actor: moderator, id: published.id, decision: 'publish', baseUrl })).toMatchObject({ ok: true, state: 'published' });
  const shown = imagesOn((await clients.anonymous.get(`/en/stocktaking/${published.id}`)).body);
  const draftShown = imagesOn((await clients.owner.get(`/en/stocktaking/${draft.id}`)).body);
  expect(shown).toHaveLength(2);
  expect(draftShown).toHaveLength(1);
  image.draft = draftShown[0] as number;
  image.kept = shown[0] as number;
  image.removed = shown[1] as number;
  // The owner proposes a revision that adds one image and removes another.
  const revised = await updateEntry(db, {
    actor: owner,
    id: published.id,
    patch: { impact: 'Two hundred schools' },
    images: { add: [await newImage('#ffd100')], remove: [image.removed] },
  });
  expect(revised).toMatchObject({ ok: true, state: 'published' });
  const proposed = imagesOn((await clients.owner.get(`/en/stocktaking/${published.id}/edit`)).body);
  expect(proposed).toHaveLength(2);
  image.added = proposed.find((id) => id !== image.kept) as number;
  expect(image.added).toBeGreaterThan(image.removed);
});
afterAll(async () => kit.close());

describe('the images of an entry', () => {
  it('of a draft: its owner, moderators and administrators only', async () => {
    expect(await statuses(image.draft)).toEqual(onlyOwners);
  });

  it('of the published version: everyone', async () => {
    expect(await statuses(image.kept)).toEqual(everyone);
  });

  it('added by a pending revision: its owner, moderators and administrators only, not every reader of the published entry', async () => {
    expect(await statuses(image.added)).toEqual(onlyOwners);
    const anyone = await clients['another user'].get(`/en/stocktaking/images/${image.added}`);
    expect(anyone.headers['cache-control']).not.toContain('public');
    // The entry page shows the published images, to everyone alike, the owner included.
    for (const who of WHO) expect(imagesOn((await clients[who].get(`/en/stocktaking/${publishedId}`)).body)).toEqual([image.kept, image.removed]);
  });

  it('removed by a pending revision: still public until the revision is accepted', async () => {
    expect(await statuses(image.removed)).toEqual(everyone);
  });

  it('once the revision is accepted: the added image is public, the removed one is gone', async () => {
    expect(await decideRevision(kit.database.db, { actor: moderator, entryId: publishedId, decision: 'publish', baseUrl })).toMatchObject({ ok: true });
    expect(await statuses(image.added)).toEqual(everyone);
    expect(await statuses(image.kept)).toEqual(everyone);
    expect(await statuses(image.removed)).toEqual(nobody);
    expect(imagesOn((await clients.anonymous.get(`/en/stocktaking/${publishedId}`)).body)).toEqual([image.kept, image.added]);
  });

  it('answers an id that does not exist like one it may not show', async () => {
    const missing = await clients['another user'].get(`/en/stocktaking/images/${image.added + 1000}`);
    const hidden = await clients['another user'].get(`/en/stocktaking/images/${image.draft}`);
    expect(missing.statusCode).toBe(404);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toBe(missing.headers['content-type']);
  });
});

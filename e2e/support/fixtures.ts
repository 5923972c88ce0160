/**
 * Content the browser suites need beyond the demo: Stocktaking entries with an image, made through
 * the platform's own commands (create, submit, publish) as a contributor and a moderator would.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { getActorById } from '../../src/core/auth/sessions.js';
import type { Db } from '../../src/core/db/client.js';
import { UploadedFile } from '../../src/core/http/body-parsers.js';
import type { Actor } from '../../src/core/permissions/index.js';
import { createEntry } from '../../src/modules/stocktaking/commands/create-entry.js';
import { decideEntry } from '../../src/modules/stocktaking/commands/decide-entry.js';
import { submitEntry } from '../../src/modules/stocktaking/commands/submit-entry.js';
import { processImage } from '../../src/modules/stocktaking/images/process.js';
import { entryInput } from '../../src/modules/stocktaking/inputs.js';
import { buildUser } from '../../src/test/factories.js';

const actorOf = async (db: Db, roles: ('moderator' | 'contributor')[] = []) => {
  const user = await buildUser(db, { roles });
  const actor = await getActorById(db, user.id);
  if (!actor) throw new Error('actor not found');
  return actor as Actor;
};

/** A PNG of `width` × `height` in one colour, as the multipart reader hands it over (a file on disk). */
const image = async (dir: string, { width, height, background }: { width: number; height: number; background: string }) => {
  const data = await sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
  const path = join(dir, `photo-${width}x${height}.png`);
  await writeFile(path, data);
  const processed = await processImage(new UploadedFile('photo.png', 'image/png', path, data.length, false));
  if (!processed.ok) throw new Error(processed.error);
  return processed.image;
};

export type EntryWithImage = { id: number; title: string; alt: string; width: number; height: number };

/**
 * An entry in English with one image (`width` × `height`), submitted by a new contributor, and
 * published by a new moderator unless `publish` is false (then it waits in the moderation queue).
 */
export const entryWithImage = async (
  db: Db,
  { title, alt, width = 640, height = 400, publish = true }: { title: string; alt: string; width?: number; height?: number; publish?: boolean },
): Promise<EntryWithImage> => {
  const dir = await mkdtemp(join(tmpdir(), 'wsis-e2e-image-'));
  try {
    const owner = await actorOf(db);
    const input = entryInput.parse({
      language: 'en',
      title,
      summary: `${title}: community networks bring schools and clinics online, and teachers learn to keep them running.`,
      description: 'The project builds community-owned wireless networks.\n\nTeachers are trained to maintain them.',
      actionLines: ['C2'],
      leadCountry: 'KE',
      stakeholderType: 'civil-society',
      scope: 'national',
      status: 'ongoing',
    });
    const created = await createEntry(db, { actor: owner, input, images: { add: [await image(dir, { width, height, background: '#005a9c' })], alt } });
    if (!created.ok) throw new Error(`entry not created: ${created.error}`);
    const submitted = await submitEntry(db, { actor: owner, id: created.id });
    if (!submitted.ok) throw new Error(`entry not submitted: ${submitted.error}`);
    if (publish) {
      const moderator = await actorOf(db, ['moderator']);
      const decided = await decideEntry(db, { actor: moderator, id: created.id, decision: 'publish', baseUrl: 'http://127.0.0.1' });
      if (!decided.ok) throw new Error(`entry not published: ${decided.error}`);
    }
    return { id: created.id, title, alt, width, height };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

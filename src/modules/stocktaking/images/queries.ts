/** Read side of entry images. Who may see an image is decided by the entry (see routes.ts). */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import { entries, images } from '../tables.js';

export type ImageInfo = { id: number; width: number; height: number; alt: Localized; mimeType: string };

const info = { id: images.id, width: images.width, height: images.height, alt: images.alt, mimeType: images.mimeType };

/** The images an entry shows, in its order. */
export const findEntryImages = async (db: DbOrTx, entryId: number): Promise<ImageInfo[]> =>
  db
    .select(info)
    .from(images)
    .innerJoin(entries, and(eq(entries.id, images.entryId), sql`${images.id} = any(${entries.imageIds})`))
    .where(eq(images.entryId, entryId))
    .orderBy(sql`array_position(${entries.imageIds}, ${images.id})`);

/** Images of the given ids that belong to the entry (a pending revision's), in the given order. */
export const findImagesByIds = async (db: DbOrTx, { entryId, ids }: { entryId: number; ids: number[] }): Promise<ImageInfo[]> => {
  if (ids.length === 0) return [];
  const rows = await db
    .select(info)
    .from(images)
    .where(and(eq(images.entryId, entryId), sql`${images.id} = any(${sql.param(ids)}::bigint[])`))
    .orderBy(asc(images.id));
  const byId = new Map<number, ImageInfo>(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
};

/** One image's bytes with the entry it belongs to (the route checks the entry is visible). */
export const getImageFile = async (db: DbOrTx, id: number) => {
  const [row] = await db.select({ entryId: images.entryId, mimeType: images.mimeType, data: images.data, createdAt: images.createdAt }).from(images).where(eq(images.id, id));
  return row ?? null;
};

/**
 * Shared by the entry commands: the editable content of an entry (what a revision snapshots),
 * the checks against reference data and organizations, the search columns and the history.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import { LOCALES, type Locale, type Localized } from '../../../core/i18n/locales.js';
import type { Actor } from '../../../core/permissions/index.js';
import { findOrganizationsOfUser, getMembership } from '../../accounts/queries.js';
import { findActionLines, findCountries, findMatrixCells, findSdgs, findSdgTargets } from '../../reference/queries.js';
import type { EntryInput } from '../inputs.js';
import type { EntrySubject } from '../permissions.js';
import { type EntryPlaces, searchDocument, titleDocument, titleText } from '../search.js';
import { IMAGES_PER_ENTRY, type ProcessedImage } from '../images/process.js';
import { entries, events, images, type TranslationKind } from '../tables.js';

export type EntryRow = typeof entries.$inferSelect;

/** The editable columns of an entry: a revision holds exactly this. */
export type EntryContent = Pick<
  EntryRow,
  | 'organizationId'
  | 'originalLanguage'
  | 'title'
  | 'summary'
  | 'description'
  | 'impact'
  | 'partners'
  | 'translations'
  | 'outdatedLanguages'
  | 'stakeholderType'
  | 'leadCountry'
  | 'countries'
  | 'region'
  | 'scope'
  | 'actionLines'
  | 'sdgs'
  | 'sdgTargets'
  | 'targetGroups'
  | 'projectStatus'
  | 'startDate'
  | 'endDate'
  | 'website'
  | 'contactName'
  | 'contactEmail'
  | 'imageIds'
>;

export const contentOf = (row: EntryRow): EntryContent => ({
  organizationId: row.organizationId,
  originalLanguage: row.originalLanguage,
  title: row.title,
  summary: row.summary,
  description: row.description,
  impact: row.impact,
  partners: row.partners,
  translations: row.translations,
  outdatedLanguages: row.outdatedLanguages,
  stakeholderType: row.stakeholderType,
  leadCountry: row.leadCountry,
  countries: row.countries,
  region: row.region,
  scope: row.scope,
  actionLines: row.actionLines,
  sdgs: row.sdgs,
  sdgTargets: row.sdgTargets,
  targetGroups: row.targetGroups,
  projectStatus: row.projectStatus,
  startDate: row.startDate,
  endDate: row.endDate,
  website: row.website,
  contactName: row.contactName,
  contactEmail: row.contactEmail,
  imageIds: row.imageIds,
});

/** The entry in one language as the API input shape (before an edit is merged in). */
export const inputOf = (content: EntryContent, language: Locale) => ({
  language,
  title: content.title[language] ?? '',
  summary: content.summary[language] ?? '',
  description: content.description[language] ?? null,
  impact: content.impact[language] ?? null,
  partners: content.partners[language] ?? null,
  actionLines: content.actionLines,
  sdgs: content.sdgs,
  sdgTargets: content.sdgTargets,
  countries: content.countries,
  leadCountry: content.leadCountry,
  stakeholderType: content.stakeholderType,
  scope: content.scope,
  targetGroups: content.targetGroups,
  status: content.projectStatus,
  startDate: content.startDate,
  endDate: content.endDate,
  website: content.website,
  contact: content.contactName && content.contactEmail ? { name: content.contactName, email: content.contactEmail } : null,
  organizationId: content.organizationId,
});

/** Unknown codes per field (the codes themselves, so the caller can point at them). */
export type UnknownCodes = Partial<Record<'actionLines' | 'sdgs' | 'sdgTargets' | 'countries' | 'leadCountry', (string | number)[]>>;

export type ContentError = { ok: false; error: 'unknown_codes'; fields: UnknownCodes } | { ok: false; error: 'unknown_organization' | 'organization_required' };

const withText = (current: Localized, language: Locale, text: string | null | undefined): Localized => {
  const next = { ...current };
  if (text) next[language] = text;
  else delete next[language];
  return next;
};

/** The reference codes an entry is checked against, loaded once (an import reuses it for every row). */
export type ReferenceCodes = {
  lineCodes: Set<string>;
  /** Action line → its parent (C7.e-health → C7). */
  parentOf: Map<string, string | null>;
  sdgNumbers: Set<number>;
  targetCodes: Set<string>;
  regionOf: Map<string, string | null>;
  /** Matrix links (not removed): action line → the SDGs it serves. */
  sdgsOfLine: Map<string, number[]>;
};

export const loadReferenceCodes = async (tx: DbOrTx): Promise<ReferenceCodes> => {
  // One after the other: a transaction is one connection.
  const lines = await findActionLines(tx);
  const goals = await findSdgs(tx);
  const countries = await findCountries(tx);
  const targets = await findSdgTargets(tx);
  const cells = await findMatrixCells(tx);
  const sdgsOfLine = new Map<string, number[]>();
  for (const link of cells) sdgsOfLine.set(link.actionLine, [...(sdgsOfLine.get(link.actionLine) ?? []), link.sdg]);
  return {
    lineCodes: new Set(lines.map((l) => l.code)),
    parentOf: new Map(lines.map((l) => [l.code, l.parent])),
    sdgNumbers: new Set(goals.map((g) => g.number)),
    targetCodes: new Set(targets.map((t) => t.code)),
    regionOf: new Map(countries.map((c) => [c.code, c.region])),
    sdgsOfLine,
  };
};

/** SDGs the matrix links to some action lines (a parent line such as C7 stands for its sub-lines). */
const linkedSdgs = (reference: ReferenceCodes, codes: string[]) => {
  const chosen = new Set(codes);
  const linked = new Set<number>();
  for (const [line, sdgs] of reference.sdgsOfLine) {
    const parent = reference.parentOf.get(line);
    if (chosen.has(line) || (parent && chosen.has(parent))) for (const n of sdgs) linked.add(n);
  }
  return linked;
};

/**
 * Checks an input against the reference data and the actor's organizations, and turns it into
 * entry content (merged into `current` for an edit). SDGs that no chosen action line links to
 * are returned as a warning, never an error. `reference` may be passed when many entries are
 * built at once (import).
 */
export const buildContent = async (
  tx: DbOrTx,
  { actor, input, current, reference }: { actor: Actor; input: EntryInput; current?: EntryContent; reference?: ReferenceCodes },
): Promise<{ ok: true; content: EntryContent; unlinkedSdgs: number[] } | ContentError> => {
  const codes = reference ?? (await loadReferenceCodes(tx));
  const fields: UnknownCodes = {};
  const unknownLines = input.actionLines.filter((c) => !codes.lineCodes.has(c));
  const unknownSdgs = input.sdgs.filter((n) => !codes.sdgNumbers.has(n));
  const unknownCountries = input.countries.filter((c) => !codes.regionOf.has(c));
  if (unknownLines.length) fields.actionLines = unknownLines;
  if (unknownSdgs.length) fields.sdgs = unknownSdgs;
  if (unknownCountries.length) fields.countries = unknownCountries;
  if (!codes.regionOf.has(input.leadCountry)) fields.leadCountry = [input.leadCountry];
  const unknownTargets = (input.sdgTargets ?? []).filter((code) => !codes.targetCodes.has(code));
  if (unknownTargets.length) fields.sdgTargets = unknownTargets;
  if (Object.keys(fields).length > 0) return { ok: false, error: 'unknown_codes', fields };

  // An entry belongs to one of the submitter's organizations, or to nobody (the submitter's own name).
  let organizationId = current?.organizationId ?? null;
  const requested = input.organizationId ?? null;
  if (requested !== null && requested !== organizationId) {
    const membership = await getMembership(tx, { organizationId: requested, userId: actor.id });
    if (!membership) return { ok: false, error: 'unknown_organization' };
    organizationId = requested;
  } else if (!current && requested === null) {
    const mine = await findOrganizationsOfUser(tx, actor.id);
    if (mine.length > 1) return { ok: false, error: 'organization_required' };
    organizationId = mine[0]?.id ?? null;
  }

  const language = input.language;
  const base: Pick<EntryContent, 'title' | 'summary' | 'description' | 'impact' | 'partners' | 'translations' | 'originalLanguage' | 'sdgTargets'> = current ?? {
    title: {},
    summary: {},
    description: {},
    impact: {},
    partners: {},
    translations: {},
    originalLanguage: language,
    sdgTargets: [],
  };
  const kind: TranslationKind = language === base.originalLanguage ? 'original' : (base.translations[language] ?? 'unofficial');
  const content: EntryContent = {
    organizationId,
    originalLanguage: base.originalLanguage,
    title: withText(base.title, language, input.title),
    summary: withText(base.summary, language, input.summary),
    description: withText(base.description, language, input.description),
    impact: withText(base.impact, language, input.impact),
    partners: withText(base.partners, language, input.partners),
    translations: { ...base.translations, [language]: kind },
    outdatedLanguages: current?.outdatedLanguages ?? [],
    stakeholderType: input.stakeholderType,
    leadCountry: input.leadCountry,
    countries: [...new Set(input.countries)],
    region: codes.regionOf.get(input.leadCountry) ?? null,
    scope: input.scope,
    actionLines: [...new Set(input.actionLines)],
    sdgs: [...new Set(input.sdgs)].sort((a, b) => a - b),
    sdgTargets: input.sdgTargets ? [...new Set(input.sdgTargets)] : base.sdgTargets,
    targetGroups: [...new Set(input.targetGroups)],
    projectStatus: input.status,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    website: input.website ?? null,
    contactName: input.contact?.name ?? null,
    contactEmail: input.contact?.email ?? null,
    imageIds: current?.imageIds ?? [],
  };
  const linked = linkedSdgs(codes, content.actionLines);
  return { ok: true, content, unlinkedSdgs: content.sdgs.filter((n) => !linked.has(n)) };
};

/** The search columns for some content (see search.ts). */
export const searchColumns = (content: Pick<EntryContent, 'title' | 'summary'> & EntryPlaces) => ({
  searchVector: searchDocument(content),
  titleVector: titleDocument(content),
  titleText: titleText(content),
});

/** Loads an entry for a change, locking its row until the transaction ends. */
export const lockEntry = async (tx: DbOrTx, id: number) => (await tx.select().from(entries).where(eq(entries.id, id)).for('update'))[0];

/** The entry as the permission rules see it, for this actor. */
export const subjectOf = async (tx: DbOrTx, actor: Actor, entry: EntryRow): Promise<EntrySubject> => ({
  entry: { state: entry.state, submitterId: entry.submitterId, organizationId: entry.organizationId },
  isMember: entry.organizationId === null ? false : Boolean(await getMembership(tx, { organizationId: entry.organizationId, userId: actor.id })),
});

type EventKind = (typeof events.$inferInsert)['kind'];

/** Appends a step to the entry's history. */
export const addEvent = async (
  tx: DbOrTx,
  { entryId, actor, kind, comment, revisionId, content }: { entryId: number; actor: Actor; kind: EventKind; comment?: string | null; revisionId?: number; content?: EntryContent },
) => {
  await tx.insert(events).values({ entryId, actorId: actor.id, kind, comment: comment ?? null, revisionId: revisionId ?? null, content: content ?? null });
};

/** Images to add to an entry (already checked and re-encoded) and ids of shown images to remove. */
export type ImageChanges = { add?: ProcessedImage[]; alt?: string | null; remove?: number[] };

/**
 * Stores new images of an entry and returns the list it will show: `current` without the removed
 * ones, then the new ones; null when that would exceed IMAGES_PER_ENTRY (nothing is stored).
 */
export const applyImageChanges = async (
  tx: DbOrTx,
  { entryId, actor, language, current, changes }: { entryId: number; actor: Actor; language: Locale; current: number[]; changes: ImageChanges | undefined },
): Promise<number[] | null> => {
  if (!changes) return current;
  const removed = new Set(changes.remove ?? []);
  const kept = current.filter((id) => !removed.has(id));
  const add = changes.add ?? [];
  if (kept.length + add.length > IMAGES_PER_ENTRY) return null;
  const alt = changes.alt?.trim() ? { [language]: changes.alt.trim() } : {};
  const added: number[] = [];
  for (const image of add) {
    const [row] = await tx
      .insert(images)
      .values({ entryId, uploaderId: actor.id, mimeType: image.mimeType, width: image.width, height: image.height, byteSize: image.data.length, data: image.data, alt })
      .returning({ id: images.id });
    if (row) added.push(row.id);
  }
  return [...kept, ...added];
};

const ORIGINAL_TEXTS = ['title', 'summary', 'description', 'impact', 'partners'] as const;

/**
 * The languages out of date after a save in `language`: a change of the original text marks every
 * other language version present; saving a language version brings that one up to date.
 */
export const outdatedAfter = ({ before, after, language }: { before: EntryContent; after: EntryContent; language: Locale }): Locale[] => {
  const original = after.originalLanguage;
  const present = new Set(LOCALES.filter((l) => l !== original && after.title[l]));
  let outdated = new Set((before.outdatedLanguages ?? []).filter((l) => present.has(l)));
  if (language === original) {
    const changed = before.originalLanguage !== original || ORIGINAL_TEXTS.some((f) => (before[f]?.[original] ?? '') !== (after[f]?.[original] ?? ''));
    if (changed) outdated = new Set(present);
  } else outdated.delete(language);
  return LOCALES.filter((l) => outdated.has(l));
};

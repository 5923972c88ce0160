/** Reads of roadmaps and their versions for the pages, the API and the DOCX. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../core/db/client.js';
import type { Localized } from '../../../core/i18n/locales.js';
import { findOrganizationLabels, findOrganizations, organizationLabel } from '../../accounts/queries.js';
import { findConnectGoals, findSdgTargets } from '../../reference/queries.js';
import { findCurrentFocalPoints } from '../focal-points/queries.js';
import type { RoadmapVersion } from '../queries.js';
import { roadmaps, roadmapVersions, tasks } from '../tables.js';

/** Every roadmap with its current version's number and date (null when none is current yet), the number of its draft and its serving focal points. Public. */
export const findRoadmapSummaries = async (db: DbOrTx, now = new Date()) => {
  const [rows, versions, focal] = await Promise.all([
    db.select().from(roadmaps).orderBy(asc(roadmaps.actionLine)),
    db
      .select({ roadmapId: roadmapVersions.roadmapId, number: roadmapVersions.number, status: roadmapVersions.status, currentSince: roadmapVersions.currentSince })
      .from(roadmapVersions)
      .where(inArray(roadmapVersions.status, ['current', 'draft'])),
    findCurrentFocalPoints(db, now),
  ]);
  return rows.map((r) => {
    const current = versions.find((v) => v.roadmapId === r.id && v.status === 'current');
    return {
      ...r,
      current: current ? { number: current.number, since: current.currentSince } : null,
      draftNumber: versions.find((v) => v.roadmapId === r.id && v.status === 'draft')?.number ?? null,
      focalPoints: focal.filter((f) => f.actionLine === r.actionLine),
    };
  });
};
export type RoadmapSummary = Awaited<ReturnType<typeof findRoadmapSummaries>>[number];

/** One version of a roadmap by its number, or undefined. */
export const findVersionByNumber = async (db: DbOrTx, { roadmapId, number }: { roadmapId: number; number: number }) =>
  (
    await db
      .select()
      .from(roadmapVersions)
      .where(and(eq(roadmapVersions.roadmapId, roadmapId), eq(roadmapVersions.number, number)))
  )[0];

/** One version by its id with its roadmap's line, or undefined. */
export const findVersionById = async (db: DbOrTx, id: number) =>
  (
    await db
      .select({ version: roadmapVersions, actionLine: roadmaps.actionLine })
      .from(roadmapVersions)
      .innerJoin(roadmaps, eq(roadmaps.id, roadmapVersions.roadmapId))
      .where(eq(roadmapVersions.id, id))
  )[0];

/** A roadmap's tasks, by deadline: a plain read for the roadmap's page and the API (the tasks feature owns them). */
export const findRoadmapTasks = async (db: DbOrTx, roadmapId: number) =>
  db
    .select({ id: tasks.id, title: tasks.title, ownerBureau: tasks.ownerBureau, startsOn: tasks.startsOn, deadline: tasks.deadline, status: tasks.status })
    .from(tasks)
    .where(eq(tasks.roadmapId, roadmapId))
    .orderBy(asc(tasks.deadline), asc(tasks.id));
export type RoadmapTask = Awaited<ReturnType<typeof findRoadmapTasks>>[number];

/** Names of the partners and texts of the targets of some versions (one read for a page or a diff). */
export const loadVersionLabels = async (db: DbOrTx, versions: RoadmapVersion[]) => {
  const ids = [...new Set(versions.flatMap((v) => v.partnerOrganizationIds))];
  const codes = [...new Set(versions.flatMap((v) => v.sdgTargets))];
  const [organizations, sdg, goals] = await Promise.all([
    findOrganizationLabels(db, ids),
    codes.length ? findSdgTargets(db, { codes }) : Promise.resolve([]),
    findConnectGoals(db),
  ]);
  return {
    partners: organizations,
    sdgTargets: new Map<string, Localized>(sdg.map((x) => [x.code, x.text])),
    connectTargets: new Map<string, Localized>(goals.flatMap((g) => g.targets.map((x) => [x.code, x.text] as const))),
  };
};

/** Every organization (id and name), alphabetically, for the partners of a draft. */
export const findAllOrganizations = async (db: DbOrTx) => {
  const all: { id: number; name: string }[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await findOrganizations(db, { page });
    all.push(...items.map((o) => ({ id: o.id, name: organizationLabel(o) })));
    if (items.length === 0 || all.length >= total) return all;
  }
};

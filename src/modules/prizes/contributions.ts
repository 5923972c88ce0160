/**
 * What the WSIS Prizes give to other modules, declared in the manifest and collected by the core
 * (core/contributions.ts): the winner and champion badges on Stocktaking entries, each
 * edition's phases as calendar dates, "nominate" on an owner's published entry while an edition
 * accepts nominations, and that edition's word limits beside the summary of the entry form.
 */
import type { BadgeContribution, CalendarContribution, CalendarDate, FormHintContribution, ItemActionContribution } from '../../core/contributions.js';
import { can } from '../../core/permissions/index.js';
import { momentOf, phasesOf } from './phases.js';
import { findBadges, findEditions, findEditionsOverlapping } from './queries.js';
import { editions, PHASES } from './tables.js';
import { tableFingerprint } from '../../core/db/fingerprint.js';

/** Winner and champion badges of Stocktaking entries, once their edition's announcement has started. */
export const entryBadges: BadgeContribution = {
  on: 'stocktaking.entry',
  find: async (db, ids) => {
    const byEntry: Awaited<ReturnType<BadgeContribution['find']>> = new Map();
    for (const { entryId, kind, year, category } of await findBadges(db, ids)) {
      const badge = { kind, label: { key: kind === 'winner' ? 'prizes.badges.winner' : 'prizes.badges.champion', values: { year } }, data: { year, category } };
      byEntry.set(Number(entryId), [...(byEntry.get(Number(entryId)) ?? []), badge]);
    }
    return byEntry;
  },
};

/** The five phases of every edition that overlap the range, one date each (public: the edition pages show them). */
export const phaseDates: CalendarContribution = {
  version: (db) => tableFingerprint(db, [editions]),
  find: async (db, { from, to }) => {
    const rows = await findEditionsOverlapping(db, { from, to });
    return rows.flatMap((edition) => {
      const phases = phasesOf(edition);
      return PHASES.filter((phase) => phases[phase].start < to && phases[phase].end > from).map(
        (phase): CalendarDate => ({
          id: `${edition.year}.${phase}`,
          label: { key: `prizes.calendar.${phase}`, values: { year: edition.year } },
          start: phases[phase].start,
          end: phases[phase].end,
          href: `/prizes/${edition.year}`,
          kind: 'prize',
        }),
      );
    });
  },
};

/** The editions accepting nominations now (their submission phase), newest first. */
const acceptingNominations = async (db: Parameters<FormHintContribution['find']>[0]) => (await findEditions(db)).filter((e) => momentOf(e) === 'submission');

/** "Nominate for the WSIS Prizes {year}" on a published entry, for its owner, while an edition accepts nominations. */
export const nominateEntry: ItemActionContribution = {
  on: 'stocktaking.entry',
  find: async (db, { item, actor }) => {
    if (item.state !== 'published' || !can(actor, 'prizes.nomination.create')) return [];
    return (await acceptingNominations(db)).map((e) => ({
      id: `nominate.${e.year}`,
      label: { key: 'prizes.nomination.entry_action', values: { year: e.year } },
      href: `/prizes/${e.year}/nominate?entryId=${item.id}`,
      hint: { key: 'prizes.nomination.entry_action_hint', values: { min: e.summaryMinWords, max: e.summaryMaxWords } },
    }));
  },
};

/** The summary's word limits of each edition accepting nominations, shown while the entry is written. */
export const entryWordLimits: FormHintContribution = {
  on: 'stocktaking.entry-form',
  find: async (db) =>
    (await acceptingNominations(db)).map((e) => ({
      field: 'summary',
      label: { key: 'prizes.nomination.summary_limits', values: { year: e.year, min: e.summaryMinWords, max: e.summaryMaxWords } },
    })),
};

/**
 * What the WSIS Prizes give to other modules, declared in the manifest and collected by the core
 * (core/contributions.ts): the winner and champion badges on Stocktaking entries, and each
 * edition's phases as calendar dates.
 */
import type { BadgeContribution, CalendarContribution, CalendarDate } from '../../core/contributions.js';
import { phasesOf } from './phases.js';
import { findBadges, findEditionsOverlapping } from './queries.js';
import { PHASES } from './tables.js';

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
        }),
      );
    });
  },
};

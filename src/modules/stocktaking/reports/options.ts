/**
 * The Stocktaking's section of the reports (`stocktaking.figures`): its id, title and the options a
 * template may set, declared in the manifest without loading the section's code (section.ts is
 * loaded when a report is built).
 */
import type { ReportSectionOption } from '../../../core/contributions.js';

/** The figures the section can draw, in their default order. */
export const FIGURES = ['action-line', 'sdg', 'region', 'stakeholder', 'target-group'] as const;
export type Figure = (typeof FIGURES)[number];

/** Target groups every target-group figure shows, even at zero (issue 17). */
export const ALWAYS_SHOWN_TARGET_GROUPS = ['women-and-girls', 'persons-with-disabilities'] as const;

export const FIGURES_SECTION_ID = 'stocktaking.figures';

export const figuresSectionOptions: ReportSectionOption[] = [
  {
    name: 'figures',
    label: { key: 'stocktaking.reports.option_figures' },
    choices: FIGURES.map((value) => ({ value, label: { key: `stocktaking.reports.figure_${value}` } })),
  },
  // Filters: an absent or empty list filters nothing.
  { name: 'actionLines', label: { key: 'stocktaking.reports.option_action_lines' }, reference: 'action-lines', default: [] },
  { name: 'sdgs', label: { key: 'stocktaking.reports.option_sdgs' }, reference: 'sdgs', default: [] },
];

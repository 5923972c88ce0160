import type { ViewContext } from '../../../../core/views/context.js';
import { LocalizedText } from '../../../../core/views/LocalizedText.js';
import type { Localized } from '../../../../core/i18n/locales.js';
import type { Light } from '../rules.js';

export const lightLabel = (view: ViewContext, light: Light) => view.t(`roadmaps.tasks.light_${light}`);
export const statusLabel = (view: ViewContext, status: string) => view.t(`roadmaps.tasks.status_${status}`);

/** Colour and shape of each light: never colour alone (a shape and the word go with it). */
export const LIGHT_STYLE: Record<Light, { fill: string; shape: string }> = {
  // An octagon (a stop sign).
  late: { fill: '#b3261e', shape: 'M5 1h6l4 4v6l-4 4H5l-4-4V5z' },
  // An hourglass.
  stale: { fill: '#7a5200', shape: 'M3 1h10v2l-4 5 4 5v2H3v-2l4-5-4-5z' },
  // A triangle (a warning sign).
  'at-risk': { fill: '#a84b00', shape: 'M8 1l7 14H1z' },
  // A disc.
  'on-track': { fill: '#1b6e35', shape: 'M8 1a7 7 0 1 0 0.01 0z' },
  // A ring.
  'not-started': { fill: '#555b61', shape: 'M8 1a7 7 0 1 0 0.01 0zM8 4a4 4 0 1 1-0.01 0z' },
  // A check mark.
  done: { fill: '#1b5e20', shape: 'M1 8l2-2 3 3 7-7 2 2-9 9z' },
  // A cross.
  cancelled: { fill: '#555b61', shape: 'M3 1l5 5 5-5 2 2-5 5 5 5-2 2-5-5-5 5-2-2 5-5-5-5z' },
};

/**
 * The same shapes as characters, for text without pictures (the reports' tables, DOCX and PDF):
 * octagon, hourglass, triangle, disc, ring, check mark, cross. Always followed by the word.
 */
export const LIGHT_SYMBOL: Record<Light, string> = {
  late: '\u2BC3',
  stale: '\u29D7',
  'at-risk': '\u25B2',
  'on-track': '\u25CF',
  'not-started': '\u25CB',
  done: '\u2713',
  cancelled: '\u2715',
};

/** The shape of a light (decorative: the word follows it). */
export const LightIcon = ({ light }: { light: Light }) => (
  <svg class="task-light-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d={LIGHT_STYLE[light].shape} fill={LIGHT_STYLE[light].fill} fill-rule="evenodd" />
  </svg>
);

/** The light as shape and word. */
export const LightBadge = ({ view, light }: { view: ViewContext; light: Light }) => (
  <span class={`task-light task-light-${light}`}>
    <LightIcon light={light} /> {lightLabel(view, light)}
  </span>
);

export const TaskText = ({ view, value }: { view: ViewContext; value: Localized }) => <LocalizedText view={view} value={value} translations={{}} />;

/** A day (YYYY-MM-DD) in the reader's language. */
export const Day = ({ view, day }: { view: ViewContext; day: string }) => <time datetime={day}>{view.fmt.date(`${day}T00:00:00Z`)}</time>;

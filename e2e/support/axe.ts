import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.2 AA, as the platform promises (Res. 175). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** One readable paragraph per violation: rule, impact, help, and the selectors of each node. */
export const formatViolations = (url: string, violations: Violation[]) =>
  [
    `${violations.length} accessibility violation(s) on ${url}:`,
    ...violations.map((v) =>
      [
        `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}`,
        `  ${v.helpUrl}`,
        ...v.nodes.map((n) => `  at ${n.target.map(String).join(' > ')}${n.failureSummary ? `\n     ${n.failureSummary.replace(/\n\s*/g, '\n     ')}` : ''}`),
      ].join('\n'),
    ),
  ].join('\n');

/**
 * Runs axe-core on the page as it is now and returns the violations (empty when clean). In the
 * page itself (`axe.run`, AxeBuilder's legacy mode): the default opens a blank page in the same
 * context to merge the frames' partial results (`axe.finishRun`), a renderer of its own for every
 * check, which cost more than the rules (52 pages, one at a time: 0.77 s a check against 0.97–1.27 s,
 * the same violations). Our pages have no frames from another origin, the one thing that mode is for.
 */
export const checkAccessibility = async (page: Page) => {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  return results.violations;
};

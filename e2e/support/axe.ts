import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type axe from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';

/** WCAG 2.2 AA, as the platform promises (Res. 175). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type Violation = axe.Result;

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
 * axe-core's own build (the version @axe-core/playwright brings), put into the page as AxeBuilder
 * does (an evaluation over the DevTools protocol, which the pages' Content-Security-Policy does not
 * govern).
 */
export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Puts axe-core into every document the context opens, before the page's own scripts: a page
 * checked by checkAccessibility then needs no evaluation of its 550 KB first.
 */
export const prepareAxe = (context: BrowserContext) => context.addInitScript({ content: AXE_SOURCE });

/**
 * Runs axe-core on the page as it is now and returns the violations (empty when clean), in the page
 * itself (`axe.run`, as AxeBuilder's legacy mode does), with the tags of WCAG 2.2 AA and only the
 * violations written out. AxeBuilder evaluated axe-core's source again at each check and brought
 * back every node that passed; 8 pages one after the other (2026-12-07): 1.18–1.21 s a check that
 * way, 0.53–0.58 s now, the same rules. Frames: axe.run checks those that hold axe-core too (a
 * context prepared with prepareAxe puts it in every frame); our pages have none from another origin.
 */
export const checkAccessibility = async (page: Page): Promise<Violation[]> => {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async (tags) => (await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations,
    WCAG_TAGS,
  );
};

/**
 * Debian's Chromium, driven by playwright-core (no browser download: CI installs the `chromium`
 * package). Without it, browser tests are skipped on a developer machine and fail in CI.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../src/core/exports/chromium-args.js';

/** Debian's package puts it here; CHROMIUM_PATH may point elsewhere on a developer's machine. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const isCI = process.env.CI === 'true';
export const hasChromium = existsSync(CHROMIUM_PATH);

export const CHROMIUM_MISSING = `Chromium is missing (${CHROMIUM_PATH}): install it with \`apt-get install chromium fonts-noto-core fonts-noto-cjk\` (.ci/run does this).`;

/**
 * True when the browser suites should be skipped: no Chromium outside CI. In CI a missing
 * Chromium is not a reason to skip: the suites run and fail with CHROMIUM_MISSING.
 */
export const skipBrowserTests = !hasChromium && !isCI;

/** Launches a fresh Chromium (Playwright gives each launch its own empty user-data-dir). */
export const launchChromium = async (): Promise<Browser> => {
  if (!hasChromium) throw new Error(CHROMIUM_MISSING);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
};

// vitest globalSetup of the 'browser' project: says once, before any browser suite, why they are skipped.
import { CHROMIUM_MISSING, hasChromium, isCI } from './chromium.js';

export default function setup() {
  if (hasChromium) return;
  process.stderr.write(isCI ? `\n[browser] ${CHROMIUM_MISSING} The browser tests will fail.\n\n` : `\n[browser] Skipping the browser tests: ${CHROMIUM_MISSING}\n\n`);
}

#!/usr/bin/env node
/**
 * Writes src/test/durations.json from vitest's cache of the last run on this machine
 * (node_modules/.vite/vitest/<hash>/results.json): each test file's duration by project, which
 * src/test/sequencer.ts reads where vitest has none (a fresh CI clone), so that the longest files
 * start first. Run it after a whole `npm test`, and commit the file.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, 'node_modules/.vite/vitest');
const caches = existsSync(cacheDir)
  ? readdirSync(cacheDir)
      .map((d) => join(cacheDir, d, 'results.json'))
      .filter((f) => existsSync(f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
  : [];
if (caches.length === 0) {
  console.error('no vitest results on this machine: run `npm test` first');
  process.exit(1);
}
const { results } = JSON.parse(readFileSync(caches[0], 'utf8'));
const durations = Object.fromEntries(
  results
    .filter(([key, result]) => existsSync(join(root, key.slice(key.indexOf(':') + 1))) && typeof result?.duration === 'number')
    .map(([key, result]) => [key, Math.round(result.duration / 100) * 100])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync(join(root, 'src/test/durations.json'), `${JSON.stringify(durations, null, 2)}\n`);
console.log(`src/test/durations.json: ${Object.keys(durations).length} files, from ${caches[0]}`);

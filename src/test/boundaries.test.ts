/**
 * The boundary rules (docs/ARCHITECTURE.md, "The core, the modules and their edges") hold for the
 * code as it is, and scripts/check-boundaries.mjs catches each kind of violation in a tree of its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/check-boundaries.mjs');
const DOC = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');

const check = (root: string) => {
  const run = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
};

let tree = '';
afterEach(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
  tree = '';
});
/** A project folder holding the architecture notes (or other notes) and these source files. */
const treeOf = (files: Record<string, string>, doc = DOC) => {
  tree = mkdtempSync(join(tmpdir(), 'wsis-boundaries-'));
  for (const [path, text] of Object.entries({ 'docs/ARCHITECTURE.md': doc, ...files })) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
  return tree;
};

describe('scripts/check-boundaries.mjs', () => {
  it('passes on the code as it is', () => {
    const { code, out } = check(ROOT);
    expect(out).toMatch(/^module boundaries: ok \(\d+ files, \d+ module → module edges in docs\/ARCHITECTURE.md\)/);
    expect(code).toBe(0);
  });

  it('fails on a core → module import, a module importing an entry file, and an edge not in the table; names each', () => {
    const root = treeOf({
      'src/core/db/schema.ts': "export * from '../../modules/stocktaking/tables.js';\n",
      'src/core/cli/seed.ts': "export const run = async () => (await import('../../platform-modules.js')).MODULES;\n",
      'src/modules/stocktaking/tables.ts': 'export const entries = 1;\n',
      'src/modules/stocktaking/routes.ts': "import { countryName } from '../reference/queries.js';\nimport { findBadgesByEntry } from '../prizes/queries.js';\n",
      'src/modules/prizes/queries.ts': "import { entries } from '../stocktaking/tables.js';\nexport const findBadgesByEntry = () => entries;\n",
      'src/modules/prizes/integrity/bench.ts': "export const modules = async () => (await import('../../../app.js')).MODULES;\n",
      'src/modules/reference/queries.ts': 'export const countryName = () => "";\n',
      // Tests and the test kit compose freely.
      'src/core/cli/seed.test.ts': "import { MODULES } from '../../platform-modules.js';\n",
      'src/test/db.ts': "import { MODULES } from '../platform-modules.js';\n",
    });
    const { code, out } = check(root);
    expect(code).toBe(1);
    const lines = out.split('\n').filter((l) => l.startsWith('  '));
    expect(lines).toEqual([
      '  src/core/cli/seed.ts: imports the entry file src/platform-modules.js; the entry hands the modules over, nobody imports it back',
      '  src/core/db/schema.ts: the core imports the module stocktaking (../../modules/stocktaking/tables.js); give it to the core through the manifest or the entry files',
      '  src/modules/prizes/integrity/bench.ts: imports the entry file src/app.js; the entry hands the modules over, nobody imports it back',
      '  src/modules/prizes/queries.ts: prizes imports stocktaking/tables (../stocktaking/tables.js), an edge not listed in "### Allowed module → module imports" of docs/ARCHITECTURE.md',
      '  src/modules/stocktaking/routes.ts: stocktaking imports prizes/queries (../prizes/queries.js), an edge not listed in "### Allowed module → module imports" of docs/ARCHITECTURE.md',
    ]);
  });

  it('reads the allowed edges from the table of docs/ARCHITECTURE.md, and refuses notes without it', () => {
    const files = { 'src/modules/stocktaking/routes.ts': "import { findBadgesByEntry } from '../prizes/queries.js';\n" };
    const withEdge = DOC.replace('| any | `reference/queries` |', '| stocktaking | `prizes/queries` | test |\n| any | `reference/queries` |');
    expect(check(treeOf(files, withEdge)).code).toBe(0);
    rmSync(tree, { recursive: true, force: true });
    const { code, out } = check(treeOf(files, '# Architecture\n'));
    expect(code).toBe(1);
    expect(out).toContain('has no section "### Allowed module → module imports"');
  });
});

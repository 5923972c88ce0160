/**
 * The test files the `postgresql` project runs (vitest.config.ts): those whose code can behave
 * differently there. The two database projects differ only in the variable WSIS_TEST_DB (pglite
 * or postgresql), read by src/test/db.ts (createTestDatabase, createTestKit through it) and by a
 * few tests themselves; a test file that loads no file reading it runs the same code, with the
 * same result, in both projects, so running it a second time checks nothing more.
 *
 * Found from the source, so a new test is never missed: every relative import of a test file
 * (static, `export … from`, dynamic `import('…')`) is followed through the project's files, and
 * the file is kept when one of the files it reaches (itself included) names WSIS_TEST_DB or
 * DATABASE_URL (a test that talks to the server of DATABASE_URL on its own).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** What marks a file as depending on the database project (see above). */
const DATABASE_MARK = /\bWSIS_TEST_DB\b/;

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The file a relative specifier names, among `known`: `./x.js` is `./x.ts` or `./x.tsx` in the source. */
const resolveImport = (known: Set<string>, from: string, specifier: string): string | undefined => {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(js|jsx|mjs|ts|tsx)$/, '');
  return [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.js`, `${stem}.mjs`, join(base, 'index.ts'), join(base, 'index.tsx')].find((c) => known.has(c));
};

const walk = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(join(dir, e.name))) : [join(dir, e.name)]))
    : [];

/**
 * The test files under `root`/src (paths relative to root, sorted) that reach WSIS_TEST_DB
 * through their imports. Each file of src/ is read once; the mark then spreads from the files
 * that name it to the files importing them.
 */
export const databaseTestFiles = (root: string, pattern = /\.test\.tsx?$/): string[] => {
  const files = walk(join(root, 'src')).filter((f) => /\.(ts|tsx|mts|js|mjs)$/.test(f));
  const known = new Set(files);
  const importers = new Map<string, string[]>();
  const marked = new Set<string>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    if (DATABASE_MARK.test(source)) marked.add(file);
    for (const [, specifier] of source.matchAll(IMPORT)) {
      const target = specifier && resolveImport(known, file, specifier);
      if (target) importers.set(target, [...(importers.get(target) ?? []), file]);
    }
  }
  const queue = [...marked];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const importer of importers.get(file) ?? []) {
      if (marked.has(importer)) continue;
      marked.add(importer);
      queue.push(importer);
    }
  }
  return files
    .filter((f) => pattern.test(f) && marked.has(f))
    .map((f) => relative(root, f).split('\\').join('/'))
    .sort();
};

// The boundary rules of docs/ARCHITECTURE.md ("The core, the modules and their edges"), checked on
// every import (static, `export … from` and dynamic `import('…')`) of the non-test source files:
// - the core (src/core) imports no module and no entry file (src/app.ts, src/cli.ts,
//   src/platform-*.ts): the entry files hand the modules to it;
// - a module imports the core, its own files, and another module's files only along an edge of
//   the table "Allowed module → module imports" in docs/ARCHITECTURE.md (the one source of edges);
// - a module imports no entry file;
// - routes and views never import the database client.
// Tests (*.test.ts) and the test kit (src/test) compose freely. Exits 1 and lists every violation.
// Usage: node scripts/check-boundaries.mjs [root]  (root: the project folder, default: the current one)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const DOC = 'docs/ARCHITECTURE.md';
const TABLE_HEADING = '### Allowed module → module imports';
const ENTRY_FILES = /^src\/(app|cli|platform-[a-z-]+)\.(ts|tsx|js)$/;

/** The edges of the table: [{ from: 'stocktaking' | 'any', to: 'reference/queries' }]. */
const readEdges = () => {
  const text = readFileSync(join(root, DOC), 'utf8');
  const start = text.indexOf(TABLE_HEADING);
  if (start < 0) throw new Error(`${DOC} has no section "${TABLE_HEADING}"`);
  const edges = [];
  for (const line of text.slice(start + TABLE_HEADING.length).split('\n')) {
    if (/^#/.test(line)) break;
    const cells = /^\|([^|]+)\|([^|]+)\|/.exec(line);
    if (!cells) continue;
    const from = cells[1].trim().replaceAll('`', '');
    const to = cells[2].trim().replaceAll('`', '');
    if (!/^[a-z][a-z0-9-]*$/.test(from) || !/^[a-z][a-z0-9-]*\/[a-z0-9/-]+$/.test(to)) continue; // header and separator rows
    edges.push({ from, to });
  }
  if (!edges.length) throw new Error(`the table under "${TABLE_HEADING}" in ${DOC} lists no edge`);
  return edges;
};

const walk = (dir) => (existsSync(dir) ? readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)])) : []);

/** Every relative import of a file: static, re-export and dynamic. */
const importsOf = (text) => [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'(\.[^']*)'/gm)].map((m) => m[1]);

const edges = readEdges();
const violations = [];
const sources = walk(join(root, 'src'))
  .map((f) => relative(root, f).replaceAll('\\', '/'))
  .filter((f) => /\.(ts|tsx|mjs)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith('src/test/'));

for (const file of sources) {
  const text = readFileSync(join(root, file), 'utf8');
  const owner = /^src\/modules\/([^/]+)\//.exec(file)?.[1];
  const inCore = file.startsWith('src/core/');
  for (const spec of importsOf(text)) {
    const target = relative(root, resolve(root, file, '..', spec)).replaceAll('\\', '/');
    const module = /^src\/modules\/([^/]+)\/(.*?)(\.(ts|tsx|js|mjs))?$/.exec(target);
    if (inCore && module) violations.push(`${file}: the core imports the module ${module[1]} (${spec}); give it to the core through the manifest or the entry files`);
    if ((inCore || owner) && ENTRY_FILES.test(target)) violations.push(`${file}: imports the entry file ${target}; the entry hands the modules over, nobody imports it back`);
    if (owner && module && module[1] !== owner) {
      const to = `${module[1]}/${module[2]}`;
      if (!edges.some((e) => (e.from === owner || e.from === 'any') && e.to === to)) {
        violations.push(`${file}: ${owner} imports ${to} (${spec}), an edge not listed in "${TABLE_HEADING}" of ${DOC}`);
      }
    }
    const isRouteOrView = /\/(routes|admin-routes|api-routes)\.ts$/.test(file) || file.includes('/views/');
    if (isRouteOrView && /core\/db\/client(\.js)?$/.test(target) && !/import type/.test(text.split(spec)[0].split('\n').pop() ?? '')) {
      violations.push(`${file}: a route or view imports the database client`);
    }
  }
}
if (violations.length) {
  console.error(`Module boundary violations:\n${violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(1);
}
console.log(`module boundaries: ok (${sources.length} files, ${edges.length} module → module edges in ${DOC})`);

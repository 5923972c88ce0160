// The module boundary rule (docs/CODE_STYLE.md): a module may import core/ and another module's
// queries.ts (read-only), never another module's commands or tables; routes and views never
// import the database client. Exits 1 and lists every violation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const violations = [];
const walk = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
for (const file of walk('src/modules').filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))) {
  const [, , owner] = file.split('/');
  const text = readFileSync(file, 'utf8');
  for (const [, spec] of text.matchAll(/from '([^']+)'/g)) {
    const target = join(file, '..', spec).replace(/\\/g, '/');
    const other = /^src\/modules\/([^/]+)\/(.*)$/.exec(target);
    if (other && other[1] !== owner && !/^queries(\.js)?$|^queries\//.test(other[2]) && !other[2].startsWith('components/options')) {
      violations.push(`${file}: imports ${spec} (another module's ${other[2]})`);
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
console.log(`module boundaries: ok (${relative('.', 'src/modules')})`);

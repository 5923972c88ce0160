// Compiles TypeScript to dist/ and copies the files the compiled code reads at run time
// (message catalogs, the PGlite worker). Runs on `npm install` (prepare) and `npm run build`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });

const copy = (dir) => {
  for (const name of readdirSync(dir)) {
    const from = join(dir, name);
    if (statSync(from).isDirectory()) copy(from);
    else if (/\.(json|mjs|sql)$/.test(name)) cpSync(from, join('dist', from.slice('src/'.length)));
  }
};
copy('src');
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);

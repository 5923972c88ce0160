// Keeps every message catalog in step with its English source: adds missing keys as null
// (untranslated: falls back to English and is listed by `npm run i18n:report`), removes keys that
// English no longer has, and sorts every file. Usage: node scripts/i18n-sync.mjs
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];
// The core catalog, each module's and each feature folder's (src/modules/<m>/<feature>/i18n).
const dirs = [
  'src/core/i18n/messages',
  ...readdirSync('src/modules').flatMap((m) => [`src/modules/${m}/i18n`, ...readdirSync(`src/modules/${m}`).map((f) => `src/modules/${m}/${f}/i18n`)]),
].filter((d) => existsSync(`${d}/en.json`));
const report = process.argv.includes('--report');
let missing = 0;
for (const dir of dirs) {
  const en = JSON.parse(readFileSync(`${dir}/en.json`, 'utf8'));
  for (const locale of LOCALES) {
    const file = `${dir}/${locale}.json`;
    const current = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    const next = {};
    for (const key of Object.keys(en).sort()) {
      next[key] = locale === 'en' ? en[key] : (current[key] ?? null);
      if (next[key] === null) {
        missing++;
        if (report) console.log(`${locale}\t${key}\t${en[key]}`);
      }
    }
    if (!report) writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
  }
}
console.error(`${missing} untranslated message(s)`);

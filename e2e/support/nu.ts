/**
 * The W3C Nu HTML Checker (npm `vnu-jar`, run by Debian's Java) over a batch of pages: the
 * browser suites collect the HTML the server sent for every page they visit, and one Java process
 * checks them all at the end (a start of the checker costs seconds; each page then a few
 * milliseconds).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isCI } from './chromium.js';

const require = createRequire(import.meta.url);

/** The checker's jar, shipped by the npm package `vnu-jar`. */
const vnuJar = () => require.resolve('vnu-jar/build/dist/vnu.jar');

/** Why the checker cannot run here (no Java, or no vnu-jar), or undefined when it can. */
export const nuCheckerMissing = (() => {
  let reason: string | undefined | null = null;
  return () => {
    if (reason !== null) return reason;
    reason = undefined;
    try {
      vnuJar();
    } catch {
      reason = 'the npm package vnu-jar is not installed (npm install)';
      return reason;
    }
    if (spawnSync('java', ['-version'], { stdio: 'ignore' }).status !== 0) reason = 'Java is missing: install it with `apt-get install default-jre-headless` (.ci/run does this)';
    return reason;
  };
})();

/** Skip the Nu checks on a developer's machine without Java; in CI they run (and fail when it is missing). */
export const skipNuChecks = !isCI && nuCheckerMissing() !== undefined;

export type NuMessage = { type: string; subType?: string; message: string; extract?: string; lastLine?: number; lastColumn?: number };
type NuOutput = { messages: (NuMessage & { url?: string })[] };

/** Pages collected for one run of the checker, named by the URL they were read from. */
export class NuBatch {
  private readonly pages = new Map<string, string>();

  /** Keeps the HTML of a page (a name seen twice keeps the last HTML). */
  add(name: string, html: string) {
    this.pages.set(name, html);
  }

  get size() {
    return this.pages.size;
  }

  /** Runs the checker once over every page collected; returns the errors of each page that has some. */
  async check(): Promise<Map<string, NuMessage[]>> {
    const missing = nuCheckerMissing();
    if (missing) throw new Error(`The Nu HTML Checker cannot run: ${missing}`);
    const dir = await mkdtemp(join(tmpdir(), 'wsis-nu-'));
    try {
      const names = new Map<string, string>();
      let i = 0;
      for (const [name, html] of this.pages) {
        const file = join(dir, `page-${String(++i).padStart(4, '0')}.html`);
        await writeFile(file, html);
        names.set(pathToFileURL(file).href, name);
      }
      const output = await runVnu(['--format', 'json', '--errors-only', '--exit-zero-always', '--stdout', ...[...names.keys()].map((u) => new URL(u).pathname)]);
      const parsed = JSON.parse(output) as NuOutput;
      const errors = new Map<string, NuMessage[]>();
      for (const { url, ...message } of parsed.messages) {
        // A message without a file (the checker's own trouble) is an error of the batch.
        const name = (url && names.get(url.replace(/^file:(?!\/\/)/, 'file://'))) ?? url ?? '(the checker)';
        errors.set(name, [...(errors.get(name) ?? []), message]);
      }
      return errors;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

const runVnu = (args: string[]) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn('java', ['-Xss2m', '-jar', vnuJar(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`vnu.jar exited with ${code}: ${Buffer.concat(err).toString('utf8')}`));
    });
  });

/** One readable paragraph per page: its URL, then each error with its place and the HTML around it. */
export const formatNuErrors = (errors: Map<string, NuMessage[]>) =>
  [
    `${[...errors.values()].reduce((n, m) => n + m.length, 0)} Nu HTML Checker error(s) on ${errors.size} page(s):`,
    ...[...errors].map(([name, messages]) =>
      [`- ${name}`, ...messages.map((m) => `  line ${m.lastLine ?? '?'}:${m.lastColumn ?? '?'} ${m.message}${m.extract ? `\n     …${m.extract.replace(/\n/g, '⏎')}…` : ''}`)].join(
        '\n',
      ),
    ),
  ].join('\n');

/**
 * Test helper: IATI's own ruleset (test/vendor/iati/standard.json, the rules IATI's validator
 * checks beyond the schema) evaluated on an IATI file, with xmllint's XPath 1.0 (libxml2), so that
 * the rules are read as IATI wrote them, not rewritten by us. Every context of the ruleset that
 * matches a node of the file is checked with every rule of that context; a rule this evaluator does
 * not know fails loudly rather than passing unseen.
 *
 * xmllint runs as a shell (`cd` to each context node, `xpath` per expression): the evaluation goes
 * in passes, each asking xmllint at once for every expression the rules needed and did not have.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const IATI_VENDOR = join(import.meta.dirname, '../../../../test/vendor/iati');

type Case = Record<string, unknown> & { condition?: string; paths?: string[] };
type Rules = Record<string, { cases: Case[] }>;
export type RuleError = { context: string; node: number; rule: string; message: string };

/** A value xmllint has not given yet: the pass records it and stops that rule. */
class Missing extends Error {}

const MARK = '@@IATI-RULES@@';

/** Runs the queries (context node, XPath expression) in one xmllint shell; the string value of each. */
const runXmllint = (file: string, queries: { context: string; expr: string }[]): string[] => {
  const commands: string[] = [];
  let at = '';
  for (const q of queries) {
    if (q.context !== at) commands.push('cd /', `cd ${q.context}`);
    at = q.context;
    commands.push(`xpath ${q.expr}`, `xpath "${MARK}"`);
  }
  const output = execFileSync('xmllint', ['--shell', file], { input: `${commands.join('\n')}\nexit\n`, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const chunks = output.split(`Object is a string : ${MARK}`).slice(0, queries.length);
  return chunks.map((chunk, i) => {
    const found = [...chunk.matchAll(/Object is a (number|string|Boolean) : ([^\n]*)/g)].at(-1);
    if (!found) throw new Error(`xmllint gave no value for ${queries[i]?.expr} at ${queries[i]?.context}: ${chunk.slice(-300)}`);
    return found[2] ?? '';
  });
};

/** Checks an IATI activity file against the ruleset; the errors found (none for a good file). */
export const checkIatiRules = (file: string, { now = new Date(), orgIdPrefixes = ['XM-DAC', 'XI-IATI'] } = {}): RuleError[] => {
  const ruleset = JSON.parse(readFileSync(join(IATI_VENDOR, 'standard.json'), 'utf8')) as Record<string, Rules>;
  const known = new Map<string, string>();
  const wanted = new Map<string, { context: string; expr: string }>();
  const ask = (context: string, expr: string): string => {
    const key = `${context}\u0000${expr}`;
    const value = known.get(key);
    if (value !== undefined) return value;
    wanted.set(key, { context, expr });
    throw new Missing();
  };

  for (let pass = 0; pass < 20; pass++) {
    const errors: RuleError[] = [];
    let incomplete = false;
    const attempt = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        if (e instanceof Missing) incomplete = true;
        else throw e;
      }
    };
    const uniqueValues = new Map<string, number>();
    for (const [contextPath, rules] of Object.entries(ruleset)) {
      // The context nodes: `(a | b)[i]` for each i.
      const selector = contextPath.includes('|') ? `(${contextPath.replace(/\s*\|\s*/g, ' | ')})` : `(${contextPath})`;
      attempt(() => {
        const count = Number(ask('/', `count(${selector})`));
        for (let node = 1; node <= count; node++) {
          const context = `${selector}[${node}]`;
          const bool = (expr: string) => ask(context, `boolean(${expr})`) === 'true';
          const count = (path: string) => Number(ask(context, `count(${path})`));
          /** The string values of the nodes a path selects (all asked in one pass). */
          const values = (path: string): string[] => {
            const n = count(path);
            const out: string[] = [];
            let missing = false;
            for (let i = 1; i <= n; i++) {
              try {
                out.push(ask(context, `string((${path})[${i}])`));
              } catch (e) {
                if (!(e instanceof Missing)) throw e;
                missing = true;
              }
            }
            if (missing) throw new Missing();
            return out;
          };
          const fail = (rule: string, message: string) => errors.push({ context: contextPath, node, rule, message });
          const check = (rule: string, c: Case) => {
            if (c.condition && !bool(c.condition)) return;
            const paths = c.paths ?? [];
            switch (rule) {
              case 'atleast_one':
                if (paths.every((p) => count(p) === 0)) fail(rule, `none of ${paths.join(', ')}`);
                return;
              case 'no_more_than_one':
                if (paths.reduce((n, p) => n + count(p), 0) > 1) fail(rule, `more than one of ${paths.join(', ')}`);
                return;
              case 'date_order': {
                const day = (s: string) => s.slice(0, 10);
                const less = values(c.less as string).map(day);
                const more = c.more === 'NOW' ? [now.toISOString().slice(0, 10)] : values(c.more as string).map(day);
                for (const l of less) for (const m of more) if (l > m) fail(rule, `${c.less} (${l}) after ${c.more} (${m})`);
                return;
              }
              case 'date_now':
                for (const d of values(c.date as string)) if (new Date(d).getTime() > now.getTime()) fail(rule, `${c.date} (${d}) in the future`);
                return;
              case 'strict_sum': {
                // As IATI's validator adds them: plain numbers, and the sum must be exact.
                const total = paths.flatMap((p) => values(p)).reduce((s, v) => s + Number(v), 0);
                if (total !== c.sum) fail(rule, `${paths.join(' + ')} = ${total}, not ${c.sum}`);
                return;
              }
              case 'range':
                for (const p of paths)
                  for (const v of values(p)) if (!(Number(v) >= (c.min as number) && Number(v) <= (c.max as number))) fail(rule, `${p} = ${v} outside ${c.min}–${c.max}`);
                return;
              case 'if_then':
                if (bool(c.if as string) && !bool(c.then as string)) fail(rule, `if ${c.if} then ${c.then}`);
                return;
              case 'no_spaces':
                for (const p of paths) for (const v of values(p)) if (/\s/.test(v)) fail(rule, `${p} "${v}" has white space`);
                return;
              case 'regex_matches':
                for (const p of paths) for (const v of values(p)) if (!new RegExp(c.regex as string).test(v)) fail(rule, `${p} "${v}" does not match ${c.regex}`);
                return;
              case 'startswith': {
                const prefixes = (c.prefix as string[]).flatMap((p) => (p === 'ORG-ID-PREFIX' ? orgIdPrefixes : values(p).map((v) => `${v}${(c.separator as string) ?? ''}`)));
                for (const p of paths)
                  for (const v of values(p)) if (!prefixes.some((prefix) => v.startsWith(prefix))) fail(rule, `${p} "${v}" does not start with ${prefixes.join(' or ')}`);
                return;
              }
              case 'unique':
                for (const p of paths)
                  for (const v of values(p)) {
                    const key = `${p}\u0000${v}`;
                    if (p === 'iati-identifier' && uniqueValues.has(key)) fail(rule, `${p} "${v}" repeated`);
                    uniqueValues.set(key, node);
                  }
                return;
              case 'one_or_all': {
                if (count(c.one as string) > 0) return;
                const lacking: Record<string, string> = {
                  lang: './/narrative[not(@xml:lang)]',
                  currency: './/value[not(@currency)]',
                  sector: 'transaction[not(sector)]',
                };
                const path = lacking[c.all as string];
                if (!path) throw new Error(`one_or_all: unknown "all" ${c.all}`);
                if (count(path) > 0 || (c.all === 'sector' && count('transaction') === 0 && count('sector') === 0)) fail(rule, `neither ${c.one} nor ${c.all} on all`);
                return;
              }
              case 'loop': {
                const each = [...new Set(values(c.foreach as string))];
                for (const v of each)
                  for (const [inner, { cases }] of Object.entries(c.do as Rules))
                    for (const innerCase of cases) {
                      const subs = (c.subs as string[]) ?? [];
                      const replaced = Object.fromEntries(
                        Object.entries(innerCase).map(([k, x]) => [
                          k,
                          subs.includes(k) ? (Array.isArray(x) ? x.map((s) => String(s).replaceAll('$1', v)) : String(x).replaceAll('$1', v)) : x,
                        ]),
                      ) as Case;
                      check(inner, replaced);
                    }
                return;
              }
              default:
                throw new Error(`IATI rule ${rule} (context ${contextPath}) is not evaluated by iati-rules.ts`);
            }
          };
          for (const [rule, { cases }] of Object.entries(rules)) for (const c of cases) attempt(() => check(rule, c));
        }
      });
    }
    if (!incomplete) return errors;
    const queries = [...wanted.values()];
    wanted.clear();
    runXmllint(file, queries).forEach((value, i) => {
      const q = queries[i] as { context: string; expr: string };
      known.set(`${q.context}\u0000${q.expr}`, value);
    });
  }
  throw new Error('IATI rules: the evaluation did not settle in 20 passes');
};

/** Validates a file with the official IATI 2.03 activity schema; xmllint's messages (empty when valid). */
export const validateIatiSchema = (file: string): string => {
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', join(IATI_VENDOR, 'iati-activities-schema.xsd'), file], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e);
  }
};

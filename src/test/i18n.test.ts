/**
 * Message catalogs: every language has exactly the English keys, every key is used, files are
 * sorted, ICU placeholders match, and nothing is left untranslated or copied from English.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalogFiles, readCatalogFile } from '../core/i18n/catalog.js';
import { LOCALES } from '../core/i18n/locales.js';
import { translator } from '../core/i18n/translate.js';
import { documentTitle } from '../core/views/Layout.js';

const SRC = fileURLToPath(new URL('../', import.meta.url));

/** Messages that may read the same in another language: proper names, codes, symbols. */
const SAME_AS_ENGLISH_ALLOWED = new Set<string>([
  'core.site.name',
  'home.page.title',
  'admin.audit.count',
  // 'Source(s)' is the same word in French.
  'reference.common.source',
  'reference.common.sources',
  // 'Page {page}' in French; 'Token' is the usual Spanish term.
  'core.pagination.page',
  'accounts.tokens.token_label',
  // 'Regional' in Spanish; 'Dates' and 'Description' in French.
  'stocktaking.scopes.regional',
  'stocktaking.entry.dates',
  'stocktaking.entry.description',
  // 'Menu' in French.
  'core.layout.menu',
  // 'Consultations' in French.
  'consultations.nav.title',
]);
const looksUntranslatable = (value: string) => !/[A-Za-z]{3,}/.test(value.replace(/\{[^}]*\}/g, ''));

const owners = catalogFiles('en').map(([owner]) => owner);
const load = (owner: string, locale: string) => {
  const entry = catalogFiles(locale as 'en').find(([o]) => o === owner);
  if (!entry) throw new Error(`no ${locale} catalog for ${owner}`);
  return readCatalogFile(entry[1]);
};

const sourceText = (() => {
  const chunks: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts')) chunks.push(readFileSync(path, 'utf8'));
    }
  };
  walk(SRC);
  return chunks.join('\n');
})();
// Keys built at run time, e.g. t(`accounts.roles.${role}`): every key under that prefix counts as used.
// Also `stocktaking.moderation.event_${kind}`: a prefix may end with an underscore.
// Module ids may have a hyphen (`trust-fund.ledger.kind_${kind}`).
const dynamicPrefixes = [...sourceText.matchAll(/`([a-z_][a-z_-]*(?:\.[a-z0-9_-]+)*[._])\$\{/g)].map((m) => m[1] ?? '');

const argumentsOf = (message: string): string[] => {
  const names = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) names.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        names.add(el.value);
        for (const option of Object.values(el.options)) visit(option.value);
      }
      if (el.type === TYPE.tag) visit(el.children);
    }
  };
  visit(parse(message, { ignoreTag: true }));
  return [...names].sort();
};

describe.each(owners)('%s messages', (owner) => {
  const en = load(owner, 'en');

  it.each(LOCALES)('%s has exactly the English keys', (locale) => {
    expect(Object.keys(load(owner, locale)).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(LOCALES)('%s file is sorted', (locale) => {
    const keys = Object.keys(load(owner, locale));
    expect(keys).toEqual([...keys].sort());
  });

  it('uses every English key somewhere in src/', () => {
    const unused = Object.keys(en).filter((key) => !sourceText.includes(`'${key}'`) && !dynamicPrefixes.some((p) => key.startsWith(p)));
    expect(unused).toEqual([]);
  });

  it.each(LOCALES)('%s messages parse and keep the English placeholders', (locale) => {
    const catalog = load(owner, locale);
    const mismatches = Object.entries(catalog)
      .filter(([, value]) => typeof value === 'string')
      .filter(([key, value]) => JSON.stringify(argumentsOf(value as string)) !== JSON.stringify(argumentsOf(String(en[key]))))
      .map(([key]) => key);
    expect(mismatches).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s is translated: no missing message and none copied from English', (locale) => {
    const catalog = load(owner, locale);
    const untranslated = Object.entries(catalog)
      .filter(([key, value]) => value === null || (value === en[key] && !SAME_AS_ENGLISH_ALLOWED.has(key) && !looksUntranslatable(String(value))))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });
});

const REQUIRED_PLURAL_CATEGORIES: Record<string, string[]> = {
  ar: ['zero', 'one', 'two', 'few', 'many', 'other'],
  ru: ['one', 'few', 'many', 'other'],
};

const pluralOptionSets = (message: string): string[][] => {
  const sets: string[][] = [];
  const visit = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.plural) {
        sets.push(Object.keys(el.options));
        for (const option of Object.values(el.options)) visit(option.value);
      }
      if (el.type === TYPE.select) for (const option of Object.values(el.options)) visit(option.value);
    }
  };
  visit(parse(message, { ignoreTag: true }));
  return sets;
};

describe('plural rules', () => {
  it.each(Object.keys(REQUIRED_PLURAL_CATEGORIES))('%s plural messages give every plural category of the language', (locale) => {
    const required = REQUIRED_PLURAL_CATEGORIES[locale] ?? [];
    const incomplete = owners.flatMap((owner) =>
      Object.entries(load(owner, locale))
        .filter(([, value]) => typeof value === 'string')
        .filter(([, value]) => pluralOptionSets(value as string).some((options) => required.some((c) => !options.includes(c))))
        .map(([key]) => key),
    );
    expect(incomplete).toEqual([]);
  });

  it('uses the Arabic dual and the Russian paucal forms', async () => {
    const { translator } = await import('../core/i18n/translate.js');
    expect(translator('ar')('accounts.organizations.count', { count: 2 })).not.toBe(translator('ar')('accounts.organizations.count', { count: 1 }));
    const ru = translator('ru');
    expect(new Set([1, 3, 5].map((n) => ru('accounts.organizations.count', { count: n }).replace(/\d+/g, '#'))).size).toBe(3);
  });
});

/** Literal text a message quotes as is (an HTTP header), addresses and times: not prose. */
// Literal values quoted in prose keep their own punctuation (a header, an address, a time, a cell's list).
const LITERALS = /Authorization: Bearer|https?:\/\/\S*|\d:\d\d|C2; C7\.e-health/g;

describe('typography', () => {
  const messages = (locale: string) => owners.flatMap((owner) => Object.entries(load(owner, locale)).filter((e): e is [string, string] => typeof e[1] === 'string'));

  it('puts a no-break space (U+00A0 or the narrow U+202F) before : ; ? ! and inside « » in French', () => {
    const wrong = messages('fr')
      .filter(([, value]) => {
        const prose = value.replace(LITERALS, '');
        return /(^|[^\u00A0\u202F])[:;?!»]/.test(prose) || /«(?![\u00A0\u202F])/.test(prose);
      })
      .map(([key, value]) => `${key}: ${value}`);
    expect(wrong).toEqual([]);
  });

  it('puts accents on French capitals (État, À, Énergie, Édition, Équipe…)', () => {
    const unaccented = /(?<!\p{L})(Etat|Etats|A|Edition|Editions|Equipe|Ecrivez|Energie|Energies|Education|Economie|Election|Etape|Etapes|Evaluation|Electronique)(?!\p{L})/u;
    expect(
      messages('fr')
        .filter(([, value]) => unaccented.test(value.replace(/\{[^}]*\}/g, '')))
        .map(([key]) => key),
    ).toEqual([]);
  });

  it('uses full-width punctuation next to Chinese text', () => {
    const ascii = /\p{Script=Han}[:;?!,()]|[:;?!,(][ ]?\p{Script=Han}/u;
    expect(
      messages('zh')
        .filter(([, value]) => ascii.test(value.replace(LITERALS, '')))
        .map(([key, value]) => `${key}: ${value}`),
    ).toEqual([]);
  });

  it.each(LOCALES)('%s page titles name the site once', (locale) => {
    const t = translator(locale);
    const site = t('core.site.name');
    // The layout adds the site's name after the page's title: no message repeats it after a separator.
    const repeated = messages(locale).filter(([, value]) => value.includes(`— ${site}`) || value.includes(`· ${site}`) || value.split(site).length > 2);
    expect(repeated.map(([key]) => key)).toEqual([]);
    expect(documentTitle({ t, locale, title: t('home.page.title') })).toBe(site);
    expect(documentTitle({ t, locale, title: t('admin.audit.title') }).split(site)).toHaveLength(2);
  });
});

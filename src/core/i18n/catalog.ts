/**
 * Message catalogs: `src/core/i18n/messages/<locale>.json` for the shared chrome,
 * `src/modules/<module>/i18n/<locale>.json` for each module and
 * `src/modules/<module>/<feature>/i18n/<locale>.json` for a feature folder of a module (its
 * owner is `<module>/<feature>`). Keys are dotted and prefixed by their module (`core.`,
 * `accounts.`, `stocktaking.exports.`, …); values are ICU MessageFormat strings.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOCALES, type Locale } from './locales.js';

export type Catalog = Record<string, string | null>;

const SRC_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every catalog file of one locale: [owner, path]. */
export const catalogFiles = (locale: Locale): [string, string][] => {
  const files: [string, string][] = [['core', `${SRC_ROOT}core/i18n/messages/${locale}.json`]];
  const modulesDir = `${SRC_ROOT}modules`;
  if (existsSync(modulesDir)) {
    for (const name of readdirSync(modulesDir).sort()) {
      const file = `${modulesDir}/${name}/i18n/${locale}.json`;
      if (existsSync(file)) files.push([name, file]);
      for (const feature of readdirSync(`${modulesDir}/${name}`).sort()) {
        const featureFile = `${modulesDir}/${name}/${feature}/i18n/${locale}.json`;
        if (feature !== 'i18n' && existsSync(featureFile)) files.push([`${name}/${feature}`, featureFile]);
      }
    }
  }
  return files;
};

export const readCatalogFile = (file: string): Catalog => JSON.parse(readFileSync(file, 'utf8')) as Catalog;

/** The merged catalog of every owner, per locale. */
export const loadCatalogs = (): Record<Locale, Catalog> => {
  const result = {} as Record<Locale, Catalog>;
  for (const locale of LOCALES) {
    const merged: Catalog = {};
    for (const [, file] of catalogFiles(locale)) Object.assign(merged, readCatalogFile(file));
    result[locale] = merged;
  }
  return result;
};

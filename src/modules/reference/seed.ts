/**
 * Loads the reference data of data/reference/platform/ (six languages, validated by its
 * validate.py) on every start. Everything is upserted, except the matrix links: administrators
 * edit those, so a link is only inserted when no row exists for it (a removed link keeps its row,
 * marked deleted, and stays removed).
 */
import { readFileSync } from 'node:fs';
import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '../../core/db/client.js';
import { actionLines, connectGoals, connectTargets, countries, matrixLinks, prizeCategories, regions, sdgs, sdgTargets } from './tables.js';

// Relative to this file, so it resolves the same from src/ and from dist/.
const dataFile = (name: string) => new URL(`../../../data/reference/platform/${name}`, import.meta.url);

const readData = <S extends z.ZodType>(name: string, schema: S): z.output<S> => {
  // Texts in Unicode NFC whatever the source file holds (the SDG texts came with combining accents).
  const parsed = schema.safeParse(JSON.parse(readFileSync(dataFile(name), 'utf8').normalize('NFC')));
  if (!parsed.success) throw new Error(`data/reference/platform/${name}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

const localized = z.record(z.string(), z.string());
const confidence = z.record(z.string(), z.string());
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

const actionLinesFile = items(
  z.object({
    code: z.string(),
    parent: z.string().nullable(),
    position: z.number().int(),
    title: localized,
    titleConfidence: confidence,
    short: localized,
    shortConfidence: confidence,
    leadFacilitators: z.array(z.string()),
    facilitatorsConfidence: z.string().nullish(),
    ituRole: z.string().nullable(),
    sources: z.array(z.string()),
    notes: z.array(z.string()).nullish(),
  }),
);
const sdgsFile = items(
  z.object({
    number: z.number().int(),
    short: localized,
    title: localized,
    confidence: z.object({ short: confidence, title: confidence }),
    source: z.string().nullish(),
  }),
);
const sdgTargetsFile = items(z.object({ code: z.string(), sdg: z.number().int(), text: localized, confidence: z.string() }));
const matrixFile = items(
  z.object({
    actionLine: z.string(),
    sdg: z.number().int(),
    targets: z.array(z.string()),
    rationale: localized.nullable(),
    confidence: z.string(),
    source: z.string(),
    notes: z.array(z.string()).nullish(),
  }),
);
const prizeCategoriesFile = items(
  z.object({
    number: z.number().int(),
    actionLine: z.string(),
    title: localized,
    confidence: z.string(),
    titleConfidence: confidence,
    sources: z.array(z.string()),
  }),
);
const connectFile = z.object({
  goals: z.array(
    z.object({
      code: z.string(),
      key: z.string(),
      title: localized,
      statement: localized,
      titleConfidence: confidence,
      statementConfidence: confidence,
      source: z.string().nullish(),
      targets: z.array(z.object({ code: z.string(), text: localized, confidence: z.string(), textConfidence: confidence.nullish(), source: z.string().nullish() })),
    }),
  ),
});
const regionsFile = items(z.object({ code: z.string(), name: localized, nameConfidence: z.string().nullish() }));
const countriesFile = items(z.object({ code: z.string(), region: z.string().nullable(), itu: z.boolean(), note: z.string().nullish() }));

// The database uses snake_case column names (Drizzle `casing: 'snake_case'`).
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The conflict clause of an upsert that replaces the whole row (`SET col = excluded.col` for every
 * column but the key), and only when something changed, so a restart writes nothing.
 */
const replaceAll = (table: PgTable, key: string[]): { set: Record<string, SQL>; setWhere: SQL } => ({
  set: Object.fromEntries(
    Object.entries(getTableColumns(table))
      .filter(([name]) => !key.includes(name))
      .map(([name, column]) => [name, sql.raw(`excluded."${snake(column.name)}"`)]),
  ),
  setWhere: sql.raw(`row("${getTableName(table)}".*) is distinct from row(excluded.*)`),
});

/** Loads (or refreshes) every reference table; safe to run on every start. */
export const seedReferenceData = async (db: Db) => {
  const lines = readData('action-lines.json', actionLinesFile).items;
  const goals = readData('sdgs.json', sdgsFile).items;
  const targets = readData('sdg-targets.json', sdgTargetsFile).items;
  const links = readData('matrix.json', matrixFile).items;
  const categories = readData('prize-categories.json', prizeCategoriesFile).items;
  const connect = readData('connect2030.json', connectFile).goals;
  const regionRows = readData('regions.json', regionsFile).items;
  const countryRows = readData('countries.json', countriesFile).items;

  await db.transaction(async (tx) => {
    await tx
      .insert(regions)
      .values(regionRows.map((r) => ({ code: r.code, name: r.name, nameConfidence: r.nameConfidence ?? null })))
      .onConflictDoUpdate({ target: regions.code, ...replaceAll(regions, ['code']) });
    await tx
      .insert(countries)
      .values(countryRows.map((c) => ({ code: c.code, region: c.region, isItuMember: c.itu, note: c.note ?? null })))
      .onConflictDoUpdate({ target: countries.code, ...replaceAll(countries, ['code']) });
    await tx
      .insert(actionLines)
      .values(
        lines.map((l) => ({
          code: l.code,
          parent: l.parent,
          position: l.position,
          title: l.title,
          short: l.short,
          titleConfidence: l.titleConfidence,
          shortConfidence: l.shortConfidence,
          leadFacilitators: l.leadFacilitators,
          facilitatorsConfidence: l.facilitatorsConfidence ?? null,
          ituRole: l.ituRole,
          sources: l.sources,
          notes: l.notes ?? [],
        })),
      )
      .onConflictDoUpdate({ target: actionLines.code, ...replaceAll(actionLines, ['code']) });
    await tx
      .insert(sdgs)
      .values(goals.map((g) => ({ number: g.number, short: g.short, title: g.title, confidence: g.confidence, source: g.source ?? null })))
      .onConflictDoUpdate({ target: sdgs.number, ...replaceAll(sdgs, ['number']) });
    await tx
      .insert(sdgTargets)
      .values(targets.map((t) => ({ code: t.code, sdg: t.sdg, text: t.text, confidence: t.confidence })))
      .onConflictDoUpdate({ target: sdgTargets.code, ...replaceAll(sdgTargets, ['code']) });
    // Matrix links: insert only what is missing; administrators own the rest.
    await tx
      .insert(matrixLinks)
      .values(
        links.map((m) => ({
          actionLine: m.actionLine,
          sdg: m.sdg,
          targets: m.targets,
          rationale: m.rationale ?? {},
          confidence: m.confidence,
          source: m.source,
          notes: m.notes ?? [],
        })),
      )
      .onConflictDoNothing();
    await tx
      .insert(prizeCategories)
      .values(
        categories.map((c) => ({ number: c.number, actionLine: c.actionLine, title: c.title, confidence: c.confidence, titleConfidence: c.titleConfidence, sources: c.sources })),
      )
      .onConflictDoUpdate({ target: prizeCategories.number, ...replaceAll(prizeCategories, ['number']) });
    await tx
      .insert(connectGoals)
      .values(
        connect.map((g) => ({
          code: g.code,
          key: g.key,
          title: g.title,
          statement: g.statement,
          titleConfidence: g.titleConfidence,
          statementConfidence: g.statementConfidence,
          source: g.source ?? null,
        })),
      )
      .onConflictDoUpdate({ target: connectGoals.code, ...replaceAll(connectGoals, ['code']) });
    await tx
      .insert(connectTargets)
      .values(
        connect.flatMap((g) =>
          g.targets.map((t) => ({ code: t.code, goal: g.code, text: t.text, confidence: t.confidence, textConfidence: t.textConfidence ?? {}, source: t.source ?? null })),
        ),
      )
      .onConflictDoUpdate({ target: connectTargets.code, ...replaceAll(connectTargets, ['code']) });
  });
};

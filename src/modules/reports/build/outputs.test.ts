/**
 * A report as its readers get it, end to end, on PGlite and PostgreSQL: real data made through
 * the modules' own commands and test helpers (published Stocktaking entries in two regions with
 * their target groups; a roadmap of C2 with a task late at the cut-off), the seeded `cstd` template
 * adjusted by the secretariat (the region figure added), a report created and its narratives
 * written in Arabic, Chinese and French with the workflow's commands, then `buildReport` in those
 * three languages as DOCX and PDF. The files are read back by independent readers — python-docx
 * (Debian's python3-docx) and poppler (pdftotext, pdfinfo) — and their figures compared with counts
 * made here in plain SQL. The PDF needs Chromium: skipped without it, except in CI (CI=true), where
 * its absence fails the test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canPrintPdf, closePrinter } from '../../../core/exports/pdf.js';
import type { Actor } from '../../../core/permissions/index.js';
import { MODULES } from '../../../platform-modules.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { insertRoadmaps } from '../../roadmaps/tasks/test-helpers.js';
import { createTask } from '../../roadmaps/tasks/commands/save-task.js';
import { taskInputAround } from '../../roadmaps/tasks/test-helpers.js';
import { insertPublishedEntry } from '../../stocktaking/test-helpers.js';
import { reports, reportTemplates } from '../tables.js';
import { saveTemplate } from '../templates/commands/save-template.js';
import { createReport } from '../workflow/commands/create-report.js';
import { saveNarratives } from '../workflow/commands/save-narratives.js';
import { buildActor, ok } from '../workflow/test-helpers.js';
import { buildReport } from './run.js';

const LANGS = ['ar', 'zh', 'fr'] as const;
type Lang = (typeof LANGS)[number];

/** The clock of the commands, the report's cut-off (its last day of data) and the instant the figures stand at. */
const NOW = new Date('2026-12-05T12:00:00Z');
const CUTOFF = '2026-11-30';
const FROM = '2026-01-01T00:00:00Z';
const AS_OF = '2026-12-01T00:00:00Z';
/** ITU's lines as facilitator in the cstd template: the section whose figures are checked. */
const FACILITATOR_LINES = ['C2', 'C5', 'C6', 'C4'];

const NARRATIVES: Record<Lang, { introduction: string; facilitator: string; plain: string[] }> = {
  fr: {
    introduction: 'L’UIT a **renforcé** l’accès au haut débit dans les pays les moins avancés.\n\nLes personnes handicapées sont au cœur de ces projets.',
    facilitator: 'En tant que coordonnateur, l’UIT a réuni les parties prenantes des grandes orientations C2, C5 et C6.',
    plain: [
      'L’UIT a renforcé l’accès au haut débit dans les pays les moins avancés.',
      'Les personnes handicapées sont au cœur de ces projets.',
      'En tant que coordonnateur, l’UIT a réuni les parties prenantes des grandes orientations C2, C5 et C6.',
    ],
  },
  zh: {
    introduction: '国际电联**加强了**最不发达国家的宽带接入。\n\n残疾人是这些项目的核心。',
    facilitator: '作为推动方，国际电联召集了C2、C5和C6行动方面的利益攸关方。',
    plain: ['国际电联加强了最不发达国家的宽带接入。', '残疾人是这些项目的核心。', '作为推动方，国际电联召集了C2、C5和C6行动方面的利益攸关方。'],
  },
  ar: {
    introduction: 'عزز الاتحاد **النفاذ** إلى النطاق العريض في أقل البلدان نمواً.\n\nالأشخاص ذوو الإعاقة في صميم هذه المشاريع.',
    facilitator: 'بصفته ميسراً، جمع الاتحاد أصحاب المصلحة في خطوط العمل C2 وC5 وC6.',
    plain: [
      'عزز الاتحاد النفاذ إلى النطاق العريض في أقل البلدان نمواً.',
      'الأشخاص ذوو الإعاقة في صميم هذه المشاريع.',
      'بصفته ميسراً، جمع الاتحاد أصحاب المصلحة في خطوط العمل C2 وC5 وC6.',
    ],
  },
};

/** The words a reader sees, written here rather than read from the catalogs. */
const WORDS: Record<Lang, { disabilities: string; women: string; late: string; onTrack: string }> = {
  fr: { disabilities: 'Personnes handicapées', women: 'Femmes et filles', late: 'En retard', onTrack: 'Conforme au calendrier' },
  zh: { disabilities: '残疾人', women: '妇女和女童', late: '逾期', onTrack: '按计划进行' },
  ar: { disabilities: 'الأشخاص ذوو الإعاقة', women: 'النساء والفتيات', late: 'متأخرة', onTrack: 'تسير وفق الخطة' },
};
const TASKS: Record<'late' | 'onTrack', Record<Lang | 'en', string>> = {
  late: { en: 'Rural broadband mapping', fr: 'Cartographie du haut débit rural', zh: '农村宽带测绘', ar: 'رسم خرائط النطاق العريض الريفي' },
  onTrack: { en: 'Spectrum training for regulators', fr: 'Formation des régulateurs au spectre', zh: '监管机构频谱培训', ar: 'تدريب الهيئات التنظيمية على الطيف' },
};

/** An independent reader: python-docx opens each file and lists its body in order (paragraphs with style, direction and runs; tables with their cells). */
const READER = `
import json, sys, docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.oxml.ns import qn
def on(el, tag):
    if el is None: return False
    found = el.find(qn(tag))
    if found is None: return False
    return found.get(qn('w:val')) not in ('false', '0', 'off')
out = {}
for path in sys.argv[1:]:
    d = docx.Document(path)
    body = []
    for el in d.element.body.iterchildren():
        if el.tag == qn('w:p'):
            p = Paragraph(el, d)
            runs = [{'text': ''.join(t.text or '' for t in r.iter(qn('w:t'))), 'rtl': on(r.find(qn('w:rPr')), 'w:rtl')} for r in el.iter(qn('w:r'))]
            body.append({'kind': 'p', 'style': p.style.name, 'text': p.text, 'bidi': on(el.find(qn('w:pPr')), 'w:bidi'), 'runs': runs})
        elif el.tag == qn('w:tbl'):
            body.append({'kind': 'table', 'rows': [[c.text for c in row.cells] for row in Table(el, d).rows], 'rtl': on(el.find(qn('w:tblPr')), 'w:bidiVisual')})
    out[path] = body
print(json.dumps(out))
`;
type Paragraph = { kind: 'p'; style: string; text: string; bidi: boolean; runs: { text: string; rtl: boolean }[] };
type Item = Paragraph | { kind: 'table'; rows: string[][]; rtl: boolean };

const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
/** PDFs where Chromium is installed; in CI always (a missing Chromium fails there). */
const WITH_PDF = canPrintPdf() || Boolean(process.env.CI);

const pdfText = (pdf: Buffer, layout = false) =>
  execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', '-', '-'], { input: pdf })
    .toString('utf8')
    .normalize('NFKC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[ \t]+/g, ' ');

let database: TestDatabase;
let secretariat: Actor;
let reportId: number;
let dir: string;
/** Each language's DOCX as python-docx read it, and its PDF. */
const docxBody = {} as Record<Lang, Item[]>;
const pdfs = {} as Record<Lang, Buffer>;
let sectionTitles: Record<Lang, string[]>;
let sectionIds: string[] = [];

/** A count made here, independently of the section: entries published in the report's period, before its cut-off, of the facilitator's lines, matching `where`. */
const countFacilitatorEntries = async (where: ReturnType<typeof sql>) => {
  const { rows } = await database.db.execute<{ n: string | number }>(sql`
    select count(*) as n from stocktaking_entries e
    where e.state = 'published' and e.published_at >= ${FROM}::timestamptz and e.published_at < ${AS_OF}::timestamptz
      and exists (select 1 from unnest(e.action_lines) a where split_part(a, '.', 1) = any(${sql.param(FACILITATOR_LINES)}::text[]))
      and (${where})`);
  return Number(rows[0]?.n);
};

const number = (locale: Lang, n: number) => new Intl.NumberFormat(locale).format(n);

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  secretariat = (await buildActor(db, ['secretariat'], 'reports-outputs@example.org')).actor;

  // Stocktaking: entries of the facilitator's lines in Africa and Asia-Pacific, in the period before the cut-off…
  const at = (iso: string) => new Date(iso);
  await insertPublishedEntry(db, {
    publishedAt: at('2026-02-10T09:00:00Z'),
    actionLines: ['C2'],
    region: 'AFR',
    leadCountry: 'KE',
    targetGroups: ['persons-with-disabilities', 'youth'],
  });
  await insertPublishedEntry(db, { publishedAt: at('2026-04-01T09:00:00Z'), actionLines: ['C5'], region: 'AFR', leadCountry: 'NG', targetGroups: ['persons-with-disabilities'] });
  await insertPublishedEntry(db, { publishedAt: at('2026-06-15T09:00:00Z'), actionLines: ['C2', 'C6'], region: 'ASP', leadCountry: 'JP', targetGroups: ['youth'] });
  await insertPublishedEntry(db, {
    publishedAt: at('2026-09-01T09:00:00Z'),
    actionLines: ['C4'],
    region: 'ASP',
    leadCountry: 'IN',
    targetGroups: ['persons-with-disabilities', 'children'],
  });
  await insertPublishedEntry(db, { publishedAt: at('2026-11-30T23:00:00Z'), actionLines: ['C2'], region: 'ASP', leadCountry: 'VN', targetGroups: [] });
  // …and entries the section must leave out: after the cut-off, before the period, of another line, not published.
  await insertPublishedEntry(db, { publishedAt: at(AS_OF), actionLines: ['C2'], region: 'AFR', leadCountry: 'KE', targetGroups: ['women-and-girls'] });
  await insertPublishedEntry(db, { publishedAt: at('2025-12-31T12:00:00Z'), actionLines: ['C2'], region: 'AFR', leadCountry: 'GH', targetGroups: ['persons-with-disabilities'] });
  await insertPublishedEntry(db, { publishedAt: at('2026-05-01T09:00:00Z'), actionLines: ['C1'], region: 'ASP', leadCountry: 'TH', targetGroups: ['persons-with-disabilities'] });
  await insertPublishedEntry(db, {
    state: 'submitted',
    publishedAt: at('2026-05-02T09:00:00Z'),
    actionLines: ['C2'],
    region: 'AFR',
    leadCountry: 'KE',
    targetGroups: ['women-and-girls'],
  });

  // Roadmaps: C2's roadmap with two tasks, one due in October (late at the cut-off), one due next year.
  await insertRoadmaps(db, ['C2']);
  const task = async (name: 'late' | 'onTrack', created: string, dueIn: number) =>
    ok(await createTask(db, { actor: secretariat, actionLine: 'C2', input: { ...taskInputAround(at(created), { startIn: 0, dueIn }), title: TASKS[name] }, now: at(created) }));
  await task('late', '2026-03-01T10:00:00Z', 228); // due 2026-10-15
  await task('onTrack', '2026-11-02T10:00:00Z', 150);

  // The secretariat adds the region figure to the facilitator's Stocktaking figures (templates are data).
  const [template] = await db.select().from(reportTemplates).where(eq(reportTemplates.key, 'cstd'));
  if (!template) throw new Error('the cstd template is not seeded');
  const saved = await saveTemplate(db, {
    actor: secretariat,
    key: 'cstd',
    modules: MODULES,
    now: NOW,
    draft: {
      title: template.title,
      description: template.description,
      hlpfGoals: template.hlpfGoals,
      sections: template.sections.map(({ options, ...section }, position) => ({
        ...section,
        position,
        rawOptions: section.id === 'facilitator-stocktaking' ? { ...options, figures: ['action-line', 'region', 'target-group'] } : (options ?? {}),
      })),
    },
  });
  expect(saved).toEqual({ ok: true });

  // The report, through the workflow's commands; narratives in the three languages.
  reportId = ok(
    await createReport(db, {
      actor: secretariat,
      modules: MODULES,
      now: NOW,
      input: {
        templateKey: 'cstd',
        year: 2026,
        ownerId: secretariat.id,
        deadline: '2026-12-20',
        cutoff: CUTOFF,
        symbol: 'E/CN.16/2027/CRP.7',
        distribution: 'general',
        originalLanguage: 'fr',
      },
    }),
  ).id;
  for (const locale of LANGS) {
    const { introduction, facilitator } = NARRATIVES[locale];
    const kind = locale === 'fr' ? 'original' : 'unofficial';
    ok(
      await saveNarratives(db, {
        actor: secretariat,
        reportId,
        now: NOW,
        input: { locale, texts: { introduction: { text: introduction, kind }, facilitator: { text: facilitator, kind } } },
      }),
    );
  }
  const [report] = await db.select().from(reports).where(eq(reports.id, reportId));
  if (!report) throw new Error('no report');
  sectionIds = report.sections.map((s) => s.id);
  sectionTitles = Object.fromEntries(LANGS.map((l) => [l, report.sections.map((s) => s.title[l] ?? '')])) as Record<Lang, string[]>;

  // The build, as `wsis report build` and the build page run it.
  const { outputs } = await buildReport(db, null, MODULES, { reportId, locales: [...LANGS], formats: WITH_PDF ? ['docx', 'pdf'] : ['docx'] });
  dir = mkdtempSync(join(tmpdir(), 'report-outputs-'));
  const paths: string[] = [];
  for (const output of outputs) {
    if (!('bytes' in output)) throw new Error(`no ${output.format} in ${output.locale}: ${JSON.stringify(output.error)}`);
    const locale = output.locale as Lang;
    if (output.format === 'pdf') pdfs[locale] = output.bytes;
    else {
      const path = join(dir, `${locale}.docx`);
      writeFileSync(path, output.bytes);
      paths.push(path);
    }
  }
  const read = JSON.parse(execFileSync(python, ['-c', READER, ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Record<string, Item[]>;
  for (const locale of LANGS) docxBody[locale] = read[join(dir, `${locale}.docx`)] ?? [];
}, 300_000);

afterAll(async () => {
  await closePrinter();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await database?.drop();
});

const paragraphs = (locale: Lang) => docxBody[locale].filter((i): i is Paragraph => i.kind === 'p');
/** The body of each Heading 1 (a section of the report), in order. */
const sectionsOf = (locale: Lang) => {
  const body = docxBody[locale];
  const starts = body.flatMap((item, i) => (item.kind === 'p' && item.style === 'Heading 1' ? [i] : []));
  return starts.map((start, n) => ({ title: (body[start] as Paragraph).text, body: body.slice(start + 1, starts[n + 1] ?? body.length) }));
};
/** The body of the report's section `id` (the report's sections and the document's Heading 1 go in the same order). */
const sectionBody = (locale: Lang, id: string) => {
  const found = sectionsOf(locale)[sectionIds.indexOf(id)];
  if (!found) throw new Error(`no section ${id} in ${locale}`);
  return found.body;
};
const tablesOf = (items: Item[]) => items.filter((i): i is Extract<Item, { kind: 'table' }> => i.kind === 'table');
/** The table whose first column holds `label`, and the rows as { label: value }. */
const tableWith = (items: Item[], label: string) => {
  const table = tablesOf(items).find((t) => t.rows.some((r) => r[0] === label));
  if (!table) throw new Error(`no table with a row "${label}"`);
  return Object.fromEntries(table.rows.slice(1).map((r) => [r[0] ?? '', r[1] ?? '']));
};

describe('a cstd report built as DOCX, read back by python-docx', () => {
  it.each(LANGS)('%s: the narratives in the language, the section titles as Heading 1 in the template’s order', (locale) => {
    const texts = paragraphs(locale).map((p) => p.text);
    for (const text of NARRATIVES[locale].plain) expect(texts).toContain(text);
    const headings = paragraphs(locale)
      .filter((p) => p.style === 'Heading 1')
      .map((p) => p.text);
    expect(headings).toEqual(sectionTitles[locale]);
    // The roadmap's line is a heading of its own under its section.
    const roadmap = sectionBody(locale, 'facilitator').filter((i): i is Paragraph => i.kind === 'p' && i.style === 'Heading 2');
    expect(roadmap.map((p) => p.text.split(' ')[0])).toContain('C2');
    // Nothing of the other languages' narratives.
    for (const other of LANGS.filter((l) => l !== locale)) expect(texts).not.toContain(NARRATIVES[other].plain[1]);
  });

  it('Arabic: the narrative paragraphs and the tables right to left; Chinese and French left to right', () => {
    for (const text of NARRATIVES.ar.plain) {
      const p = paragraphs('ar').find((x) => x.text === text);
      expect(p?.bidi, text).toBe(true);
      expect(p?.runs.filter((r) => /[\u0600-\u06ff]/.test(r.text)).every((r) => r.rtl)).toBe(true);
    }
    expect(tablesOf(docxBody.ar).length).toBeGreaterThan(0);
    expect(tablesOf(docxBody.ar).every((t) => t.rtl)).toBe(true);
    for (const locale of ['zh', 'fr'] as const) {
      const p = paragraphs(locale).find((x) => x.text === NARRATIVES[locale].plain[0]);
      expect(p?.bidi).toBe(false);
      expect(p?.runs.some((r) => r.rtl)).toBe(false);
      expect(tablesOf(docxBody[locale]).some((t) => t.rtl)).toBe(false);
    }
  });

  it.each(LANGS)('%s: the target groups of the facilitator’s lines equal the counts made in SQL, persons with disabilities and women and girls shown (0 too)', async (locale) => {
    const disabilities = await countFacilitatorEntries(sql`'persons-with-disabilities' = any(e.target_groups)`);
    const women = await countFacilitatorEntries(sql`'women-and-girls' = any(e.target_groups)`);
    const youth = await countFacilitatorEntries(sql`'youth' = any(e.target_groups)`);
    expect([disabilities, women, youth]).toEqual([3, 0, 2]);
    const rows = tableWith(sectionBody(locale, 'facilitator-stocktaking'), WORDS[locale].disabilities);
    expect(rows[WORDS[locale].disabilities]).toBe(number(locale, disabilities));
    expect(rows[WORDS[locale].women]).toBe(number(locale, women));
  });

  it.each(LANGS)('%s: the entries of the facilitator’s lines by region equal the counts made in SQL', async (locale) => {
    const { rows: regions } = await database.db.execute<{ code: string; name: Record<string, string> }>(sql`select code, name from reference_regions order by code`);
    const section = sectionBody(locale, 'facilitator-stocktaking');
    const name = (code: string) => regions.find((r) => r.code === code)?.name[locale] ?? code;
    const rows = tableWith(section, name('AFR'));
    for (const { code } of regions) {
      const n = await countFacilitatorEntries(sql`e.region = ${code}`);
      expect(rows[name(code)], code).toBe(number(locale, n));
    }
    expect(await countFacilitatorEntries(sql`e.region = 'AFR'`)).toBe(2);
    expect(await countFacilitatorEntries(sql`e.region = 'ASP'`)).toBe(3);
  });

  it.each(LANGS)('%s: the roadmap’s task table shows the task due in October late at the cut-off, with its light in words', (locale) => {
    const tasks = tablesOf(sectionBody(locale, 'facilitator')).find((t) => t.rows.some((r) => r[0] === TASKS.late[locale]));
    if (!tasks) throw new Error('no task table');
    const late = tasks.rows.find((r) => r[0] === TASKS.late[locale]) ?? [];
    const onTrack = tasks.rows.find((r) => r[0] === TASKS.onTrack[locale]) ?? [];
    expect(late.at(-1)).toBe(`\u2BC3 ${WORDS[locale].late}`);
    expect(onTrack.at(-1)).toBe(`\u25CF ${WORDS[locale].onTrack}`);
  });
});

describe.skipIf(!WITH_PDF)('the same report as PDF (Chromium), read back by poppler', () => {
  it.each(LANGS)('%s: tagged, with the narratives, the section titles and the same figures as the DOCX', async (locale) => {
    const pdf = pdfs[locale];
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8')).toMatch(/Tagged:\s+yes/);
    // Lines break where the page does, and the extraction may move Arabic's vowel marks and the
    // punctuation beside a Latin code: compare letters and digits only.
    const letters = (s: string) => s.normalize('NFKC').replace(/[\s\u064b-\u0652.,،()。，：:]/g, '');
    const flat = letters(pdfText(pdf));
    for (const phrase of [...NARRATIVES[locale].plain, ...sectionTitles[locale], TASKS.late[locale], WORDS[locale].late, WORDS[locale].women]) {
      expect(flat).toContain(letters(phrase));
    }
    // The target groups' rows, label and figure on one line of the page.
    const layout = pdfText(pdf, true);
    const disabilities = await countFacilitatorEntries(sql`'persons-with-disabilities' = any(e.target_groups)`);
    const women = await countFacilitatorEntries(sql`'women-and-girls' = any(e.target_groups)`);
    const row = (label: string, n: number) => {
      const l = label.normalize('NFKC');
      const v = number(locale, n).normalize('NFKC');
      return layout.split('\n').some((line) => line.includes(l) && line.replace(l, '').trim() === v);
    };
    expect(row(WORDS[locale].disabilities, disabilities), WORDS[locale].disabilities).toBe(true);
    expect(row(WORDS[locale].women, women), WORDS[locale].women).toBe(true);
    // The regions' rows: Africa and Asia-Pacific with the entries counted here.
    const { rows: regions } = await database.db.execute<{ code: string; name: Record<string, string> }>(sql`select code, name from reference_regions where code in ('AFR', 'ASP')`);
    for (const { code, name } of regions) {
      const n = await countFacilitatorEntries(sql`e.region = ${code}`);
      expect(row(name[locale] ?? code, n), `${code} ${n}`).toBe(true);
    }
  });
});

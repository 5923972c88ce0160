/**
 * The register's bench corpus: 20 years of meetings of five groups (BENCH-G1…G5, marked as bench
 * data by their code), 100 documents a meeting (≈50,000), three language files each (≈150,000
 * rows of file metadata) pointing at a handful of stored files. Titles are drawn from word lists
 * in the six languages and indexed as the commands index them (titleSearchVector). Rows are
 * written in batches by SQL, not through the commands: the corpus is about reading.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../../core/db/client.js';
import { LOCALES, type Localized } from '../../../../core/i18n/locales.js';
import type { FileStore } from '../../../../core/storage/files.js';
import { meetingDocuments } from '../../tables.js';
import { recordKeptFile } from '../../../../core/storage/keep.js';
import { minimalPdf } from '../pdf.js';
import { formatSymbol } from '../symbols.js';
import { titleSearchVector } from '../rules.js';

const WORDS: Record<string, string[]> = {
  en: ['digital', 'inclusion', 'connectivity', 'skills', 'gender', 'roadmap', 'broadband', 'security', 'health', 'education', 'rural', 'youth'],
  fr: ['numérique', 'inclusion', 'connectivité', 'compétences', 'genre', 'feuille', 'haut débit', 'sécurité', 'santé', 'éducation', 'rural', 'jeunesse'],
  es: ['digital', 'inclusión', 'conectividad', 'competencias', 'género', 'hoja de ruta', 'banda ancha', 'seguridad', 'salud', 'educación', 'rural', 'juventud'],
  ru: ['цифровой', 'интеграция', 'подключение', 'навыки', 'гендер', 'дорожная карта', 'широкополосный', 'безопасность', 'здравоохранение', 'образование', 'сельский', 'молодежь'],
  zh: ['数字', '包容', '连通', '技能', '性别', '路线图', '宽带', '安全', '卫生', '教育', '农村', '青年'],
  ar: ['الرقمي', 'الإدماج', 'التوصيلية', 'المهارات', 'الجنسين', 'خريطة الطريق', 'النطاق العريض', 'الأمن', 'الصحة', 'التعليم', 'الريفية', 'الشباب'],
};

/** A small deterministic generator (the corpus is the same at every run). */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

export const BENCH_GROUPS = ['BENCH-G1', 'BENCH-G2', 'BENCH-G3', 'BENCH-G4', 'BENCH-G5'];
export const BENCH_YEARS = 20;
export const MEETINGS_PER_YEAR = 5;
export const DOCUMENTS_PER_MEETING = 100;

/** The corpus's documents already there (0 before the first run). */
export const countBenchDocuments = async (db: Db) =>
  Number(
    (
      await db.execute<{ n: number }>(
        sql`select count(*)::int as n from meetings_documents d join meetings m on m.id = d.meeting_id join meetings_groups g on g.id = m.group_id where g.code like 'BENCH-G%'`,
      )
    ).rows[0]?.n ?? 0,
  );

/** Makes the corpus unless it is there; the stored files it points at (`big` is the 20 MB one). */
export const makeRegisterCorpus = async (db: Db, { store, say }: { store: FileStore; say: (line: string) => void }) => {
  const small = await Promise.all([0, 1, 2].map((i) => store.put(minimalPdf(`bench document ${i}`))));
  const big = await store.put(minimalPdf('bench large document', 20 * 1024 * 1024));
  for (const f of [...small, big]) await recordKeptFile(db, { ...f, mediaType: 'application/pdf' });
  if ((await countBenchDocuments(db)) > 0) {
    for (const table of ['meetings_groups', 'meetings']) await db.execute(sql.raw(`analyze ${table}`));
    return { small, big };
  }
  const started = Date.now();
  const next = random(15);
  for (const code of BENCH_GROUPS) {
    await db.execute(sql`insert into meetings_groups (code, name) values (${code}, ${JSON.stringify({ en: `Bench group ${code}` })}::jsonb) on conflict (code) do nothing`);
  }
  let made = 0;
  for (const [g, code] of BENCH_GROUPS.entries()) {
    for (let n = 1; n <= BENCH_YEARS * MEETINGS_PER_YEAR; n++) {
      const startsAt = new Date(Date.UTC(2007 + Math.floor((n - 1) / MEETINGS_PER_YEAR), ((n - 1) % MEETINGS_PER_YEAR) * 2, 10 + g));
      const { rows } = await db.execute<{ id: number }>(sql`
        insert into meetings (group_id, number, title, starts_at, ends_at, contributions_deadline, status)
        select id, ${n}, ${JSON.stringify({ en: `${code} meeting ${n}` })}::jsonb, ${startsAt.toISOString()}::timestamptz, ${startsAt.toISOString()}::timestamptz + interval '2 days', ${startsAt.toISOString()}::timestamptz - interval '12 days', 'held'
        from meetings_groups where code = ${code} returning id`);
      const meetingId = Number(rows[0]?.id);
      const values = [];
      for (let i = 1; i <= DOCUMENTS_PER_MEETING; i++) {
        const informative = i > 90;
        const seriesNumber = informative ? i - 90 : i;
        const series = informative ? 'INF' : '';
        const pick = () => Math.floor(next() * 12);
        const a = pick();
        const b = pick();
        const title = Object.fromEntries(LOCALES.map((l) => [l, `${WORDS[l]?.[a]} ${WORDS[l]?.[b]} ${i}`])) as Localized;
        values.push({
          meetingId,
          kind: informative ? ('information' as const) : ('contribution' as const),
          status: i % 50 === 0 ? ('withdrawn' as const) : ('published' as const),
          symbol: formatSymbol(code, n, series, seriesNumber),
          series,
          seriesNumber,
          title,
          sourceKind: 'member-state' as const,
          sourceCountry: ['FR', 'BR', 'CN', 'RU', 'EG', 'MX'][i % 6] ?? 'FR',
          originalLanguage: LOCALES[i % 6] ?? 'en',
          documentDate: startsAt.toISOString().slice(0, 10),
          registeredAt: startsAt,
          publishedAt: startsAt,
          searchVector: titleSearchVector(title),
        });
      }
      const docs = await db.insert(meetingDocuments).values(values).returning({ id: meetingDocuments.id });
      await db.execute(sql`
        insert into meetings_document_files (document_id, locale, sha256, media_type, file_name, size, uploaded_at)
        select d.id, l.locale, ${sql.raw(`(array['${small.map((s) => s.sha256).join("','")}'])`)}[1 + (d.id + l.n) % 3], 'application/pdf', 'bench.pdf', ${small[0]?.size ?? 0}, now()
        from unnest(${`{${docs.map((d) => d.id).join(',')}}`}::bigint[]) as d(id)
        cross join (values ('en', 0), ('fr', 1), ('es', 2)) as l(locale, n)`);
      await db.execute(sql`insert into meetings_symbol_counters (meeting_id, series, last) values (${meetingId}, '', 90), (${meetingId}, 'INF', 10)`);
      made += docs.length;
    }
    say(`  register corpus: ${made} documents (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  // Statistics of every table the queries join: without those of meetings, the planner took the
  // 500 bench meetings for one and checked the search's words document by document (1 s, not 7 ms).
  for (const table of ['meetings_groups', 'meetings', 'meetings_documents', 'meetings_document_files']) await db.execute(sql.raw(`analyze ${table}`));
  return { small, big };
};

import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { HEAP_MODES, type HeapMode } from './heap.js';

/** Configuration from the environment (and CLI flags, which override it). Every variable is in the README. */
export type Config = {
  host: string;
  port: number;
  dataDir: string;
  /**
   * Files the platform builds and keeps between restarts (the prize stories PDF): WSIS_CACHE_DIR,
   * by default `cache` beside the embedded database's folder (./data/cache); anything in it can be deleted.
   */
  cacheDir: string;
  /**
   * The file store's folder (core/storage/files.ts: documents' language versions): WSIS_FILES_DIR,
   * by default `files` beside the embedded database's folder (./data/files). Unlike the cache, it
   * holds data: `wsis backup` copies it.
   */
  filesDir: string;
  databaseUrl?: string;
  /** Public base URL used in e-mail links. */
  baseUrl: string;
  smtpUrl?: string;
  mailFrom: string;
  logLevel: string;
  /** Cookies marked Secure (set WSIS_SECURE_COOKIES=1 behind HTTPS). */
  secureCookies: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  /** Rate limits can be raised for benchmarks and load tests. */
  rateLimitScale: number;
  /** Web processes of `wsis serve` (WSIS_WORKERS, `--workers`); NaN when the value is not valid. */
  workers: number;
  /**
   * IATI organisation identifier of the reporting organisation in the IATI export
   * (WSIS_IATI_REPORTING_ORG): ITU's, `XM-DAC-41303` (its OECD DAC channel code 41303), unless set.
   */
  iatiReportingOrg: string;
  /**
   * Start of the permanent ids of the Atom feed and its entries (WSIS_ATOM_ID_PREFIX, a tag: URI,
   * RFC 4151): the same whatever the reader's language or the host name the platform is reached by.
   */
  atomIdPrefix: string;
  /**
   * How `wsis serve` sizes its JavaScript heap (WSIS_HEAP, core/heap.ts): `lean` or `fast`; unset,
   * lean on the embedded database and fast on PostgreSQL. Null when the value is not one of them.
   */
  heap?: HeapMode | null;
};

/** The Atom ids' default prefix: a tag: URI of ITU's domain and the year the platform began. */
export const DEFAULT_ATOM_ID_PREFIX = 'tag:itu.int,2025:wsis-platform';

/** ITU's IATI organisation identifier: the XM-DAC prefix and ITU's DAC channel code, 41303. */
export const DEFAULT_IATI_REPORTING_ORG = 'XM-DAC-41303';

/** The most web processes `--workers` accepts (each keeps a pool of database connections). */
export const MAX_WORKERS = 64;

/**
 * `--workers N` or WSIS_WORKERS: a whole number from 1 to MAX_WORKERS, or `auto` (the machine's
 * processors); unset means 1. NaN for anything else, which `wsis serve` refuses.
 */
export const parseWorkers = (value: string | undefined, cores = availableParallelism()): number => {
  const text = value?.trim() ?? '';
  if (text === '') return 1;
  if (text === 'auto') return Math.min(cores, MAX_WORKERS);
  if (!/^\d+$/.test(text)) return Number.NaN;
  const n = Number(text);
  return n >= 1 && n <= MAX_WORKERS ? n : Number.NaN;
};

/**
 * Why the open data identifiers of the configuration cannot be used, or null: an IATI organisation
 * identifier is an agency prefix and a code without white space or / & | ? (IATI's rules), and the
 * Atom id prefix an absolute URI (tag:, urn: or http(s):).
 */
export const openDataIdProblem = (config: Pick<Config, 'iatiReportingOrg' | 'atomIdPrefix'>): string | null => {
  if (!/^[A-Z0-9]{2,}-[A-Za-z0-9]+-[^\s/&|?]+$/.test(config.iatiReportingOrg)) {
    return `WSIS_IATI_REPORTING_ORG "${config.iatiReportingOrg}" is not an IATI organisation identifier (such as ${DEFAULT_IATI_REPORTING_ORG}: agency prefix, code, no spaces nor / & | ?)`;
  }
  if (!/^(tag:[^\s]+,\d{4}(-\d{2}(-\d{2})?)?:|urn:[a-z0-9][a-z0-9-]{0,31}:|https?:\/\/)[^\s]*$/i.test(config.atomIdPrefix)) {
    return `WSIS_ATOM_ID_PREFIX "${config.atomIdPrefix}" is not an absolute URI of the form tag:domain,year:name (such as ${DEFAULT_ATOM_ID_PREFIX}), urn: or http(s)://`;
  }
  return null;
};

/** WSIS_HEAP: `lean`, `fast`, or unset (undefined); null for anything else, which `wsis serve` refuses. */
const parseHeap = (value: string | undefined): Config['heap'] => {
  const text = value?.trim().toLowerCase() ?? '';
  if (!text) return undefined;
  return HEAP_MODES.find((mode) => mode === text) ?? null;
};

export const loadConfig = (overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config => {
  const port = overrides.port ?? Number(env.PORT ?? 3000);
  const host = overrides.host ?? env.HOST ?? '127.0.0.1';
  const dataDir = overrides.dataDir ?? env.WSIS_DATA_DIR ?? './data/db';
  return {
    host,
    port,
    dataDir,
    // An in-memory database (tests) has no folder: its files go to the system's temporary folder.
    cacheDir: overrides.cacheDir ?? (env.WSIS_CACHE_DIR || (dataDir.startsWith('memory://') ? join(tmpdir(), 'wsis-cache') : join(dirname(resolve(dataDir)), 'cache'))),
    // An in-memory database (tests) keeps its files in the system's temporary folder (content-addressed, so shared safely).
    filesDir: overrides.filesDir ?? (env.WSIS_FILES_DIR || (dataDir.startsWith('memory://') ? join(tmpdir(), 'wsis-files') : join(dirname(resolve(dataDir)), 'files'))),
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || undefined),
    baseUrl: overrides.baseUrl ?? env.WSIS_BASE_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    smtpUrl: overrides.smtpUrl ?? (env.SMTP_URL || undefined),
    mailFrom: overrides.mailFrom ?? env.MAIL_FROM ?? 'WSIS Platform <no-reply@wsis.localhost>',
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
    secureCookies: overrides.secureCookies ?? env.WSIS_SECURE_COOKIES === '1',
    trustProxy: overrides.trustProxy ?? env.WSIS_TRUST_PROXY === '1',
    rateLimitScale: overrides.rateLimitScale ?? Number(env.WSIS_RATE_LIMIT_SCALE ?? 1),
    workers: overrides.workers ?? parseWorkers(env.WSIS_WORKERS),
    iatiReportingOrg: overrides.iatiReportingOrg ?? (env.WSIS_IATI_REPORTING_ORG?.trim() || DEFAULT_IATI_REPORTING_ORG),
    atomIdPrefix: overrides.atomIdPrefix ?? (env.WSIS_ATOM_ID_PREFIX?.trim() || DEFAULT_ATOM_ID_PREFIX),
    heap: overrides.heap ?? parseHeap(env.WSIS_HEAP),
  };
};

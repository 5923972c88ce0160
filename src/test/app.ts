/**
 * Route-test kit: an app on a fresh database, and clients that keep cookies and send the CSRF
 * token like a browser would: `const c = await kit.as(user); await c.post('/en/account/name', {...})`.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../core/config.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { TEST_PASSWORD } from './factories.js';
import { preloadRoutes } from '../core/module.js';
import { MODULES } from '../platform-modules.js';

// The pages' code is loaded with this file, as the manifests imported it before lazyRoutes, not
// inside a test's setup hook and its time limit.
await preloadRoutes(MODULES);

export type TestKit = {
  app: FastifyInstance;
  database: TestDatabase;
  client: () => TestClient;
  /** A client signed in as `user` through the real sign-in form. */
  as: (user: { email: string }) => Promise<TestClient>;
  close: () => Promise<void>;
};

export const createTestKit = async ({ rateLimitScale = 1000, config: overrides = {} }: { rateLimitScale?: number; config?: Partial<Config> } = {}): Promise<TestKit> => {
  const database = await createTestDatabase();
  // Rate limits per address are raised: every test request comes from 127.0.0.1.
  const config = loadConfig({ port: 0, baseUrl: 'http://platform.test', smtpUrl: undefined, dataDir: 'memory://', rateLimitScale, ...overrides }, {});
  // Only real failures (500s) are logged, so a test that hits one shows why.
  const app = await buildApp({ config, database, logger: { level: 'error' } });
  await app.ready();
  const client = () => new TestClient(app);
  return {
    app,
    database,
    client,
    as: async (user) => {
      const c = client();
      const res = await c.submit('/en/sign-in', { email: user.email, password: TEST_PASSWORD });
      if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode} ${res.body.slice(0, 500)}`);
      return c;
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
};

type Form = Record<string, string | string[] | undefined>;

export class TestClient {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader() {
    // Values are sent encoded, as the server set them (a flash message may contain a semicolon).
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body ?? '');
    if (token?.[1]) this.csrf = token[1];
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** POSTs a form as a browser would, with the CSRF token of the last page seen. */
  async post(url: string, form: Form = {}, { csrf = true }: { csrf?: boolean } = {}) {
    const body = new URLSearchParams();
    if (csrf) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
  }

  /**
   * POSTs a multipart/form-data form (a form with a file input) as a browser would, with the
   * CSRF token of the last page seen. Files: `{ image: { name: 'a.png', type: 'image/png', data } }`.
   */
  async postMultipart(url: string, form: Form = {}, files: Record<string, { name: string; type: string; data: Buffer }> = {}) {
    const body = new FormData();
    body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    for (const [k, file] of Object.entries(files)) body.append(k, new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
    const encoded = new Request('http://test.invalid/', { method: 'POST', body });
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: Buffer.from(await encoded.arrayBuffer()),
        headers: { cookie: this.cookieHeader(), 'content-type': encoded.headers.get('content-type') ?? '' },
      }),
    );
  }

  /** Opens the page of a form, then submits it (gets a fresh CSRF token first). */
  async submit(url: string, form: Form = {}, pageUrl = url) {
    await this.get(pageUrl);
    return this.post(url, form);
  }

  /** JSON API call with this client's session (CSRF header included for writes). */
  async api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) {
    return this.remember(
      await this.app.inject({
        method,
        url,
        payload: payload === undefined ? undefined : JSON.stringify(payload),
        headers: {
          cookie: this.cookieHeader(),
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrf }),
          ...headers,
        },
      }),
    );
  }
}

export { TEST_PASSWORD };

/** Text content of the first element matching a simple tag/attribute pattern (for assertions). */
export const textOf = (html: string, pattern: RegExp) => {
  const m = pattern.exec(html);
  return m?.[1]?.replace(/<[^>]+>/g, '').trim();
};

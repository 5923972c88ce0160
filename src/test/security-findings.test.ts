/**
 * The HTTP-level findings of the outside security review (issue 11), one block each: what the
 * reviewer sent, and what the platform must answer now.
 */
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loggableError } from '../core/http/problems.js';
import { createApiToken } from '../modules/accounts/commands/create-api-token.js';
import { entries } from '../modules/stocktaking/tables.js';
import { createTestKit, type TestKit } from './app.js';
import { buildUser } from './factories.js';

let kit: TestKit;
let user: { email: string };
beforeAll(async () => {
  kit = await createTestKit();
  user = await buildUser(kit.database.db, { email: 'reviewer@example.org' });
});
afterAll(async () => kit.close());

// Each of these made a browser leave the platform, or made the server fail, before the fix.
const hostileNext = [
  '/%09/evil.example/',
  '/\t/evil.example/',
  '/%0a/evil.example/',
  '/%0d/x',
  '/%0a/x',
  '/%0d%0aSet-Cookie:%20x=1',
  '/\\evil.example/',
  '/%5cevil.example/',
  '/%2fevil.example/',
  '/%2F%2Fevil.example/',
  '//evil.example/',
  '/.//evil.example/',
  '/./%2e/%2fevil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  ' /en',
];

describe('where `next` may send the browser', () => {
  it.each(hostileNext)('the language switch falls back to the home page for next=%j', async (next) => {
    const res = await kit.app.inject({ url: `/language/fr?next=${encodeURIComponent(next).replace(/%25/g, '%')}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/fr');
  });

  it('the language switch refuses the raw escapes the reviewer sent', async () => {
    for (const raw of ['/%09/evil.example/', '/%0a/x', '/%0d/x', '/%5C%5Cevil.example']) {
      const res = await kit.app.inject({ url: `/language/fr?next=${raw}` });
      expect(res.statusCode, raw).toBe(303);
      expect(res.headers.location, raw).toBe('/fr');
    }
  });

  it('the language switch still lands on the same page, with its query, in the chosen language', async () => {
    const res = await kit.app.inject({ url: `/language/ar?next=${encodeURIComponent('/en/stocktaking?q=numérique&sdg=4')}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/ar/stocktaking?q=num%C3%A9rique&sdg=4');
  });

  it.each(hostileNext)('sign-in falls back to the account page for next=%j', async (next) => {
    const client = kit.client();
    const page = await client.get(`/en/sign-in?next=${encodeURIComponent(next)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="next"');
    const res = await client.post('/en/sign-in', { email: user.email, password: 'correct horse battery staple', next });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/account');
  });

  it('sign-in returns to the page that asked for it', async () => {
    const client = kit.client();
    await client.get('/en/sign-in?next=%2Fen%2Fstocktaking%2Fmine');
    const res = await client.post('/en/sign-in', { email: user.email, password: 'correct horse battery staple', next: '/en/stocktaking/mine' });
    expect(res.headers.location).toBe('/en/stocktaking/mine');
  });
});

describe('ids are decimal digits only', () => {
  const entry = {
    language: 'en',
    title: 'Community networks in mountain villages',
    summary: 'Village-owned wireless networks and the training to run them.',
    actionLines: ['C2'],
    sdgs: [9],
    countries: ['NP'],
    leadCountry: 'NP',
    stakeholderType: 'civil-society',
    scope: 'national',
    targetGroups: [],
    status: 'ongoing',
    startDate: '2024-01-15',
  };
  const spellings = (id: number) => [
    `0x${id.toString(16)}`,
    `0X${id.toString(16)}`,
    `0o${id.toString(8)}`,
    `0b${id.toString(2)}`,
    `+${id}`,
    `0${id}`,
    `${id}.0`,
    `${id}e0`,
    `%20${id}`,
    `${id}%20`,
    `-${id}`,
    '1e400',
    '99999999999999999999',
  ];
  const api = (token: string, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) =>
    kit.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
  const stateOf = async (id: number) => (await kit.database.db.select({ state: entries.state }).from(entries).where(eq(entries.id, id)))[0]?.state;

  it('another spelling of an entry id neither submits, edits, decides nor shows that entry', async () => {
    const owner = await buildUser(kit.database.db, { email: 'owner-ids@example.org' });
    const token = (await createApiToken(kit.database.db, { userId: owner.id, label: 'ids', actor: null })).token;
    const moderator = (await createApiToken(kit.database.db, { userId: (await buildUser(kit.database.db, { roles: ['moderator'] })).id, label: 'ids', actor: null })).token;
    const draft = (await api(token, 'POST', '/api/v1/entries', entry)).json().id as number;
    const submitted = (await api(token, 'POST', '/api/v1/entries', { ...entry, title: 'Radio lessons for nomadic schools' })).json().id as number;
    expect((await api(token, 'POST', `/api/v1/entries/${submitted}/submit`, {})).statusCode).toBe(200);

    const answers: string[] = [];
    for (const bad of spellings(draft)) {
      for (const [method, url, payload] of [
        ['POST', `/api/v1/entries/${bad}/submit`, {}],
        ['PATCH', `/api/v1/entries/${bad}`, { title: 'Renamed by a hex id' }],
        ['GET', `/api/v1/entries/${bad}`, undefined],
      ] as const) {
        const res = await api(token, method, url, payload);
        if (![400, 404].includes(res.statusCode)) answers.push(`${res.statusCode} ${method} ${url}`);
      }
    }
    for (const bad of spellings(submitted)) {
      const res = await api(moderator, 'POST', `/api/v1/entries/${bad}/decision`, { decision: 'publish' });
      if (![400, 404].includes(res.statusCode)) answers.push(`${res.statusCode} POST /api/v1/entries/${bad}/decision`);
      for (const action of ['decision', 'withdraw']) {
        const prize = await api(moderator, 'POST', `/api/v1/prizes/nominations/${bad}/${action}`, { decision: 'accept' });
        if (![400, 404].includes(prize.statusCode)) answers.push(`${prize.statusCode} POST /api/v1/prizes/nominations/${bad}/${action}`);
      }
    }
    for (const year of ['0x7ea', '+2026', '2026.0', '2.026e3', '02026']) {
      const res = await api(token, 'GET', `/api/v1/prizes/editions/${year}`);
      if (![400, 404].includes(res.statusCode)) answers.push(`${res.statusCode} GET /api/v1/prizes/editions/${year}`);
    }
    expect(answers).toEqual([]);
    expect(await stateOf(draft)).toBe('draft');
    expect(await stateOf(submitted)).toBe('submitted');
    const shown = (await api(token, 'GET', `/api/v1/entries/${draft}`)).json();
    expect(shown.title.en).toBe('Community networks in mountain villages');
    const refused = await api(token, 'POST', `/api/v1/entries/0x${draft.toString(16)}/submit`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors[0].pointer).toBe('/id');
  });
});

describe('no query string value is a server error', () => {
  const junk = [
    'x',
    'X',
    'xx',
    '1',
    '00',
    'ZZZ',
    'EU',
    '419',
    'en-US',
    'C99',
    '%E2%80%8B',
    '%FF%FE',
    '%C0%AF',
    '..%2F..',
    '<script>',
    "'",
    ',',
    ',,,',
    'a'.repeat(300),
    '-1',
    '1e400',
    '0x10',
  ];
  const facets = [
    'country',
    'countries',
    'region',
    'actionLine',
    'actionLines',
    'sdg',
    'sdgs',
    'stakeholderType',
    'scope',
    'status',
    'targetGroup',
    'language',
    'year',
    'page',
    'pageSize',
    'sort',
    'q',
    'lang',
  ];

  it('the search page and the entries API answer every junk facet value without a 500', async () => {
    const failures: string[] = [];
    for (const facet of facets) {
      for (const value of junk) {
        for (const url of [`/en/stocktaking?${facet}=${value}`, `/ar/stocktaking?${facet}=${value}&${facet}=${value}`, `/api/v1/entries?${facet}=${value}`]) {
          const res = await kit.app.inject({ url });
          if (res.statusCode >= 500) failures.push(`${res.statusCode} ${url}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('an unknown country is ignored on the search page, in the reader language', async () => {
    const res = await kit.app.inject({ url: '/fr/stocktaking?country=x' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<html lang="fr"/);
  });
});

describe('text PostgreSQL cannot store', () => {
  // JSON.stringify keeps a lone surrogate as the escape \ud800, as the reviewer sent it.
  const send = (token: string, method: 'POST' | 'PATCH', url: string, payload: object) =>
    kit.app.inject({ method, url, payload: JSON.stringify(payload), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'fr' } });

  it('a lone UTF-16 surrogate in JSON is a 400 naming the field, on every write', async () => {
    const owner = await buildUser(kit.database.db, { email: 'surrogates@example.org', name: 'Before' });
    const token = (await createApiToken(kit.database.db, { userId: owner.id, label: 'surrogates', actor: null })).token;
    const entry = {
      language: 'en',
      title: 'Solar kiosks',
      summary: 'Charging and connectivity.',
      actionLines: ['C2'],
      sdgs: [7],
      countries: ['KE'],
      leadCountry: 'KE',
      stakeholderType: 'civil-society',
      scope: 'national',
      targetGroups: [],
      status: 'ongoing',
      startDate: '2024-01-15',
    };
    const id = (await send(token, 'POST', '/api/v1/entries', entry)).json().id as number;
    const cases: [method: 'POST' | 'PATCH', url: string, payload: object, pointer: string][] = [
      ['POST', '/api/v1/entries', { ...entry, title: 'x\ud800' }, '/title'],
      ['POST', '/api/v1/entries', { ...entry, countries: ['KE', '\udfffK'] }, '/countries/1'],
      ['PATCH', `/api/v1/entries/${id}`, { summary: 'fin\udc00' }, '/summary'],
      ['PATCH', '/api/v1/me', { name: 'x\ud800' }, '/name'],
      ['PATCH', '/api/v1/me', { 'n\ud800': 'x' }, '/n\ud800'],
    ];
    for (const [method, url, payload, pointer] of cases) {
      const res = await send(token, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json();
      expect(problem.errors).toEqual([{ pointer, detail: expect.stringContaining('UTF-16') }]);
      expect(problem.detail).toContain('UTF-8');
    }
    // A character outside the Basic Multilingual Plane (a surrogate pair) is text like any other.
    const emoji = await send(token, 'PATCH', '/api/v1/me', { name: 'Amina 🌍' });
    expect(emoji.statusCode).toBe(200);
    expect(emoji.json().name).toBe('Amina 🌍');
  });

  it('a failed query is logged without its parameters', async () => {
    const secret = 'what-the-user-typed@example.org';
    const error = await kit.database.db.execute(sql`select ${secret}::int`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).toContain(secret);
    const logged = JSON.stringify(loggableError(error));
    expect(logged).not.toContain(secret);
    expect(logged).toContain('22P02');
  });
});

describe('addresses the framework cannot decode', () => {
  const strictCsp = async () => String((await kit.app.inject({ url: '/en' })).headers['content-security-policy']);

  it('a malformed percent-escape in a path gets the platform error page, localized, with its headers', async () => {
    const csp = await strictCsp();
    for (const [url, lang, text] of [
      ['/en/stocktaking/%ff', 'en', 'This web address is not valid'],
      ['/fr/%E0%A4%A', 'fr', "Cette adresse web n'est pas valide"],
      ['/ar/stocktaking/%C0%AF/edit', 'ar', 'عنوان الويب هذا غير صالح'],
    ] as const) {
      const res = await kit.app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-security-policy']).toBe(csp);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-request-id']).toBeTruthy();
      expect(res.body).toContain(`<html lang="${lang}"`);
      expect(res.body).toContain(text);
      expect(res.body).not.toContain('FST_ERR_BAD_URL');
    }
  });

  it('under /api the same address is a problem document', async () => {
    const res = await kit.app.inject({ url: '/api/v1/entries/%ff', headers: { 'accept-language': 'es' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['content-security-policy']).toBe(await strictCsp());
    expect(res.json()).toMatchObject({ status: 400, title: 'Solicitud incorrecta', detail: expect.stringContaining('Esta dirección web no es válida') });
  });

  it('a raw UTF-8 address that the HTTP parser refuses gets the localized page and the security headers', async () => {
    const csp = await strictCsp();
    const address = await kit.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(Buffer.from('GET /fr/stocktaking?q=numérique HTTP/1.1\r\nHost: platform.test\r\n\r\n', 'utf8')));
      const chunks: Buffer[] = [];
      socket.on('data', (c) => chunks.push(c));
      socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', reject);
    });
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(head.toLowerCase()).toContain(`content-security-policy: ${csp.toLowerCase()}`);
    expect(head.toLowerCase()).toContain('content-type: text/html; charset=utf-8');
    expect(body).toContain('<html lang="fr" dir="ltr">');
    expect(body).toContain("Cette adresse web n'est pas valide");
  });
});

describe('multipart bodies are checked before they are read', () => {
  const boundary = '----wsis-review-boundary';
  const MiB = 1024 * 1024;
  const uploadFolders = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('wsis-upload-')));
  /**
   * The upload folders made since `before` that stay: the system's temporary folder is shared with the
   * test files running beside this one, whose uploads come and go (a count went from 1 to 0 once while
   * this file refused its uploads); a folder this file's requests left behind stays.
   */
  const leftSince = (before: Set<string>) => vi.waitFor(() => expect([...uploadFolders()].filter((name) => !before.has(name))).toEqual([]), { timeout: 3000, interval: 50 });

  /** A multipart body of `files` files of `fileBytes` each, generated as it is read (never held whole). */
  const streamedForm = ({ fields, files, fileBytes }: { fields: Record<string, string>; files: number; fileBytes: number }) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const head = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    let file = 0;
    let sent = 0;
    let started = false;
    return new Readable({
      read() {
        if (!started) {
          started = true;
          this.push(head.join(''));
        }
        if (file >= files) {
          this.push(`--${boundary}--\r\n`);
          this.push(null);
          return;
        }
        if (sent === 0) this.push(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="big-${file}.png"\r\nContent-Type: image/png\r\n\r\n`);
        const n = Math.min(chunk.length, fileBytes - sent);
        this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
        sent += n;
        if (sent >= fileBytes) {
          this.push('\r\n');
          file++;
          sent = 0;
        }
      },
    });
  };

  it('an anonymous 50 MB multipart post to the sign-in form is refused before it is read', async () => {
    const before = uploadFolders();
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const res = await kit.app.inject({
      method: 'POST',
      url: '/en/sign-in',
      payload: streamedForm({ fields: { email: 'someone@example.org', password: 'x' }, files: 3, fileBytes: 17 * MiB }),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const grown = process.memoryUsage().rss - rssBefore;
    // Read into memory, the files grew the process by 50 MB or more.
    expect(grown).toBeLessThan(20 * MiB);
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('This address does not accept content of this type');
    await leftSince(before);
  });

  it('a signed-in form that takes no files refuses a multipart body, in the reader language', async () => {
    const client = await kit.as(user);
    await client.get('/fr/account');
    const res = await client.postMultipart('/fr/account/profile', { name: 'Renamed' }, { image: { name: 'a.png', type: 'image/png', data: Buffer.alloc(1000) } });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('<html lang="fr"');
  });

  it('the entry form refuses anonymous uploads, and uploads whose first field is not a good CSRF token, before reading them', async () => {
    const before = uploadFolders();
    const anonymous = await kit.app.inject({
      method: 'POST',
      url: '/en/stocktaking/new',
      payload: streamedForm({ fields: { _csrf: 'x' }, files: 1, fileBytes: 4 * MiB }),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(anonymous.statusCode).toBe(401);
    const client = await kit.as(user);
    await client.get('/en/stocktaking/new');
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    for (const fields of [{ title: 'first', _csrf: client.csrf }, { _csrf: 'forged' }, {}] as Record<string, string>[]) {
      const res = await kit.app.inject({
        method: 'POST',
        url: '/en/stocktaking/new',
        payload: streamedForm({ fields, files: 1, fileBytes: 4 * MiB }),
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(res.statusCode, JSON.stringify(fields)).toBe(403);
    }
    await leftSince(before);
  });

  it('more files than the form takes, or a body larger than it can be, is a 413 page', async () => {
    const client = await kit.as(user);
    await client.get('/en/stocktaking/new');
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    const sevenFiles = await kit.app.inject({
      method: 'POST',
      url: '/en/stocktaking/new',
      payload: streamedForm({ fields: { _csrf: client.csrf }, files: 7, fileBytes: 1000 }),
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(sevenFiles.statusCode).toBe(413);
    expect(sevenFiles.body).toContain('Request too large');
    const declaredHuge = await kit.app.inject({
      method: 'POST',
      url: '/en/stocktaking/new',
      payload: streamedForm({ fields: { _csrf: client.csrf }, files: 1, fileBytes: 1000 }),
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(200 * MiB) },
    });
    expect(declaredHuge.statusCode).toBe(413);
  });

  it('a malformed multipart body is a 400, not a 500', async () => {
    const client = await kit.as(user);
    await client.get('/en/stocktaking/new');
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    for (const [type, payload] of [
      ['multipart/form-data', 'no boundary'],
      [
        `multipart/form-data; boundary=${boundary}`,
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\ncut sho`,
      ],
      [`multipart/form-data; boundary=${boundary}`, `--${boundary}\r\nContent-Disposition: garbage\r\n\r\nx\r\n--${boundary}--\r\n`],
    ]) {
      const res = await kit.app.inject({ method: 'POST', url: '/en/stocktaking/new', payload, headers: { cookie, 'content-type': type, 'x-csrf-token': client.csrf } });
      expect(res.statusCode, payload).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, payload).toBeLessThan(500);
    }
  });

  it('a body sent without Content-Length stops being read once it is larger than the form can be', async () => {
    const client = await kit.as(user);
    await client.get('/en/stocktaking/new');
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    // A good token, then a text field of 100 MiB (the form can hold 32 MiB in all).
    let pulled = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const endless = new Readable({
      read() {
        if (pulled === 0)
          this.push(
            `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="summary"\r\n\r\n`,
          );
        if (pulled >= 100 * MiB) {
          this.push(`\r\n--${boundary}--\r\n`);
          this.push(null);
          return;
        }
        pulled += chunk.length;
        this.push(chunk);
      },
    });
    const res = await kit.app.inject({
      method: 'POST',
      url: '/en/stocktaking/new',
      payload: endless,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const readWhenAnswered = pulled;
    expect(res.statusCode).toBe(413);
    expect(readWhenAnswered).toBeLessThan(50 * MiB);
  });

  it('a 6 MB image gets the localized error beside the field and keeps what was typed; its file is gone afterwards', async () => {
    const before = uploadFolders();
    const client = await kit.as(user);
    await client.get('/fr/stocktaking/new');
    const res = await client.postMultipart(
      '/fr/stocktaking/new',
      { language: 'fr', title: 'Bibliothèques numériques rurales', summary: 'Des tablettes et des livres pour 30 villages.', imageAlt: 'Une bibliothèque' },
      { image: { name: 'big.png', type: 'image/png', data: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(6 * MiB)]) } },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/<p class="error-message" id="field-image-error">[^<]*(trop volumineux|volumineux)[^<]*5/);
    expect(res.body).toContain('value="Bibliothèques numériques rurales"');
    expect(res.body).toContain('Des tablettes et des livres pour 30 villages.');
    expect(res.body).toContain('value="Une bibliothèque"');
    // The temporary folder is removed once the answer has been sent.
    await leftSince(before);
  });
});

describe('the API reference', () => {
  it('is served under the same strict Content-Security-Policy as every page', async () => {
    const csp = String((await kit.app.inject({ url: '/en' })).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    for (const url of ['/api/docs', '/api/docs/', '/api/docs/static/index.html', '/api/docs/json', '/api/docs/static/swagger-ui-bundle.js', '/api/docs?lang=ar']) {
      const res = await kit.app.inject({ url });
      expect(res.headers['content-security-policy'], url).toBe(csp);
      expect(res.statusCode, url).toBeLessThan(400);
    }
    // The old UI's JSON address points to the document's own.
    expect((await kit.app.inject({ url: '/api/docs/json' })).headers.location).toBe('/api/v1/openapi.json');
  });

  it('lists every operation of the OpenAPI document, without inline script or style, in the reader language', async () => {
    const res = await kit.app.inject({ url: '/api/docs', headers: { 'accept-language': 'fr' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="fr" dir="ltr">');
    expect(res.body).toContain("<h1>Référence de l'API</h1>");
    const document = (await kit.app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) expect(res.body).toContain(`${method.toUpperCase()} ${path}`);
    }
    expect(res.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(res.body).not.toMatch(/\sstyle=|<style/);
  });
  it('has an address in each language, which the language switcher and the footer link to', async () => {
    const res = await kit.app.inject({ url: '/ar/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="ar" dir="rtl">');
    // The operations' English summaries are isolated from the Arabic text around them.
    expect(res.body).toMatch(/<span lang="en" dir="ltr">Search the WSIS Stocktaking database/);
    expect(res.body).not.toMatch(/<(span|p|h2) lang="en">/);
    // The switcher's link to Chinese lands on a page that exists.
    const toChinese = /href="\/language\/zh\?next=([^"]+)"/.exec(res.body)?.[1];
    expect(decodeURIComponent(toChinese ?? '')).toBe('/zh/api/docs');
    expect((await kit.app.inject({ url: '/zh/api/docs' })).body).toContain('<html lang="zh"');
    expect((await kit.app.inject({ url: '/fr' })).body).toContain('href="/fr/api/docs"');
    expect((await kit.app.inject({ url: '/xx/api/docs' })).statusCode).toBe(404);
  });
});

/**
 * The OpenAPI document as outside tools read it: Redocly's linter with its recommended ruleset
 * reports no error, and every operation says what a client needs (an operationId, its problem+json
 * 4xx answers, whether it needs a token); the document names its server and licence.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit, type TestKit } from './app.js';

type Response = { $ref?: string; content?: Record<string, unknown> };
type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses?: Record<string, Response>;
};
type Document = {
  components?: { responses?: Record<string, Response>; schemas?: Record<string, unknown> };
  servers?: { url: string }[];
  info: { license?: { name: string; identifier?: string; url?: string } };
  security?: unknown[];
  paths: Record<string, Record<string, Operation>>;
};

let kit: TestKit;
let doc: Document;
let source: string;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
  );

beforeAll(async () => {
  kit = await createTestKit();
  const res = await kit.app.inject({ url: '/api/v1/openapi.json' });
  source = res.body;
  doc = res.json();
});
afterAll(async () => kit.close());

describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended rules without an error', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: '/api/v1/openapi.json', config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations().map(({ name, op }) => op.operationId ?? `(none on ${name})`);
    expect(ids.filter((id) => id.startsWith('(none'))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents the problem+json 4xx answers of every operation', () => {
    const resolve = (r: Response): Response => (r.$ref ? (doc.components?.responses?.[r.$ref.replace('#/components/responses/', '')] ?? {}) : r);
    const fourxx = (op: Operation) => Object.entries(op.responses ?? {}).filter(([code]) => /^4(\d\d|XX)$/.test(code));
    const lacking = operations()
      .filter(({ op }) => fourxx(op).length === 0)
      .map(({ name }) => name);
    expect(lacking).toEqual([]);
    // Each of them as the platform sends it: problem details, never plain JSON.
    const plain = operations().flatMap(({ name, op }) =>
      fourxx(op)
        .filter(([, r]) => Object.keys(resolve(r).content ?? {}).join() !== 'application/problem+json')
        .map(([code]) => `${name} ${code}`),
    );
    expect(plain).toEqual([]);
    expect(doc.components?.schemas?.Problem).toBeDefined();
  });

  it('says of each operation whether it needs a token', () => {
    const unsaid = operations()
      .filter(({ op }) => !Array.isArray(op.security))
      .map(({ name }) => name);
    expect(unsaid).toEqual([]);
    const open = operations().filter(({ op }) => op.security?.length === 0);
    expect(open.map(({ name }) => name)).toEqual(expect.arrayContaining(['GET /api/v1/entries', 'GET /api/v1/entries.csv', 'GET /api/v1/action-lines']));
    const withToken = operations().filter(({ op }) => op.security?.some((s) => 'bearer' in s));
    expect(withToken.map(({ name }) => name)).toEqual(expect.arrayContaining(['POST /api/v1/entries']));
  });

  it('names its server and its licence', () => {
    expect(doc.servers?.[0]?.url).toBe('http://platform.test');
    expect(doc.info.license?.name).toBeTruthy();
    expect(doc.info.license?.identifier ?? doc.info.license?.url).toBeTruthy();
  });
});

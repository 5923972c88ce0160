/**
 * What every operation of the OpenAPI document says without each route repeating it, added once
 * the document is built (the `transformObject` of @fastify/swagger): the server, the licence, an
 * operationId derived from the method and the path (unless the route names one), whether a token is
 * needed (`security: []` for the public operations; the others declare `bearer`), and the RFC 9457
 * problem details of the 4xx answers that every such operation can give. A route's own
 * description of a status is kept. Checked by Redocly's linter in src/test/openapi-lint.test.ts.
 */

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};
type OpenApiObject = {
  info?: Record<string, unknown>;
  servers?: { url: string; description?: string }[];
  components?: Record<string, Record<string, unknown> | undefined>;
  paths?: Record<string, Record<string, unknown>>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** RFC 9457 problem details as the platform sends them (core/http/platform.ts). */
const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'Problem details (RFC 9457), in the language of the request',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'about:blank, or a URI naming the kind of problem' },
    title: { type: 'string', description: 'What went wrong, in the language of the request' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The path of the request' },
    errors: {
      type: 'array',
      description: 'One item per invalid field: its JSON pointer in the request and what is wrong',
      items: { type: 'object', required: ['pointer', 'detail'], properties: { pointer: { type: 'string' }, detail: { type: 'string' } } },
    },
  },
} as const;

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

const RESPONSES = {
  BadRequest: problem('Invalid parameters or body; `errors` names each invalid field'),
  Unauthorized: problem('No valid token: send `Authorization: Bearer <token>`'),
  Forbidden: problem('The token’s account may not do this'),
  NotFound: problem('Nothing at this address'),
} as const;

/** `get /api/v1/prizes/editions/{year}/nominees` → `getPrizesEditionsByYearNominees`. */
export const operationIdOf = (method: string, path: string) => {
  const words = path
    .replace(/^\/api\/v\d+/, '')
    .split(/[/.\-_]+/)
    .filter(Boolean)
    .map((w) => (w.startsWith('{') ? `By${w.slice(1, -1)}` : w))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `${method}${words.join('')}`;
};

/** The document completed: servers, licence, operationIds, security and 4xx problem answers. */
export const completeOpenApi = <T extends object>(built: T, { baseUrl }: { baseUrl: string }): T => {
  const document = built as OpenApiObject;
  document.servers = [{ url: baseUrl, description: 'This platform' }];
  document.info = {
    ...document.info,
    license: { name: 'Creative Commons Attribution 4.0 International (the data); the API is free to use', identifier: 'CC-BY-4.0' },
  };
  document.components ??= {};
  const components = document.components;
  components.schemas = { ...components.schemas, Problem: PROBLEM_SCHEMA };
  components.responses = { ...components.responses, ...RESPONSES };
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      op.operationId ??= operationIdOf(method, path);
      op.security ??= [];
      op.responses ??= {};
      const responses = op.responses as Record<string, { $ref?: string; content?: Record<string, unknown> }>;
      // A 4xx a route describes is sent as problem details (core/http/platform.ts), whatever its schema says.
      for (const [status, response] of Object.entries(responses)) {
        if (!/^4/.test(status) || response.$ref) continue;
        responses[status] = { ...response, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
      }
      const add = (status: string, name: keyof typeof RESPONSES) => {
        responses[status] ??= { $ref: `#/components/responses/${name}` };
      };
      // Every operation checks its parameters (unknown `lang` values too), its body and its path.
      add('400', 'BadRequest');
      if (op.security.length > 0) {
        add('401', 'Unauthorized');
        add('403', 'Forbidden');
      }
      if (path.includes('{')) add('404', 'NotFound');
    }
  }
  return built;
};

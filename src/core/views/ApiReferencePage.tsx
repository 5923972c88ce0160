/**
 * The API reference, rendered on the server from the OpenAPI document (no script, no inline
 * style: the same Content-Security-Policy as every other page). The operations' summaries and
 * descriptions are the OpenAPI document's own text, in English, and are marked as such.
 */
import type { ViewContext } from './context.js';
import { Layout } from './Layout.js';
import { Table } from './components.js';

type Schema = { type?: string | string[]; description?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[] };
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
};
export type OpenApiDocument = { info?: { title?: string; version?: string }; paths?: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Row = { name: string; where: string; required: boolean; type: string; description?: string };

const typeOf = (schema: Schema | undefined): string => {
  if (!schema) return '';
  if (schema.enum) return schema.enum.map(String).join(' | ');
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`;
  return Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? '');
};

const anchorOf = (method: string, path: string) => `${method}-${path.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '')}`;

export const ApiReferencePage = ({ view, document }: { view: ViewContext; document: OpenApiDocument }) => {
  const { t } = view;
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method] as Operation })),
  );
  const tags = [...new Set(operations.map((o) => o.operation.tags?.[0] ?? 'api'))];
  const columns = [
    { header: t('core.api_docs.name'), cell: (r: Row) => <code dir="ltr">{r.name}</code> },
    { header: t('core.api_docs.where'), cell: (r: Row) => r.where },
    { header: t('core.api_docs.type'), cell: (r: Row) => <code dir="ltr">{r.type}</code> },
    { header: t('core.api_docs.required'), cell: (r: Row) => (r.required ? t('core.api_docs.yes') : t('core.api_docs.no')) },
    {
      header: t('core.api_docs.description'),
      cell: (r: Row) =>
        r.description ? (
          <span lang="en" dir="ltr">
            {r.description}
          </span>
        ) : (
          ''
        ),
    },
  ];
  return (
    <Layout view={view} title={t('core.api_docs.title')} wide>
      <h1>{t('core.api_docs.title')}</h1>
      <p>{t('core.api_docs.intro', { version: document.info?.version ?? '1' })}</p>
      <p>
        <a href="/api/v1/openapi.json">{t('core.api_docs.openapi')}</a>
      </p>
      <p class="hint">{t('core.api_docs.english_note')}</p>
      <nav aria-labelledby="api-contents">
        <h2 id="api-contents">{t('core.api_docs.contents')}</h2>
        <ul>
          {operations.map(({ path, method, operation }) => (
            <li>
              <a href={`#${anchorOf(method, path)}`}>
                <code dir="ltr">
                  {method.toUpperCase()} {path}
                </code>
              </a>{' '}
              <span lang="en" dir="ltr">
                {operation.summary}
              </span>
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`} lang="en" dir="ltr">
            {tag}
          </h2>
          {operations
            .filter((o) => (o.operation.tags?.[0] ?? 'api') === tag)
            .map(({ path, method, operation }) => {
              const parameters: Row[] = (operation.parameters ?? []).map((p) => ({
                name: p.name,
                where: p.in === 'path' ? t('core.api_docs.in_path') : p.in === 'query' ? t('core.api_docs.in_query') : p.in,
                required: p.required === true,
                type: typeOf(p.schema),
                description: p.description ?? p.schema?.description,
              }));
              const body = operation.requestBody?.content?.['application/json']?.schema;
              const fields: Row[] = Object.entries(body?.properties ?? {}).map(([name, schema]) => ({
                name,
                where: t('core.api_docs.in_body'),
                required: body?.required?.includes(name) ?? false,
                type: typeOf(schema),
                description: schema.description,
              }));
              const rows = [...parameters, ...fields];
              return (
                <section id={anchorOf(method, path)} aria-labelledby={`${anchorOf(method, path)}-title`}>
                  <h3 id={`${anchorOf(method, path)}-title`}>
                    <code dir="ltr">
                      {method.toUpperCase()} {path}
                    </code>
                  </h3>
                  {operation.summary && (
                    <p lang="en" dir="ltr">
                      {operation.summary}
                    </p>
                  )}
                  {operation.description && (
                    <p lang="en" dir="ltr">
                      {operation.description}
                    </p>
                  )}
                  {(operation.security?.length ?? 0) > 0 && <p>{t('core.api_docs.token')}</p>}
                  {rows.length > 0 && <Table caption={t('core.api_docs.parameters', { operation: `${method.toUpperCase()} ${path}` })} columns={columns} rows={rows} empty="" />}
                  <p>
                    {t('core.api_docs.answers')}{' '}
                    {Object.keys(operation.responses ?? {}).map((code, i) => (
                      <>
                        {i > 0 && ', '}
                        <code>{code}</code>
                      </>
                    ))}
                  </p>
                </section>
              );
            })}
        </section>
      ))}
    </Layout>
  );
};

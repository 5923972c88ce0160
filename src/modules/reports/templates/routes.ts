/**
 * The template editor (admin, 'reports.manage'): the six templates, and one template's title,
 * description, sections (order, narrative, the source among the sections the installed modules
 * contribute, its options) and the HLPF goals by year. Bad input comes back as the form with the
 * errors beside the fields, nothing saved.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { formValues } from '../../../core/http/forms.js';
import { notFound } from '../../../core/http/problems.js';
import { authorize, type Actor } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { TEMPLATE_KEYS } from '../tables.js';
import { findTemplate, findTemplates, type ReportTemplate } from '../workflow/queries.js';
import { langOf } from '../workflow/views/parts.js';
import { contributedSections, saveTemplate } from './commands/save-template.js';
import { templateFormValues, templateFromForm } from './inputs.js';
import { TemplatePage, TemplatesPage } from './views/TemplatesPages.js';

type KeyParams = { Params: { key: string }; Querystring: { lang?: string } };

export const templatesAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const manager = (req: FastifyRequest): Actor => {
    authorize(req.actor, 'reports.manage');
    return req.actor as Actor;
  };
  const templateOf = async (key: string) => {
    if (!(TEMPLATE_KEYS as readonly string[]).includes(key)) throw notFound();
    const found = await findTemplate(db, key);
    if (!found) throw notFound();
    return found;
  };

  app.get('/reports/templates', async (req, reply) => {
    manager(req);
    return reply.page(TemplatesPage({ view: req.view(reply), templates: await findTemplates(db) }));
  });

  const render = (req: FastifyRequest<KeyParams>, reply: FastifyReply, template: ReportTemplate, form: FormState, code = 200) =>
    reply.page(
      TemplatePage({
        view: req.view(reply),
        template,
        form,
        sources: [...contributedSections(req.server.platform.modules).values()],
        lang: langOf(req.query?.lang, req.locale),
      }),
      code,
    );

  app.get<KeyParams>('/reports/templates/:key', async (req, reply) => {
    manager(req);
    const template = await templateOf(req.params.key);
    return render(req, reply, template, emptyForm(templateFormValues(template)));
  });

  app.post<KeyParams>('/reports/templates/:key', async (req, reply) => {
    const actor = manager(req);
    const template = await templateOf(req.params.key);
    const values = formValues(req.body);
    const parsed = templateFromForm(values);
    const translate = (errors: Record<string, string>, vals: Record<string, string> = {}) =>
      Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, req.t(key, { codes: vals[field] ?? '', source: vals[field] ?? '' })]));
    if (!parsed.ok) return render(req, reply, template, { values, errors: translate(parsed.errors) }, 400);
    const result = await saveTemplate(db, { actor, key: template.key, draft: parsed.draft, modules: req.server.platform.modules, ip: req.ip });
    if (!result.ok) return render(req, reply, template, { values, errors: translate(result.errors, result.values) }, 400);
    reply.flash('notice', req.t('reports.templates.saved'));
    return reply.seeOther(`/${req.locale}/admin/reports/templates/${template.key}`);
  });
};

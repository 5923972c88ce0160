/**
 * The template editor: the form read into a template (order by position, a narrative section
 * added, one removed, HLPF goals by year), then saved by the command with sources among the
 * installed modules' sections and options checked against their choices and the reference data;
 * anything wrong refuses the whole save. The pages, with the errors beside the fields.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../core/audit/tables.js';
import type { PlatformModule } from '../../../core/module.js';
import type { Actor } from '../../../core/permissions/index.js';
import { createTestKit, type TestClient, type TestKit } from '../../../test/app.js';
import { buildActor } from '../workflow/test-helpers.js';
import { reportTemplates } from '../tables.js';
import { saveTemplate } from './commands/save-template.js';
import { hlpfGoalsOf, templateFormValues, templateFromForm } from './inputs.js';

const MODULES = [
  {
    id: 'stocktaking',
    contributes: {
      reportSections: [
        {
          id: 'stocktaking.figures',
          title: { key: 'reports.nav.title' },
          options: [
            { name: 'figures', label: { key: 'reports.nav.title' }, choices: ['action-line', 'sdg', 'region'].map((value) => ({ value, label: { key: 'reports.nav.title' } })) },
            { name: 'actionLines', label: { key: 'reports.nav.title' }, reference: 'action-lines' },
            { name: 'sdgs', label: { key: 'reports.nav.title' }, reference: 'sdgs' },
          ],
          build: async () => ({ blocks: [] }),
        },
      ],
    },
  },
] as unknown as PlatformModule[];

let kit: TestKit;
let actor: Actor;
let secretariat: TestClient;

beforeAll(async () => {
  kit = await createTestKit();
  const s = await buildActor(kit.database.db, ['secretariat'], 'templates@example.org');
  actor = s.actor;
  secretariat = await kit.as(s.user);
}, 240_000);
afterAll(async () => kit.close());

const stocktakingTemplate = async () => {
  const [t] = await kit.database.db.select().from(reportTemplates).where(eq(reportTemplates.key, 'stocktaking'));
  if (!t) throw new Error('no stocktaking template');
  return t;
};

describe('the form', () => {
  it('orders by position, adds a narrative section, removes one, reads the HLPF goals', async () => {
    const values = templateFormValues(await stocktakingTemplate());
    values['s.conclusions.position'] = '1';
    values['s.introduction.remove'] = 'yes';
    values['new.id'] = 'outlook';
    values['new.title'] = 'Perspectives';
    values['new.lang'] = 'fr';
    values.hlpfGoals = '2027: 4, 17\n2026: 6';
    const parsed = templateFromForm(values);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.draft.sections.map((s) => s.id)).toEqual(['conclusions', 'figures', 'outlook']);
    expect(parsed.draft.sections[2]).toMatchObject({ title: { fr: 'Perspectives' }, narrative: true });
    expect(parsed.draft.hlpfGoals).toEqual({ '2026': [6], '2027': [4, 17] });
    expect(hlpfGoalsOf('2026: 18')).toBeNull();
    expect(hlpfGoalsOf('next year: 1')).toBeNull();
  });

  it('refuses a bad position, a taken or malformed new identifier, no title', async () => {
    const values = templateFormValues(await stocktakingTemplate());
    values['s.figures.position'] = 'first';
    values['new.id'] = 'Bad Id';
    values['new.title'] = 'x';
    for (const l of ['ar', 'en', 'es', 'fr', 'ru', 'zh']) values[`title.${l}`] = '';
    const parsed = templateFromForm(values);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toMatchObject({
        's.figures.position': 'reports.templates.errors.position',
        'new.id': 'reports.templates.errors.section_id',
        'title.en': 'reports.templates.errors.title',
      });
  });
});

describe('saving', () => {
  it('keeps options among the choices and known codes; refuses unknown ones and an absent source, nothing saved', async () => {
    const { db } = kit.database;
    const before = await stocktakingTemplate();
    const values = templateFormValues(before);
    values['s.figures.opt.figures'] = ['region', 'sdg'];
    values['s.figures.opt.actionLines'] = 'C2, C7.e-health';
    values['s.figures.opt.sdgs'] = '6, 99';
    const parsed = templateFromForm(values);
    if (!parsed.ok) throw new Error('form');
    expect(await saveTemplate(db, { actor, key: 'stocktaking', draft: parsed.draft, modules: MODULES })).toEqual({
      ok: false,
      errors: { 's.figures.opt.sdgs': 'reports.templates.errors.unknown_codes' },
      values: { 's.figures.opt.sdgs': '99' },
    });
    expect(await saveTemplate(db, { actor, key: 'stocktaking', draft: parsed.draft, modules: [] })).toMatchObject({
      ok: false,
      errors: { 's.figures.source': 'reports.templates.errors.source_absent' },
    });
    expect((await stocktakingTemplate()).sections).toEqual(before.sections);

    values['s.figures.opt.sdgs'] = '6';
    const good = templateFromForm(values);
    if (!good.ok) throw new Error('form');
    expect(await saveTemplate(db, { actor, key: 'stocktaking', draft: good.draft, modules: MODULES })).toEqual({ ok: true });
    const after = await stocktakingTemplate();
    expect(after.sections.find((s) => s.id === 'figures')?.options).toEqual({ figures: ['region', 'sdg'], actionLines: ['C2', 'C7.e-health'], sdgs: ['6'] });
    expect((await db.select().from(auditLog).where(eq(auditLog.subjectType, 'report_template'))).length).toBe(1);
  });
});

describe('the pages', () => {
  it('list the templates and show one; a bad save comes back with the errors, localized', async () => {
    const list = await secretariat.get('/es/admin/reports/templates');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Informe sobre el Inventario de la CMSI');
    const page = await secretariat.get('/en/admin/reports/templates/hlpf');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2026: 6, 7, 9, 11, 17');
    const bad = await secretariat.post('/fr/admin/reports/templates/hlpf', {
      ...(templateFormValues((await kit.database.db.select().from(reportTemplates).where(eq(reportTemplates.key, 'hlpf')))[0] as never) as Record<string, string>),
      hlpfGoals: '2026: 42',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Indiquez une année par ligne');
    expect((await secretariat.get('/en/admin/reports/templates/nope')).statusCode).toBe(404);
    expect((await kit.client().get('/en/admin/reports/templates')).statusCode).not.toBe(200);
  });
});

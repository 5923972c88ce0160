import { eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import { contributions, type ReportSectionOption } from '../../../../core/contributions.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { PlatformModule } from '../../../../core/module.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { findActionLines, findSdgs } from '../../../reference/queries.js';
import { reportTemplates, type TemplateSection } from '../../tables.js';
import type { TemplateDraft } from '../inputs.js';

export type SaveTemplateResult = { ok: true } | { ok: false; errors: Record<string, string>; values?: Record<string, string> };

/** The sections the installed modules contribute, by id. */
export const contributedSections = (modules: readonly PlatformModule[]) =>
  new Map(contributions(modules, 'reportSections').map(({ module, contribution }) => [contribution.id, { module, contribution }]));

/**
 * Saves a template: title and description per language, its sections in order (each source one
 * an installed module contributes; its options among the option's choices, or codes the reference
 * data knows), the SDGs under review at the HLPF by year. Anything wrong refuses the whole save,
 * each error beside its field. Assumes 'reports.manage' was checked. Audited with before and after.
 */
export const saveTemplate = async (
  db: DbOrTx,
  { actor, key, draft, modules, now = new Date(), ip }: { actor: Actor; key: string; draft: TemplateDraft; modules: readonly PlatformModule[]; now?: Date; ip?: string },
): Promise<SaveTemplateResult> =>
  db.transaction(async (tx): Promise<SaveTemplateResult> => {
    const [before] = await tx
      .select()
      .from(reportTemplates)
      .where(eq(reportTemplates.key, key as (typeof reportTemplates.$inferSelect)['key']))
      .for('update');
    if (!before) return { ok: false, errors: { _form: 'reports.templates.errors.not_found' } };
    const known = contributedSections(modules);
    const [lines, goals] = await Promise.all([findActionLines(tx), findSdgs(tx)]);
    const reference: Record<NonNullable<ReportSectionOption['reference']>, Set<string>> = {
      'action-lines': new Set(lines.map((l) => l.code)),
      sdgs: new Set(goals.map((g) => String(g.number))),
    };
    const errors: Record<string, string> = {};
    const values: Record<string, string> = {};
    const sections: TemplateSection[] = [];
    for (const s of draft.sections) {
      const p = `s.${s.id}`;
      const section: TemplateSection = { id: s.id, title: s.title, narrative: s.narrative, ...(s.forEach ? { forEach: s.forEach } : {}) };
      if (s.source) {
        const found = known.get(s.source);
        if (!found) {
          errors[`${p}.source`] = 'reports.templates.errors.source_absent';
          values[`${p}.source`] = s.source;
          continue;
        }
        section.source = s.source;
        const options: Record<string, string[]> = {};
        for (const option of found.contribution.options ?? []) {
          const given = s.rawOptions[option.name] ?? [];
          if (given.length === 0) continue;
          const allowed = option.choices ? new Set(option.choices.map((c) => c.value)) : option.reference ? reference[option.reference] : null;
          const wrong = allowed ? given.filter((v) => !allowed.has(v)) : [];
          if (wrong.length > 0) {
            errors[`${p}.opt.${option.name}`] = option.reference ? 'reports.templates.errors.unknown_codes' : 'reports.templates.errors.unknown_choice';
            values[`${p}.opt.${option.name}`] = wrong.join(', ');
            continue;
          }
          options[option.name] = given;
        }
        if (Object.keys(options).length > 0) section.options = options;
      } else if (!s.narrative) {
        errors[`${p}.narrative`] = 'reports.templates.errors.empty_section';
        continue;
      }
      sections.push(section);
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors, values };
    const after = { title: draft.title, description: draft.description, sections, hlpfGoals: draft.hlpfGoals, updatedBy: actor.id, updatedAt: now };
    await tx.update(reportTemplates).set(after).where(eq(reportTemplates.key, before.key));
    await recordAction(tx, { actor, action: 'reports.manage', subjectType: 'report_template', subjectId: key, before, after, ip });
    return { ok: true };
  });

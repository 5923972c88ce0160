import { and, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import { contributions } from '../../../../core/contributions.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { PlatformModule } from '../../../../core/module.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { reports, reportTemplates, reportVersions, type TemplateSection } from '../../tables.js';
import { type CreateInput, isTemplateKey } from '../inputs.js';
import { isUniqueViolation } from '../../../../core/db/errors.js';
import { type CommandResult, dayOf, type Refusal, refuse } from './result.js';

/** The first report section whose source no installed module contributes, if any. */
export const absentSource = (sections: TemplateSection[], modules: readonly PlatformModule[]): Refusal | null => {
  const known = new Set(contributions(modules, 'reportSections').map(({ contribution }) => contribution.id));
  const missing = sections.find((s) => s.source && !known.has(s.source));
  return missing?.source ? refuse('section_module_absent', 'templateKey', { source: missing.source, module: missing.source.split('.')[0] ?? '' }) : null;
};

/** A cut-off after today (UTC) is refused: a report's data cannot be taken from the future. */
export const futureCutoff = (cutoff: string, now: Date): Refusal | null => (cutoff > dayOf(now) ? refuse('cutoff_future', 'cutoff', { today: dayOf(now) }) : null);

/**
 * Creates a report of a template for a year: title and sections copied from the template (a later
 * change of the template does not touch it), state draft, and its version 1 with empty narratives.
 * Refuses an unknown template, a year outside 2003–2100, a second report of the same template and
 * year, a cut-off in the future (`now`: the clock) and a section whose source no installed module
 * contributes (`modules`). Assumes 'reports.manage' was checked. One transaction, audited.
 */
export const createReport = async (
  db: DbOrTx,
  { actor, input, modules, now = new Date(), ip }: { actor: Actor; input: CreateInput; modules: readonly PlatformModule[]; now?: Date; ip?: string },
): Promise<CommandResult> => {
  if (!isTemplateKey(input.templateKey)) return refuse('unknown_template', 'templateKey');
  if (!Number.isInteger(input.year) || input.year < 2003 || input.year > 2100) return refuse('year', 'year');
  const future = futureCutoff(input.cutoff, now);
  if (future) return future;
  const templateKey = input.templateKey;
  try {
    return await db.transaction(async (tx): Promise<CommandResult> => {
      const [template] = await tx.select().from(reportTemplates).where(eq(reportTemplates.key, templateKey));
      if (!template) return refuse('unknown_template', 'templateKey');
      const absent = absentSource(template.sections, modules);
      if (absent) return absent;
      const [existing] = await tx
        .select({ id: reports.id })
        .from(reports)
        .where(and(eq(reports.templateKey, templateKey), eq(reports.year, input.year)));
      if (existing) return refuse('report_exists', 'year', { year: input.year });
      const values = {
        templateKey,
        year: input.year,
        title: template.title,
        sections: template.sections,
        state: 'draft' as const,
        symbol: input.symbol,
        originalLanguage: input.originalLanguage,
        distribution: input.distribution,
        cutoff: input.cutoff,
        deadline: input.deadline,
        ownerId: input.ownerId,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      };
      const [row] = await tx.insert(reports).values(values).returning({ id: reports.id });
      if (!row) throw new Error('report not inserted');
      await tx.insert(reportVersions).values({ reportId: row.id, number: 1, state: 'draft', narratives: {}, createdBy: actor.id, createdAt: now });
      await recordAction(tx, { actor, action: 'reports.manage', subjectType: 'report', subjectId: row.id, after: { created: values }, ip });
      return { ok: true, id: row.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'reports_template_year_idx')) return refuse('report_exists', 'year', { year: input.year });
    throw error;
  }
};

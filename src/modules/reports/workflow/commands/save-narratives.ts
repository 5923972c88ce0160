import { desc, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { checkNarrative } from '../../narrative.js';
import { type Narrative, reports, reportVersions } from '../../tables.js';
import type { NarrativesInput } from '../inputs.js';
import { type CommandResult, refuse } from './result.js';

/**
 * Saves the narratives of one language (section by section, each with how that language's text
 * came to be: original, unofficial or reviewed translation) as the report's next version (number
 * + 1, in the report's state); the other languages are carried over from the latest version, and
 * comments stay with the version they were made on. Refuses a final report, a section the report
 * does not have or that takes no narrative, and a text `checkNarrative` finds fault with (raw
 * HTML, unmatched emphasis, too long): nothing is written. Assumes 'reports.manage' was checked.
 */
export const saveNarratives = async (
  db: DbOrTx,
  { actor, reportId, input, note = null, now = new Date(), ip }: { actor: Actor; reportId: number; input: NarrativesInput; note?: string | null; now?: Date; ip?: string },
): Promise<CommandResult<{ id: number; number: number }>> =>
  db.transaction(async (tx): Promise<CommandResult<{ id: number; number: number }>> => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, reportId)).for('update');
    if (!report) return refuse('not_found');
    if (report.state === 'final') return refuse('already_final');
    const writable = new Set(report.sections.filter((s) => s.narrative).map((s) => s.id));
    for (const [sectionId, { text }] of Object.entries(input.texts)) {
      if (!writable.has(sectionId)) return refuse('unknown_section', `text.${sectionId}`, { section: sectionId });
      const [problem] = checkNarrative(text);
      if (problem) return { ok: false, error: problem.key, field: `text.${sectionId}`, values: problem.values };
    }
    const [latest] = await tx.select().from(reportVersions).where(eq(reportVersions.reportId, reportId)).orderBy(desc(reportVersions.number)).limit(1);
    const narratives: Record<string, Narrative> = structuredClone(latest?.narratives ?? {});
    for (const [sectionId, { text, kind }] of Object.entries(input.texts)) {
      const current = narratives[sectionId] ?? { text: {}, translations: {} };
      const trimmed = text.trim();
      if (trimmed) {
        current.text[input.locale] = trimmed;
        current.translations[input.locale] = kind;
      } else {
        delete current.text[input.locale];
        delete current.translations[input.locale];
      }
      narratives[sectionId] = current;
    }
    const number = (latest?.number ?? 0) + 1;
    const [row] = await tx
      .insert(reportVersions)
      .values({ reportId, number, state: report.state, narratives, note, createdBy: actor.id, createdAt: now })
      .returning({ id: reportVersions.id });
    if (!row) throw new Error('version not inserted');
    await tx.update(reports).set({ updatedAt: now }).where(eq(reports.id, reportId));
    await recordAction(tx, {
      actor,
      action: 'reports.manage',
      subjectType: 'report_version',
      subjectId: row.id,
      before: { number: latest?.number ?? null, narratives: latest?.narratives ?? {} },
      after: { number, locale: input.locale, narratives },
      ip,
    });
    return { ok: true, id: row.id, number };
  });

import { and, desc, eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { type Actor, can } from '../../../../core/permissions/index.js';
import { narrativeBlocks } from '../../narrative.js';
import { reportComments, reports, reportVersions } from '../../tables.js';
import type { CommentInput } from '../inputs.js';
import { type CommandResult, refuse } from './result.js';

/**
 * A comment of a CWG member on a paragraph of the report's current version (section, paragraph
 * index in the narrative's blocks, language it was read in), while the report is in review; or
 * the secretariat's answer to one (`parentId`, on the version of the comment it answers). Assumes
 * 'reports.comment' was checked; answers need 'reports.manage'. Audited.
 */
export const addComment = async (
  db: DbOrTx,
  { actor, reportId, input, now = new Date(), ip }: { actor: Actor; reportId: number; input: CommentInput; now?: Date; ip?: string },
): Promise<CommandResult> =>
  db.transaction(async (tx): Promise<CommandResult> => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, reportId));
    if (!report) return refuse('not_found');
    if (report.state !== 'review') return refuse('not_review');
    let versionId: number;
    let { sectionId, paragraph, locale } = input;
    if (input.parentId !== null) {
      if (!can(actor, 'reports.manage')) return refuse('answer_forbidden');
      const [parent] = await tx
        .select({ comment: reportComments })
        .from(reportComments)
        .innerJoin(reportVersions, eq(reportVersions.id, reportComments.versionId))
        .where(and(eq(reportComments.id, input.parentId), eq(reportVersions.reportId, reportId)));
      if (!parent) return refuse('paragraph', 'parentId');
      ({ versionId, sectionId, paragraph, locale } = parent.comment);
    } else {
      const [current] = await tx.select().from(reportVersions).where(eq(reportVersions.reportId, reportId)).orderBy(desc(reportVersions.number)).limit(1);
      if (!current) return refuse('not_found');
      const blocks = narrativeBlocks(current.narratives[sectionId]?.text[locale] ?? '');
      if (!report.sections.some((s) => s.id === sectionId) || paragraph >= blocks.length) return refuse('paragraph', 'paragraph');
      versionId = current.id;
    }
    const [row] = await tx
      .insert(reportComments)
      .values({ versionId, sectionId, paragraph, locale, parentId: input.parentId, authorId: actor.id, body: input.body, createdAt: now })
      .returning({ id: reportComments.id });
    if (!row) throw new Error('comment not inserted');
    await recordAction(tx, {
      actor,
      action: input.parentId ? 'reports.manage' : 'reports.comment',
      subjectType: 'report_comment',
      subjectId: row.id,
      after: { reportId, versionId, sectionId, paragraph, locale, parentId: input.parentId },
      ip,
    });
    return { ok: true, id: row.id };
  });

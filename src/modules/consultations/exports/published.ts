/**
 * Published answers as the page and the API show them: the organization's name or "individual
 * respondent" (never a person's name or address), stakeholder type and country, the values in
 * the reader's language, files as links to their copy without metadata.
 */
import type { Db, DbOrTx } from '../../../core/db/client.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { notFound } from '../../../core/http/problems.js';
import { getConsultation } from '../queries.js';
import { exportLabels, exportQuestions, metaOf, valueText } from './columns.js';
import { findOrganizationNames, findPublishedAnswers, findQuestionnaires, publishesAnswers } from './queries.js';

export type PublishedAnswer = {
  id: number;
  respondent: string;
  respondentKind: 'organization' | 'individual';
  stakeholderType: string | null;
  country: string | null;
  language: string;
  version: number;
  submittedAt: string | null;
  values: { questionId: string; label: string; value: string | number | null; file?: { id: number; name: string } }[];
};

export const PUBLISHED_PAGE_SIZE = 20;

/** The consultation (404 unless it publishes answers) and one page of its published answers in `locale`. */
export const publishedAnswers = async (db: Db | DbOrTx, { consultationId, locale, page }: { consultationId: number; locale: Locale; page: number }) => {
  const consultation = await getConsultation(db, consultationId);
  if (!publishesAnswers(consultation)) throw notFound();
  const labels = exportLabels(locale, exportQuestions(await findQuestionnaires(db, consultation.id)));
  const { rows, files, total } = await findPublishedAnswers(db, { consultationId: consultation.id, page, pageSize: PUBLISHED_PAGE_SIZE });
  const names = await findOrganizationNames(
    db,
    rows.flatMap((r) => (r.organizationId ? [r.organizationId] : [])),
  );
  const answers: PublishedAnswer[] = rows.map((a) => {
    const meta = metaOf(labels, a);
    const organization = a.organizationId ? names.get(a.organizationId) : undefined;
    return {
      id: a.id,
      respondent: organization ?? labels.t('consultations.exports.published.individual'),
      respondentKind: organization ? 'organization' : 'individual',
      stakeholderType: meta.stakeholderType,
      country: meta.country,
      language: a.language,
      version: a.version,
      submittedAt: a.submittedAt?.toISOString() ?? null,
      values: labels.questions
        .filter((q) => a.values[q.id] !== undefined)
        .map((q) => {
          const raw = a.values[q.id];
          const file = raw && typeof raw === 'object' && 'attachmentId' in raw ? files.get(raw.attachmentId) : undefined;
          return {
            questionId: q.id,
            label: labels.localize(q.label),
            value: file ? file.fileName : valueText(labels, q, raw, files),
            ...(file ? { file: { id: file.id, name: file.fileName } } : {}),
          };
        }),
    };
  });
  return { consultation, answers, total, page, pageSize: PUBLISHED_PAGE_SIZE };
};

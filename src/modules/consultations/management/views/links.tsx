import type { ViewContext } from '../../../../core/views/context.js';
import type { Consultation } from '../../queries.js';

/** What the reader may open, decided by the route from the abilities and the consultation's state. */
export type PublicLinks = { results: boolean; synthesis: boolean; answers: boolean; letter: boolean };

/**
 * The public pages of a consultation beyond its own: results and synthesis once published (or to
 * analysts), the published answers when there are some, the circular letter once announced.
 */
export const publicLinks = (
  c: Pick<Consultation, 'status' | 'answersMayBePublished'>,
  { canManage, canAnalyse, publishedAnswers }: { canManage: boolean; canAnalyse: boolean; publishedAnswers: number },
): PublicLinks => ({
  results: c.status === 'published' || (canAnalyse && c.status !== 'draft'),
  synthesis: c.status === 'published' || canAnalyse,
  answers: c.answersMayBePublished && c.status !== 'draft' && publishedAnswers > 0,
  letter: c.status !== 'draft' || canManage,
});

export const PublicConsultationLinks = ({ view, id, links }: { view: ViewContext; id: number; links: PublicLinks }) => {
  const { t } = view;
  const items = [
    links.results && { href: `/consultations/${id}/results`, label: t('consultations.management.link_results') },
    links.synthesis && { href: `/consultations/${id}/synthesis`, label: t('consultations.management.link_synthesis') },
    links.answers && { href: `/consultations/${id}/answers`, label: t('consultations.management.link_answers') },
    links.letter && { href: `/consultations/${id}/letter`, label: t('consultations.management.link_letter') },
  ].filter((x): x is { href: string; label: string } => Boolean(x));
  if (items.length === 0) return null;
  return (
    <nav aria-label={t('consultations.management.links_label')}>
      <ul class="actions">
        {items.map((i) => (
          <li>
            <a href={view.href(i.href)}>{i.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
};

/**
 * The secretariat's pages of one consultation: settings and lifecycle, questionnaire, exports and
 * letter sending, analysis, results, synthesis, public page; each only to whom it opens.
 * `current` marks the page being shown (no link to itself).
 */
export const AdminConsultationLinks = ({
  view,
  consultation: c,
  canManage,
  canAnalyse,
  current,
  omit = [],
}: {
  view: ViewContext;
  consultation: Pick<Consultation, 'id' | 'status'>;
  canManage: boolean;
  canAnalyse: boolean;
  current?: 'settings' | 'questionnaire' | 'exports' | 'analysis' | 'synthesis';
  omit?: string[];
}) => {
  const { t } = view;
  const items: { key: string; href: string; label: string }[] = [];
  if (canManage) {
    items.push({ key: 'settings', href: `/admin/consultations/${c.id}`, label: t('consultations.management.link_settings') });
    items.push({ key: 'questionnaire', href: `/admin/consultations/${c.id}/questionnaire`, label: t('consultations.management.builder_link') });
  }
  if (canAnalyse) {
    items.push({
      key: 'exports',
      href: `/admin/consultations/${c.id}/exports`,
      label: t(canManage ? 'consultations.management.link_exports' : 'consultations.management.link_exports_only'),
    });
    items.push({ key: 'analysis', href: `/admin/consultations/${c.id}/analysis`, label: t('consultations.management.link_analysis') });
    if (c.status !== 'draft') items.push({ key: 'results', href: `/consultations/${c.id}/results`, label: t('consultations.management.link_results') });
    items.push({ key: 'synthesis', href: `/admin/consultations/${c.id}/synthesis`, label: t('consultations.management.link_synthesis') });
  }
  if (c.status !== 'draft') items.push({ key: 'public', href: `/consultations/${c.id}`, label: t('consultations.management.public_link') });
  return (
    <nav aria-label={t('consultations.management.links_label')}>
      <ul class="actions">
        {items
          .filter((i) => !omit.includes(i.key))
          .map((i) =>
            i.key === current ? (
              <li>
                <span aria-current="page">{i.label}</span>
              </li>
            ) : (
              <li>
                <a href={view.href(i.href)}>{i.label}</a>
              </li>
            ),
          )}
      </ul>
    </nav>
  );
};

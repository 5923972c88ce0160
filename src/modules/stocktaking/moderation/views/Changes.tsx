import type { ViewContext } from '../../../../core/views/context.js';
import { languageName } from '../../components/labels.js';
import type { FieldChange } from '../diff.js';

const FIELD_LABELS: Record<string, string> = {
  title: 'stocktaking.submission.field_title',
  summary: 'stocktaking.submission.summary',
  description: 'stocktaking.entry.description',
  impact: 'stocktaking.entry.impact',
  partners: 'stocktaking.entry.partners',
  actionLines: 'stocktaking.facets.action_line',
  sdgs: 'stocktaking.facets.sdg',
  sdgTargets: 'stocktaking.entry.sdg_targets',
  countries: 'stocktaking.entry.countries',
  targetGroups: 'stocktaking.facets.target_group',
  imageIds: 'stocktaking.submission.section_images',
  stakeholderType: 'stocktaking.facets.stakeholder_type',
  leadCountry: 'stocktaking.entry.lead_country',
  scope: 'stocktaking.entry.scope',
  projectStatus: 'stocktaking.facets.status',
  startDate: 'stocktaking.submission.start_date',
  endDate: 'stocktaking.submission.end_date',
  website: 'stocktaking.entry.website',
  organizationId: 'stocktaking.entry.organization',
  contactName: 'stocktaking.submission.contact_name',
  contactEmail: 'stocktaking.submission.contact_email',
};

/** Values shown with their name where they are codes the reader cannot be expected to know. */
const valueLabel = (view: ViewContext, field: string, value: string | null) => {
  if (value === null || value === '') return view.t('stocktaking.moderation.empty_value');
  if (field === 'stakeholderType') return view.t(`accounts.stakeholder_types.${value}`);
  if (field === 'projectStatus') return view.t(`stocktaking.project_statuses.${value}`);
  if (field === 'scope') return view.t(`stocktaking.scopes.${value}`);
  if (field === 'targetGroups') return view.t(`stocktaking.target_groups.${value}`);
  return value;
};

/**
 * The changes between two versions, as a table. Removed words are struck through and added ones
 * underlined, each also announced in words for screen readers.
 */
export const Changes = ({ view, changes, caption }: { view: ViewContext; changes: FieldChange[]; caption: string }) => {
  const { t } = view;
  if (changes.length === 0) return <p class="empty">{t('stocktaking.moderation.no_changes')}</p>;
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabindex={0}>
      <table class="changes">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stocktaking.moderation.field')}</th>
            <th scope="col">{t('stocktaking.moderation.change')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr>
              <th scope="row">
                {t(FIELD_LABELS[c.field] ?? 'stocktaking.moderation.field')}
                {c.kind === 'text' && (
                  <>
                    <br />
                    <small>{languageName(view, c.locale)}</small>
                  </>
                )}
              </th>
              <td>
                {c.kind === 'text' && (
                  <p lang={c.locale} dir="auto" class="diff">
                    {c.parts.map((p) =>
                      p.change === 'same' ? (
                        p.value
                      ) : p.change === 'added' ? (
                        <ins>
                          <span class="visually-hidden">
                            [{t('stocktaking.moderation.added')}
                            {t('core.text.colon')}
                          </span>
                          {p.value}
                          <span class="visually-hidden">]</span>
                        </ins>
                      ) : (
                        <del>
                          <span class="visually-hidden">
                            [{t('stocktaking.moderation.removed')}
                            {t('core.text.colon')}
                          </span>
                          {p.value}
                          <span class="visually-hidden">]</span>
                        </del>
                      ),
                    )}
                  </p>
                )}
                {c.kind === 'list' && (
                  <ul class="plain">
                    {c.added.map((v) => (
                      <li>
                        <ins>
                          {t('stocktaking.moderation.added')}
                          {t('core.text.colon')}
                          {valueLabel(view, c.field, v)}
                        </ins>
                      </li>
                    ))}
                    {c.removed.map((v) => (
                      <li>
                        <del>
                          {t('stocktaking.moderation.removed')}
                          {t('core.text.colon')}
                          {valueLabel(view, c.field, v)}
                        </del>
                      </li>
                    ))}
                  </ul>
                )}
                {c.kind === 'value' && (
                  <p>
                    <del>
                      <span class="visually-hidden">
                        {t('stocktaking.moderation.removed')}
                        {t('core.text.colon')}
                      </span>
                      {valueLabel(view, c.field, c.before)}
                    </del>{' '}
                    →{' '}
                    <ins>
                      <span class="visually-hidden">
                        {t('stocktaking.moderation.added')}
                        {t('core.text.colon')}
                      </span>
                      {valueLabel(view, c.field, c.after)}
                    </ins>
                  </p>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

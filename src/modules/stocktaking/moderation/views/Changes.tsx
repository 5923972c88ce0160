import type { ViewContext } from '../../../../core/views/context.js';
import { type Change, ChangesTable } from '../../../../core/views/ChangesTable.js';
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

/** What changed in a field, for the core's table of changes. */
const changeOf = (view: ViewContext, c: FieldChange): Change => {
  switch (c.kind) {
    case 'text':
      return { kind: 'text', locale: c.locale, runs: c.runs };
    case 'list':
      return { kind: 'list', added: c.added.map((v) => valueLabel(view, c.field, v)), removed: c.removed.map((v) => valueLabel(view, c.field, v)) };
    case 'value':
      return { kind: 'value', before: valueLabel(view, c.field, c.before), after: valueLabel(view, c.field, c.after) };
  }
};

/** The changes between two versions of an entry, field by field (the core's ChangesTable). */
export const Changes = ({ view, changes, caption }: { view: ViewContext; changes: FieldChange[]; caption: string }) => (
  <ChangesTable
    view={view}
    caption={caption}
    columns={[view.t('stocktaking.moderation.field'), view.t('stocktaking.moderation.change')]}
    rows={changes.map((c) => ({ label: view.t(FIELD_LABELS[c.field] ?? 'stocktaking.moderation.field'), change: changeOf(view, c) }))}
    empty={view.t('stocktaking.moderation.no_changes')}
  />
);

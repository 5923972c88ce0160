import { ErrorSummary, Field, type FormState, type Option, Pagination, PostButton, PostForm, Select, Table } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { countryName } from '../../reference/queries.js';
import { stakeholderOptions } from '../components/options.js';
import type { organizations } from '../tables.js';
import { organizationColumns } from '../components/organization-columns.js';
import { organizationLabel } from '../queries.js';

type Organization = typeof organizations.$inferSelect;

export const OrganizationsPage = ({
  view,
  items,
  total,
  page,
  q,
  canCreate,
}: {
  view: ViewContext;
  items: Organization[];
  total: number;
  page: number;
  q: string;
  canCreate: boolean;
}) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('accounts.organizations.title')}>
      <h1>{t('accounts.organizations.title')}</h1>
      <form method="get" action={view.href('/organizations')} class="search-form" role="search">
        <label for="org-q">{t('accounts.organizations.search')}</label>
        <input id="org-q" type="search" name="q" value={q} />
        <button type="submit" class="button">
          {t('accounts.organizations.search_submit')}
        </button>
      </form>
      <p>{t('accounts.organizations.count', { count: total })}</p>
      <Table caption={t('accounts.organizations.title')} empty={t('accounts.organizations.none_found')} rows={items} columns={organizationColumns(view)} />
      <Pagination view={view} page={page} pageSize={25} total={total} baseHref={view.href('/organizations')} query={{ q }} />
      {canCreate && (
        <p>
          <a class="button" href={view.href('/organizations/new')}>
            {t('accounts.organizations.new')}
          </a>
        </p>
      )}
    </Layout>
  );
};

export const OrganizationFormPage = ({ view, form, id, countries }: { view: ViewContext; form: FormState; id?: number; countries: Option[] }) => {
  const { t } = view;
  const title = id ? t('accounts.organizations.edit') : t('accounts.organizations.new');
  const labels = {
    name: t('accounts.organizations.fields.name'),
    acronym: t('accounts.organizations.fields.acronym'),
    stakeholderType: t('accounts.organizations.fields.stakeholder_type'),
    country: t('accounts.organizations.fields.country'),
    website: t('accounts.organizations.fields.website'),
  };
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(id ? `/organizations/${id}` : '/organizations')} class="stack">
        <Field form={form} name="name" label={labels.name} required maxLength={300} dir="auto" />
        <Field form={form} name="acronym" label={labels.acronym} maxLength={30} dir="auto" />
        <Select form={form} name="stakeholderType" label={labels.stakeholderType} options={stakeholderOptions(t)} placeholder={t('accounts.organizations.choose')} required />
        <Select form={form} name="country" label={labels.country} options={countries} placeholder={t('accounts.organizations.choose')} required />
        <Field form={form} name="website" type="url" label={labels.website} hint={t('accounts.organizations.website_hint')} maxLength={500} dir="ltr" />
        <button type="submit" class="button">
          {t('accounts.organizations.save')}
        </button>
      </PostForm>
    </Layout>
  );
};

type Member = { userId: number; name: string; email: string; role: string };

export const OrganizationPage = ({
  view,
  organization,
  members,
  canManage,
  memberForm,
}: {
  view: ViewContext;
  organization: Organization;
  members?: Member[];
  canManage: boolean;
  memberForm: FormState;
}) => {
  const { t } = view;
  return (
    <Layout view={view} title={organization.name}>
      <h1>
        <bdi>{organizationLabel(organization)}</bdi>
      </h1>
      {organization.isDemo && <p class="demo-badge">{t('accounts.organizations.demo')}</p>}
      <dl class="facts">
        <dt>{t('accounts.organizations.fields.stakeholder_type')}</dt>
        <dd>{t(`accounts.stakeholder_types.${organization.stakeholderType}`)}</dd>
        <dt>{t('accounts.organizations.fields.country')}</dt>
        <dd>{countryName(organization.country, view.locale)}</dd>
        {organization.website && (
          <>
            <dt>{t('accounts.organizations.fields.website')}</dt>
            <dd>
              <a href={organization.website} rel="nofollow noopener" dir="ltr">
                {organization.website}
              </a>
            </dd>
          </>
        )}
      </dl>
      {canManage && (
        <p>
          <a href={view.href(`/organizations/${organization.id}/edit`)}>{t('accounts.organizations.edit')}</a>
        </p>
      )}
      {members && (
        <section aria-labelledby="members-heading">
          <h2 id="members-heading">{t('accounts.members.title')}</h2>
          <Table
            caption={t('accounts.members.title')}
            empty={t('accounts.members.none')}
            rows={members}
            columns={[
              { header: t('accounts.fields.name'), cell: (m) => <bdi>{m.name}</bdi> },
              { header: t('accounts.fields.email'), cell: (m) => <bdi dir="ltr">{m.email}</bdi> },
              { header: t('accounts.members.role'), cell: (m) => t(`accounts.members.roles.${m.role}`) },
              ...(canManage
                ? [
                    {
                      header: t('accounts.tokens.actions'),
                      cell: (m: Member) => (
                        <PostButton
                          view={view}
                          action={view.href(`/organizations/${organization.id}/members/${m.userId}/remove`)}
                          label={t('accounts.members.remove')}
                          variant="secondary"
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {canManage && (
            <PostForm view={view} action={view.href(`/organizations/${organization.id}/members`)} class="stack">
              <h3>{t('accounts.members.add')}</h3>
              <Field form={memberForm} name="email" type="email" label={t('accounts.fields.email')} hint={t('accounts.members.add_hint')} required dir="ltr" />
              <Select
                form={memberForm}
                name="role"
                label={t('accounts.members.role')}
                options={[
                  { value: 'member', label: t('accounts.members.roles.member') },
                  { value: 'manager', label: t('accounts.members.roles.manager') },
                ]}
              />
              <button type="submit" class="button">
                {t('accounts.members.add_submit')}
              </button>
            </PostForm>
          )}
        </section>
      )}
    </Layout>
  );
};

import { Pagination, PostButton, PostForm, Select, Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { ROLES } from '../../../../core/permissions/index.js';

type UserRow = { id: number; email: string; name: string; status: string; emailVerifiedAt: Date | null; createdAt: Date; lastSignInAt: Date | null; roles: string[] };

export const AdminUsersPage = ({
  view,
  items,
  total,
  q,
  role,
  page,
  pageSize,
}: {
  view: ViewContext;
  items: UserRow[];
  total: number;
  q: string;
  role: string;
  page: number;
  pageSize: number;
}) => {
  const { t } = view;
  return (
    <Layout view={view} title={t('accounts.admin.users_title')} wide>
      <h1>{t('accounts.admin.users_title')}</h1>
      <form method="get" action={view.href('/admin/users')} class="filters" role="search">
        <div class="field">
          <label for="users-q">{t('accounts.admin.search')}</label>
          <input id="users-q" type="search" name="q" value={q} />
        </div>
        <Select
          form={{ values: { role }, errors: {} }}
          name="role"
          label={t('accounts.admin.filter_role')}
          options={ROLES.filter((r) => r !== 'contributor').map((r) => ({ value: r, label: t(`accounts.roles.${r}`) }))}
          placeholder={t('accounts.admin.any_role')}
        />
        <button type="submit" class="button">
          {t('accounts.admin.filter')}
        </button>
      </form>
      <p>{t('accounts.admin.user_count', { count: total })}</p>
      <Table
        caption={t('accounts.admin.users_title')}
        empty={t('accounts.admin.no_users')}
        rows={items}
        columns={[
          {
            header: t('accounts.fields.name'),
            cell: (u) => (
              <a href={view.href(`/admin/users/${u.id}`)}>
                <bdi>{u.name}</bdi>
              </a>
            ),
          },
          { header: t('accounts.fields.email'), cell: (u) => <bdi dir="ltr">{u.email}</bdi> },
          { header: t('accounts.account.roles'), cell: (u) => view.fmt.list(u.roles.map((r) => t(`accounts.roles.${r}`))) || t('accounts.roles.contributor') },
          { header: t('accounts.admin.status'), cell: (u) => t(`accounts.admin.statuses.${u.status}`) },
          { header: t('accounts.admin.verified'), cell: (u) => (u.emailVerifiedAt ? t('accounts.admin.yes') : t('accounts.admin.no')) },
          { header: t('accounts.admin.created'), cell: (u) => view.fmt.date(u.createdAt) },
        ]}
      />
      <Pagination view={view} page={page} pageSize={pageSize} total={total} baseHref={view.href('/admin/users')} query={{ q, role }} />
    </Layout>
  );
};

type UserDetail = {
  id: number;
  email: string;
  name: string;
  status: string;
  emailVerifiedAt: Date | null;
  createdAt: Date;
  lastSignInAt: Date | null;
  roles: string[];
  locale: string;
};

export const AdminUserPage = ({ view, user, organizations }: { view: ViewContext; user: UserDetail; organizations: { id: number; name: string; role: string }[] }) => {
  const { t } = view;
  const grantable = ROLES.filter((r) => r !== 'contributor' && !user.roles.includes(r));
  return (
    <Layout view={view} title={user.name}>
      <h1>
        <bdi>{user.name}</bdi>
      </h1>
      <dl class="facts">
        <dt>{t('accounts.fields.email')}</dt>
        <dd>
          <bdi dir="ltr">{user.email}</bdi>
        </dd>
        <dt>{t('accounts.admin.status')}</dt>
        <dd>{t(`accounts.admin.statuses.${user.status}`)}</dd>
        <dt>{t('accounts.admin.verified')}</dt>
        <dd>{user.emailVerifiedAt ? view.fmt.date(user.emailVerifiedAt) : t('accounts.admin.no')}</dd>
        <dt>{t('accounts.admin.created')}</dt>
        <dd>{view.fmt.date(user.createdAt)}</dd>
        <dt>{t('accounts.admin.last_sign_in')}</dt>
        <dd>{user.lastSignInAt ? view.fmt.dateTime(user.lastSignInAt) : t('accounts.tokens.never')}</dd>
      </dl>
      <h2>{t('accounts.account.roles')}</h2>
      <ul class="role-list">
        <li>{t('accounts.roles.contributor')}</li>
        {user.roles.map((r) => (
          <li>
            {t(`accounts.roles.${r}`)}{' '}
            <PostButton
              view={view}
              action={view.href(`/admin/users/${user.id}/roles/remove`)}
              fields={{ role: r }}
              label={t('accounts.admin.revoke_role', { role: t(`accounts.roles.${r}`) })}
              variant="secondary"
            />
          </li>
        ))}
      </ul>
      {grantable.length > 0 && (
        <PostForm view={view} action={view.href(`/admin/users/${user.id}/roles`)} class="inline-fields">
          <Select
            form={{ values: {}, errors: {} }}
            name="role"
            label={t('accounts.admin.grant_role')}
            options={grantable.map((r) => ({ value: r, label: t(`accounts.roles.${r}`) }))}
          />
          <button type="submit" class="button">
            {t('accounts.admin.grant')}
          </button>
        </PostForm>
      )}
      <h2>{t('accounts.organizations.title')}</h2>
      <Table
        caption={t('accounts.organizations.title')}
        empty={t('accounts.admin.user_no_organizations')}
        rows={organizations}
        columns={[
          {
            header: t('accounts.organizations.fields.name'),
            cell: (o) => (
              <a href={view.href(`/organizations/${o.id}`)}>
                <bdi>{o.name}</bdi>
              </a>
            ),
          },
          { header: t('accounts.members.role'), cell: (o) => t(`accounts.members.roles.${o.role}`) },
        ]}
      />
      <h2>{t('accounts.admin.status')}</h2>
      {user.status === 'active' ? (
        <PostButton view={view} action={view.href(`/admin/users/${user.id}/suspend`)} label={t('accounts.admin.suspend')} variant="danger" />
      ) : (
        <PostButton view={view} action={view.href(`/admin/users/${user.id}/reactivate`)} label={t('accounts.admin.reactivate')} />
      )}
    </Layout>
  );
};

import type { FastifyPluginAsync } from 'fastify';
import { parseForm } from '../../core/http/forms.js';
import { notFound } from '../../core/http/problems.js';
import { type Actor, authorize } from '../../core/permissions/index.js';
import { setRole, setUserStatus } from './commands/manage-roles.js';
import { idParam, roleInput, userListQuery } from './inputs.js';
import { findOrganizationsOfUser, findUsers, getUser, PAGE_SIZE } from './queries.js';
import { AdminUserPage, AdminUsersPage } from './views/admin/UserPages.js';

/** Back office: users, their roles and status (admins only). */
export const accountsAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;

  app.get('/users', async (req, reply) => {
    authorize(req.actor, 'accounts.user.manage');
    const query = userListQuery.safeParse(req.query);
    const { q, role, page } = query.success ? query.data : { q: '', role: undefined, page: 1 };
    const result = await findUsers(db, { q, role, page });
    return reply.page(AdminUsersPage({ view: req.view(reply), ...result, q, role: role ?? '', page, pageSize: PAGE_SIZE }));
  });

  const loadUser = async (params: unknown) => {
    const parsed = idParam.safeParse(params);
    if (!parsed.success) throw notFound();
    return getUser(db, parsed.data.id);
  };

  app.get('/users/:id', async (req, reply) => {
    authorize(req.actor, 'accounts.user.manage');
    const user = await loadUser(req.params);
    return reply.page(AdminUserPage({ view: req.view(reply), user, organizations: await findOrganizationsOfUser(db, user.id) }));
  });

  for (const [path, grant] of [
    ['/users/:id/roles', true],
    ['/users/:id/roles/remove', false],
  ] as const) {
    app.post(path, async (req, reply) => {
      authorize(req.actor, 'accounts.user.manage');
      const user = await loadUser(req.params);
      const back = `/${req.locale}/admin/users/${user.id}`;
      const parsed = parseForm(roleInput, req.body, req.t);
      if (!parsed.ok) return reply.flash('error', req.t('accounts.admin.errors.role')).seeOther(back);
      const result = await setRole(db, { actor: req.actor as Actor, userId: user.id, role: parsed.data.role, grant });
      if (!result.ok) return reply.flash('error', req.t(`accounts.admin.errors.${result.error}`)).seeOther(back);
      return reply
        .flash('notice', req.t(grant ? 'accounts.admin.role_granted' : 'accounts.admin.role_revoked', { role: req.t(`accounts.roles.${parsed.data.role}`) }))
        .seeOther(back);
    });
  }

  for (const [path, status] of [
    ['/users/:id/suspend', 'suspended'],
    ['/users/:id/reactivate', 'active'],
  ] as const) {
    app.post(path, async (req, reply) => {
      authorize(req.actor, 'accounts.user.manage');
      const user = await loadUser(req.params);
      const back = `/${req.locale}/admin/users/${user.id}`;
      const result = await setUserStatus(db, { actor: req.actor as Actor, userId: user.id, status });
      if (!result.ok) return reply.flash('error', req.t(`accounts.admin.errors.${result.error}`)).seeOther(back);
      return reply.flash('notice', req.t(status === 'suspended' ? 'accounts.admin.suspended' : 'accounts.admin.reactivated')).seeOther(back);
    });
  }
};

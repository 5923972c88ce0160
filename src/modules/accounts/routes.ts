import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { peekEmailToken } from '../../core/auth/email-tokens.js';
import { destroySession, SESSION_COOKIE, SESSION_TTL_MS } from '../../core/auth/sessions.js';
import { contributions } from '../../core/contributions.js';
import { parseForm, withError } from '../../core/http/forms.js';
import { getNotificationEmail, setNotificationEmail } from '../../core/notifications/queries.js';
import { NOTIFICATION_EMAIL_CHOICES } from '../../core/notifications/tables.js';
import { safeNext } from '../../core/http/redirects.js';
import { notFound } from '../../core/http/problems.js';
import { type Actor, authorize, can } from '../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../core/views/components.js';
import { changePassword } from './commands/change-password.js';
import { confirmEmailChange, requestEmailChange } from './commands/change-email.js';
import { createApiToken } from './commands/create-api-token.js';
import { deleteAccount } from './commands/delete-account.js';
import { addMember, removeMember } from './commands/manage-members.js';
import { registerUser } from './commands/register-user.js';
import { requestPasswordReset } from './commands/request-password-reset.js';
import { resendVerification } from './commands/resend-verification.js';
import { resetPassword } from './commands/reset-password.js';
import { revokeApiToken } from './commands/revoke-api-token.js';
import { saveOrganization } from './commands/save-organization.js';
import { signIn } from './commands/sign-in.js';
import { updateProfile } from './commands/update-profile.js';
import { verifyEmail } from './commands/verify-email.js';
import {
  addMemberInput,
  changeEmailInput,
  changePasswordInput,
  createTokenInput,
  deleteAccountInput,
  forgotPasswordInput,
  idParam,
  organizationInput,
  registerInput,
  resetPasswordInput,
  signInInput,
  updateProfileInput,
} from './inputs.js';
import { exportUserData, findApiTokens, findMembers, findOrganizations, findOrganizationsOfUser, getMembership, getOrganization } from './queries.js';
import { countryOptions } from './components/options.js';
import { AccountPage, type AccountForms } from './views/AccountPage.js';
import { DeleteAccountPage } from './views/DeleteAccountPage.js';
import { ForgotPasswordPage, ResetPasswordPage } from './views/PasswordPages.js';
import { NewTokenPage } from './views/NewTokenPage.js';
import { OrganizationFormPage, OrganizationPage, OrganizationsPage } from './views/OrganizationPages.js';
import { RegisterPage } from './views/RegisterPage.js';
import { SignInPage } from './views/SignInPage.js';

const notificationEmailInput = z.object({ email: z.enum(NOTIFICATION_EMAIL_CHOICES) });
const tokenQuery = z.object({ token: z.string().max(100).optional().default('') });
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1), q: z.string().max(200).catch('') });

/** Rate limits; WSIS_RATE_LIMIT_SCALE raises them for load tests. */
const limit = (max: number, timeWindow: number) => ({ rateLimit: { max, timeWindow } });

/** Public account pages (register, sign in, passwords) and the signed-in user's own account. */
export const accountsRoutes: FastifyPluginAsync = async (app) => {
  const { database, config } = app.platform;
  const db = database.db;
  const scale = config.rateLimitScale;

  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, signed: true, maxAge: SESSION_TTL_MS / 1000 });

  const requireActor = (req: FastifyRequest, ability = 'accounts.account.view'): Actor => {
    authorize(req.actor, ability);
    return req.actor as Actor;
  };

  // --- Register -------------------------------------------------------------------------------
  app.get('/register', async (req, reply) => {
    if (req.actor) return reply.seeOther(`/${req.locale}/account`);
    return reply.page(RegisterPage({ view: req.view(reply), form: emptyForm({ locale: req.locale }) }));
  });

  app.post('/register', { config: limit(10 * scale, 3600_000) }, async (req, reply) => {
    const parsed = parseForm(registerInput, req.body, req.t);
    const view = req.view(reply);
    if (!parsed.ok) return reply.page(RegisterPage({ view, form: parsed.form }), 422);
    const result = await registerUser(db, { input: parsed.data, baseUrl: config.baseUrl });
    if (!result.ok) return reply.page(RegisterPage({ view, form: withError(parsed.form, 'password', req.t(`accounts.register.errors.${result.error}`)) }), 422);
    // The same answer whether the address was new or already had an account (whose owner is
    // e-mailed instead): no session is opened here, the new user signs in with their password.
    return reply.flash('notice', req.t('accounts.register.sent', { email: parsed.data.email })).seeOther(`/${parsed.data.locale}/sign-in`);
  });

  app.get('/verify-email', async (req, reply) => {
    const { token } = tokenQuery.parse(req.query);
    const result = token ? await verifyEmail(db, { token }) : { ok: false as const };
    const next = req.actor ? `/${req.locale}/account` : `/${req.locale}/sign-in`;
    return reply.flash(result.ok ? 'notice' : 'error', req.t(result.ok ? 'accounts.verify.success' : 'accounts.verify.invalid')).seeOther(next);
  });

  app.post('/account/resend-verification', { config: limit(5 * scale, 3600_000) }, async (req, reply) => {
    const actor = requireActor(req, 'accounts.account.edit');
    const result = await resendVerification(db, { actor, baseUrl: config.baseUrl });
    return reply.flash('notice', req.t(result.ok ? 'accounts.verify.resent' : 'accounts.verify.already')).seeOther(`/${req.locale}/account`);
  });

  // --- Sign in / out --------------------------------------------------------------------------
  app.get('/sign-in', async (req, reply) => {
    const next = safeNext({ next: (req.query as Record<string, unknown>).next, fallback: '', baseUrl: config.baseUrl });
    return reply.page(SignInPage({ view: req.view(reply), form: emptyForm({ next }) }));
  });

  app.post('/sign-in', { config: limit(30 * scale, 60_000) }, async (req, reply) => {
    const parsed = parseForm(signInInput, req.body, req.t);
    const view = req.view(reply);
    if (!parsed.ok) return reply.page(SignInPage({ view, form: parsed.form }), 422);
    const result = await signIn(db, { input: parsed.data, previousSessionToken: req.sessionToken, userAgent: req.headers['user-agent'] });
    if (!result.ok) {
      const message =
        result.error === 'throttled'
          ? req.t('accounts.sign_in.errors.throttled', { minutes: Math.ceil(result.retryAfterSeconds / 60) })
          : req.t(`accounts.sign_in.errors.${result.error}`);
      if (result.error === 'throttled') reply.header('retry-after', String(result.retryAfterSeconds));
      return reply.page(SignInPage({ view, form: withError(parsed.form, '_form', message) }), result.error === 'throttled' ? 429 : 422);
    }
    setSessionCookie(reply, result.sessionToken);
    const next = safeNext({ next: (req.body as Record<string, unknown>).next, fallback: `/${req.locale}/account`, baseUrl: config.baseUrl });
    return reply.flash('notice', req.t('accounts.sign_in.success')).seeOther(next);
  });

  app.post('/sign-out', async (req, reply) => {
    if (req.sessionToken) await destroySession(db, req.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.flash('notice', req.t('accounts.sign_out.success')).seeOther(`/${req.locale}`);
  });

  // --- Forgotten password ---------------------------------------------------------------------
  app.get('/forgot-password', async (req, reply) => reply.page(ForgotPasswordPage({ view: req.view(reply), form: emptyForm() })));

  app.post('/forgot-password', { config: limit(5 * scale, 3600_000) }, async (req, reply) => {
    const parsed = parseForm(forgotPasswordInput, req.body, req.t);
    if (!parsed.ok) return reply.page(ForgotPasswordPage({ view: req.view(reply), form: parsed.form }), 422);
    await requestPasswordReset(db, { email: parsed.data.email, baseUrl: config.baseUrl });
    return reply.flash('notice', req.t('accounts.forgot.sent', { email: parsed.data.email })).seeOther(`/${req.locale}/sign-in`);
  });

  app.get('/reset-password', async (req, reply) => {
    const { token } = tokenQuery.parse(req.query);
    const valid = token ? await peekEmailToken(db, { token, purpose: 'reset-password' }) : undefined;
    if (!valid) return reply.flash('error', req.t('accounts.reset.invalid')).seeOther(`/${req.locale}/forgot-password`);
    return reply.page(ResetPasswordPage({ view: req.view(reply), form: emptyForm({ token }) }));
  });

  app.post('/reset-password', async (req, reply) => {
    const parsed = parseForm(resetPasswordInput, req.body, req.t);
    if (!parsed.ok) return reply.page(ResetPasswordPage({ view: req.view(reply), form: parsed.form }), 422);
    const result = await resetPassword(db, parsed.data);
    if (!result.ok && result.error === 'common_password')
      return reply.page(ResetPasswordPage({ view: req.view(reply), form: withError(parsed.form, 'password', req.t('accounts.register.errors.common_password')) }), 422);
    if (!result.ok) return reply.flash('error', req.t('accounts.reset.invalid')).seeOther(`/${req.locale}/forgot-password`);
    return reply.flash('notice', req.t('accounts.reset.success')).seeOther(`/${req.locale}/sign-in`);
  });

  // --- My account -----------------------------------------------------------------------------
  const accountPage = async (req: FastifyRequest, reply: FastifyReply, forms: Partial<AccountForms> = {}, status = 200) => {
    const actor = requireActor(req);
    const view = req.view(reply);
    return reply.page(
      AccountPage({
        view,
        actor,
        organizations: await findOrganizationsOfUser(db, actor.id),
        tokens: await findApiTokens(db, actor.id),
        forms: {
          profile: forms.profile ?? emptyForm({ name: actor.name, locale: actor.locale }),
          email: forms.email ?? emptyForm(),
          password: forms.password ?? emptyForm(),
          token: forms.token ?? emptyForm(),
        },
        notifications: {
          email: await getNotificationEmail(db, actor.id),
          // The events of every module this person may receive: those named to them, and those of their roles.
          events: contributions(app.platform.modules, 'notificationEvents')
            .map(({ contribution }) => contribution)
            .filter((e) => e.recipients === 'named' || e.recipients.roles.some((role) => actor.roles.includes(role)))
            .map((e) => req.t(e.label.key, e.label.values)),
        },
      }),
      status,
    );
  };

  app.get('/account', async (req, reply) => accountPage(req, reply));

  app.post('/account/profile', async (req, reply) => {
    const actor = requireActor(req, 'accounts.account.edit');
    const parsed = parseForm(updateProfileInput, req.body, req.t);
    if (!parsed.ok) return accountPage(req, reply, { profile: parsed.form }, 422);
    await updateProfile(db, { actor, ...parsed.data });
    return reply.flash('notice', req.t('accounts.account.profile_saved')).seeOther(`/${parsed.data.locale}/account`);
  });

  app.post('/account/notifications', async (req, reply) => {
    const actor = requireActor(req, 'accounts.account.edit');
    const parsed = notificationEmailInput.safeParse(req.body ?? {});
    // Only a forged form sends something else (the choices are radio buttons): the page again, unchanged.
    if (!parsed.success) return reply.flash('error', req.t('accounts.notifications.invalid')).seeOther(`/${req.locale}/account#notifications-heading`);
    await setNotificationEmail(db, { userId: actor.id, choice: parsed.data.email });
    return reply.flash('notice', req.t('accounts.notifications.saved')).seeOther(`/${req.locale}/account#notifications-heading`);
  });

  app.post('/account/email', async (req, reply) => {
    const actor = requireActor(req, 'accounts.account.edit');
    const parsed = parseForm(changeEmailInput, req.body, req.t);
    if (!parsed.ok) return accountPage(req, reply, { email: parsed.form }, 422);
    const result = await requestEmailChange(db, { actor, ...parsed.data, baseUrl: config.baseUrl });
    if (!result.ok) {
      const field = result.error === 'wrong_password' ? 'currentPassword' : 'email';
      return accountPage(req, reply, { email: withError(parsed.form, field, req.t(`accounts.account.errors.${result.error}`)) }, 422);
    }
    return reply.flash('notice', req.t('accounts.account.email_change_sent', { email: parsed.data.email })).seeOther(`/${req.locale}/account`);
  });

  app.get('/confirm-email', async (req, reply) => {
    const { token } = tokenQuery.parse(req.query);
    const result = token ? await confirmEmailChange(db, { token }) : { ok: false as const, error: 'invalid_token' as const };
    const next = req.actor ? `/${req.locale}/account` : `/${req.locale}/sign-in`;
    return reply.flash(result.ok ? 'notice' : 'error', req.t(result.ok ? 'accounts.account.email_changed' : `accounts.account.errors.${result.error}`)).seeOther(next);
  });

  app.post('/account/password', async (req, reply) => {
    const actor = requireActor(req, 'accounts.account.edit');
    const parsed = parseForm(changePasswordInput, req.body, req.t);
    if (!parsed.ok) return accountPage(req, reply, { password: parsed.form }, 422);
    const result = await changePassword(db, { actor, ...parsed.data, keepSession: req.sessionToken });
    if (!result.ok) {
      const field = result.error === 'wrong_password' ? 'currentPassword' : 'password';
      const key = result.error === 'wrong_password' ? 'accounts.account.errors.wrong_password' : 'accounts.register.errors.common_password';
      return accountPage(req, reply, { password: withError(parsed.form, field, req.t(key)) }, 422);
    }
    return reply.flash('notice', req.t('accounts.account.password_changed')).seeOther(`/${req.locale}/account`);
  });

  app.get('/account/export', async (req, reply) => {
    const actor = requireActor(req);
    const data = await exportUserData(db, actor.id);
    return reply
      .header('content-disposition', `attachment; filename="wsis-my-data-${actor.id}.json"`)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.post('/account/tokens', async (req, reply) => {
    const actor = requireActor(req, 'accounts.account.edit');
    const parsed = parseForm(createTokenInput, req.body, req.t);
    if (!parsed.ok) return accountPage(req, reply, { token: parsed.form }, 422);
    const result = await createApiToken(db, { userId: actor.id, label: parsed.data.label, actor });
    // Shown once, on this page only; never stored in clear.
    reply.header('cache-control', 'no-store');
    return reply.page(NewTokenPage({ view: req.view(reply), token: result.token, label: parsed.data.label }), 201);
  });

  app.post('/account/tokens/:id/revoke', async (req, reply) => {
    const actor = requireActor(req, 'accounts.account.edit');
    const params = idParam.safeParse(req.params);
    if (!params.success) throw notFound();
    const result = await revokeApiToken(db, { actor, tokenId: params.data.id });
    if (!result.ok) throw notFound();
    return reply.flash('notice', req.t('accounts.tokens.revoked')).seeOther(`/${req.locale}/account`);
  });

  app.get('/account/delete', async (req, reply) => {
    requireActor(req);
    return reply.page(DeleteAccountPage({ view: req.view(reply), form: emptyForm() }));
  });

  app.post('/account/delete', async (req, reply) => {
    const actor = requireActor(req, 'accounts.account.edit');
    const parsed = parseForm(deleteAccountInput, req.body, req.t);
    if (!parsed.ok) return reply.page(DeleteAccountPage({ view: req.view(reply), form: parsed.form }), 422);
    const result = await deleteAccount(db, { actor, currentPassword: parsed.data.currentPassword });
    if (!result.ok)
      return reply.page(DeleteAccountPage({ view: req.view(reply), form: withError(parsed.form, 'currentPassword', req.t('accounts.account.errors.wrong_password')) }), 422);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.flash('notice', req.t('accounts.delete.success')).seeOther(`/${req.locale}`);
  });

  // --- Organizations --------------------------------------------------------------------------
  app.get('/organizations', async (req, reply) => {
    const { page, q } = pageQuery.parse(req.query);
    const result = await findOrganizations(db, { page, q });
    return reply.page(OrganizationsPage({ view: req.view(reply), ...result, page, q, canCreate: can(req.actor, 'accounts.organization.create') }));
  });

  const organizationForm = async (req: FastifyRequest, reply: FastifyReply, form: FormState, id: number | undefined, status = 200) =>
    reply.page(OrganizationFormPage({ view: req.view(reply), form, id, countries: await countryOptions(db, req.locale) }), status);

  app.get('/organizations/new', async (req, reply) => {
    requireActor(req, 'accounts.organization.create');
    return organizationForm(req, reply, emptyForm(), undefined);
  });

  app.post('/organizations', async (req, reply) => {
    const actor = requireActor(req, 'accounts.organization.create');
    const parsed = parseForm(organizationInput, req.body, req.t);
    if (!parsed.ok) return organizationForm(req, reply, parsed.form, undefined, 422);
    const result = await saveOrganization(db, { actor, input: parsed.data });
    if (!result.ok) return organizationForm(req, reply, withError(parsed.form, 'country', req.t('accounts.organizations.errors.country')), undefined, 422);
    return reply.flash('notice', req.t('accounts.organizations.created')).seeOther(`/${req.locale}/organizations/${result.id}`);
  });

  const loadOrganization = async (req: FastifyRequest) => {
    const params = idParam.safeParse(req.params);
    if (!params.success) throw notFound();
    const organization = await getOrganization(db, params.data.id);
    const membership = req.actor ? await getMembership(db, { organizationId: organization.id, userId: req.actor.id }) : undefined;
    return { organization, subject: { membershipRole: membership?.role ?? null } };
  };

  app.get('/organizations/:id', async (req, reply) => {
    const { organization, subject } = await loadOrganization(req);
    const canSeeMembers = can(req.actor, 'accounts.organization.view_members', subject);
    return reply.page(
      OrganizationPage({
        view: req.view(reply),
        organization,
        members: canSeeMembers ? await findMembers(db, organization.id) : undefined,
        canManage: can(req.actor, 'accounts.organization.manage', subject),
        memberForm: emptyForm({ role: 'member' }),
      }),
    );
  });

  app.get('/organizations/:id/edit', async (req, reply) => {
    const { organization, subject } = await loadOrganization(req);
    authorize(req.actor, 'accounts.organization.manage', subject);
    const { name, acronym, stakeholderType, country, website } = organization;
    return organizationForm(req, reply, emptyForm({ name, acronym: acronym ?? '', stakeholderType, country, website: website ?? '' }), organization.id);
  });

  app.post('/organizations/:id', async (req, reply) => {
    const { organization, subject } = await loadOrganization(req);
    authorize(req.actor, 'accounts.organization.manage', subject);
    const parsed = parseForm(organizationInput, req.body, req.t);
    if (!parsed.ok) return organizationForm(req, reply, parsed.form, organization.id, 422);
    const result = await saveOrganization(db, { actor: req.actor as Actor, input: parsed.data, id: organization.id });
    if (!result.ok) return organizationForm(req, reply, withError(parsed.form, 'country', req.t('accounts.organizations.errors.country')), organization.id, 422);
    return reply.flash('notice', req.t('accounts.organizations.saved')).seeOther(`/${req.locale}/organizations/${organization.id}`);
  });

  app.post('/organizations/:id/members', async (req, reply) => {
    const { organization, subject } = await loadOrganization(req);
    authorize(req.actor, 'accounts.organization.manage', subject);
    const parsed = parseForm(addMemberInput, req.body, req.t);
    const back = `/${req.locale}/organizations/${organization.id}`;
    if (!parsed.ok) return reply.flash('error', Object.values(parsed.form.errors).join(' ')).seeOther(back);
    const result = await addMember(db, { actor: req.actor as Actor, organizationId: organization.id, ...parsed.data });
    return reply
      .flash(result.ok ? 'notice' : 'error', req.t(result.ok ? 'accounts.members.added' : 'accounts.members.errors.unknown_user', { email: parsed.data.email }))
      .seeOther(back);
  });

  app.post('/organizations/:id/members/:userId/remove', async (req, reply) => {
    const { organization, subject } = await loadOrganization(req);
    authorize(req.actor, 'accounts.organization.manage', subject);
    const userId = idParam.safeParse({ id: (req.params as Record<string, string>).userId });
    if (!userId.success) throw notFound();
    const result = await removeMember(db, { actor: req.actor as Actor, organizationId: organization.id, userId: userId.data.id });
    if (!result.ok && result.error === 'not_found') throw notFound();
    return reply
      .flash(result.ok ? 'notice' : 'error', req.t(result.ok ? 'accounts.members.removed' : 'accounts.members.errors.last_manager'))
      .seeOther(`/${req.locale}/organizations/${organization.id}`);
  });
};

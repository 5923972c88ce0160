import { ErrorSummary, Field, type FormState, PostButton, PostForm, Select, Table } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { NewPasswordField } from '../components/NewPasswordField.js';
import type { Actor } from '../../../core/permissions/index.js';
import { localeOptions } from '../components/options.js';
import { organizationColumns } from '../components/organization-columns.js';

export type AccountForms = { profile: FormState; email: FormState; password: FormState; token: FormState };

type Props = {
  view: ViewContext;
  actor: Actor;
  organizations: { id: number; name: string; acronym: string | null; stakeholderType: string; country: string; role: string }[];
  tokens: { id: number; label: string; createdAt: Date; lastUsedAt: Date | null }[];
  forms: AccountForms;
  /** The e-mail choice for notifications, and the events this person may be notified of (labels, in their language). */
  notifications: { email: 'immediate' | 'daily' | 'none'; events: string[] };
};

export const AccountPage = ({ view, actor, organizations, tokens, forms, notifications }: Props) => {
  const { t } = view;
  // Both the e-mail form and the password form ask for the current password: the e-mail form's
  // fields take its name in their ids, so that every id of the page stays unique.
  const emailForm: FormState = { ...forms.email, scope: 'change-email' };
  return (
    <Layout view={view} title={t('accounts.account.title')}>
      <h1>{t('accounts.account.title')}</h1>
      <p class="lead">{t('accounts.account.signed_in_as', { name: actor.name, email: actor.email })}</p>
      <p>
        {t('accounts.account.roles')}
        {t('core.text.colon')}
        {view.fmt.list(actor.roles.map((r) => t(`accounts.roles.${r}`)))}
      </p>
      {!actor.emailVerified && (
        <div class="notice" role="status">
          <p>{t('accounts.verify.pending', { email: actor.email })}</p>
          <PostButton view={view} action={view.href('/account/resend-verification')} label={t('accounts.verify.resend')} variant="secondary" />
        </div>
      )}

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('accounts.account.profile')}</h2>
        <ErrorSummary view={view} form={forms.profile} labels={{ name: t('accounts.fields.name'), locale: t('accounts.fields.locale') }} />
        <PostForm view={view} action={view.href('/account/profile')} class="stack">
          <Field form={forms.profile} name="name" label={t('accounts.fields.name')} autocomplete="name" required maxLength={200} />
          <Select form={forms.profile} name="locale" label={t('accounts.fields.locale')} hint={t('accounts.fields.locale_hint')} options={localeOptions()} required />
          <button type="submit" class="button">
            {t('accounts.account.save')}
          </button>
        </PostForm>
      </section>

      <section aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">{t('accounts.notifications.title')}</h2>
        {notifications.events.length > 0 && (
          <>
            <p>{t('accounts.notifications.events')}</p>
            <ul>
              {notifications.events.map((label) => (
                <li>{label}</li>
              ))}
            </ul>
          </>
        )}
        <PostForm view={view} action={view.href('/account/notifications')} class="stack">
          <fieldset class="field" aria-describedby="notification-email-hint">
            <legend>{t('accounts.notifications.legend')}</legend>
            <p class="hint" id="notification-email-hint">
              {t('accounts.notifications.hint')}
            </p>
            {(
              [
                ['immediate', t('accounts.notifications.immediate')],
                ['daily', t('accounts.notifications.daily')],
                ['none', t('accounts.notifications.none')],
              ] as const
            ).map(([choice, label]) => (
              <div class="checkbox">
                <input type="radio" id={`notification-email-${choice}`} name="email" value={choice} checked={notifications.email === choice} />
                <label for={`notification-email-${choice}`}>{label}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="button">
            {t('accounts.notifications.save')}
          </button>
        </PostForm>
      </section>

      <section aria-labelledby="orgs-heading">
        <h2 id="orgs-heading">{t('accounts.organizations.mine')}</h2>
        <Table
          caption={t('accounts.organizations.mine')}
          empty={t('accounts.organizations.none')}
          rows={organizations}
          columns={[...organizationColumns(view), { header: t('accounts.members.role'), cell: (o) => t(`accounts.members.roles.${o.role}`) }]}
        />
        <p>
          <a href={view.href('/organizations/new')}>{t('accounts.organizations.new')}</a>
        </p>
      </section>

      <section aria-labelledby="email-heading">
        <h2 id="email-heading">{t('accounts.account.change_email')}</h2>
        <ErrorSummary view={view} form={emailForm} labels={{ email: t('accounts.fields.new_email'), currentPassword: t('accounts.fields.current_password') }} />
        <PostForm view={view} action={view.href('/account/email')} class="stack">
          <Field
            form={emailForm}
            name="email"
            type="email"
            label={t('accounts.fields.new_email')}
            hint={t('accounts.account.change_email_hint')}
            autocomplete="email"
            required
            dir="ltr"
          />
          <Field form={emailForm} name="currentPassword" type="password" label={t('accounts.fields.current_password')} autocomplete="current-password" required />
          <button type="submit" class="button">
            {t('accounts.account.change_email_submit')}
          </button>
        </PostForm>
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t('accounts.account.change_password')}</h2>
        <ErrorSummary view={view} form={forms.password} labels={{ currentPassword: t('accounts.fields.current_password'), password: t('accounts.fields.new_password') }} />
        <PostForm view={view} action={view.href('/account/password')} class="stack">
          <Field form={forms.password} name="currentPassword" type="password" label={t('accounts.fields.current_password')} autocomplete="current-password" required />
          <NewPasswordField view={view} form={forms.password} label={t('accounts.fields.new_password')} />
          <button type="submit" class="button">
            {t('accounts.account.change_password_submit')}
          </button>
        </PostForm>
      </section>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t('accounts.tokens.title')}</h2>
        <p>{t('accounts.tokens.intro')}</p>
        <Table
          caption={t('accounts.tokens.title')}
          empty={t('accounts.tokens.none')}
          rows={tokens}
          columns={[
            { header: t('accounts.tokens.label'), cell: (x) => x.label },
            { header: t('accounts.tokens.created'), cell: (x) => view.fmt.date(x.createdAt) },
            { header: t('accounts.tokens.last_used'), cell: (x) => (x.lastUsedAt ? view.fmt.date(x.lastUsedAt) : t('accounts.tokens.never')) },
            {
              header: t('accounts.tokens.actions'),
              cell: (x) => <PostButton view={view} action={view.href(`/account/tokens/${x.id}/revoke`)} label={t('accounts.tokens.revoke')} variant="secondary" />,
            },
          ]}
        />
        <ErrorSummary view={view} form={forms.token} labels={{ label: t('accounts.tokens.label') }} />
        <PostForm view={view} action={view.href('/account/tokens')} class="stack">
          <Field form={forms.token} name="label" label={t('accounts.tokens.label')} hint={t('accounts.tokens.label_hint')} required maxLength={100} />
          <button type="submit" class="button">
            {t('accounts.tokens.create')}
          </button>
        </PostForm>
      </section>

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('accounts.account.your_data')}</h2>
        <ul class="links">
          <li>
            <a href={view.href('/account/export')} download>
              {t('accounts.account.export')}
            </a>
          </li>
          <li>
            <a href={view.href('/account/delete')}>{t('accounts.delete.title')}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
};

import { PASSWORD_MIN_LENGTH } from '../../../core/auth/passwords.js';
import { Field, type FormState } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';

/** The field where someone chooses a password, with the rules stated once for every form. */
export const NewPasswordField = ({ view, form, label }: { view: ViewContext; form: FormState; label: string }) => (
  <Field
    form={form}
    name="password"
    type="password"
    label={label}
    hint={view.t('accounts.fields.password_hint', { min: PASSWORD_MIN_LENGTH })}
    autocomplete="new-password"
    required
  />
);

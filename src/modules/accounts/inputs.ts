import { z } from 'zod';
import { idText } from '../../core/http/params.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../core/auth/passwords.js';
import { LOCALES } from '../../core/i18n/locales.js';
import { ROLES } from '../../core/permissions/index.js';
import { STAKEHOLDER_TYPES } from './tables.js';

const trimmed = (max: number) => z.string().trim().min(1).max(max);
export const emailField = z.string().trim().min(1).max(254).pipe(z.email());
const passwordField = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
const currentPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const registerInput = z.object({
  name: trimmed(200),
  email: emailField,
  password: passwordField,
  locale: z.enum(LOCALES),
});
export type RegisterInput = z.infer<typeof registerInput>;

export const signInInput = z.object({ email: emailField, password: currentPassword });
export type SignInInput = z.infer<typeof signInInput>;

export const forgotPasswordInput = z.object({ email: emailField });
export const resetPasswordInput = z.object({ token: z.string().min(10).max(100), password: passwordField });
export const updateProfileInput = z.object({ name: trimmed(200), locale: z.enum(LOCALES) });
export const changeEmailInput = z.object({ email: emailField, currentPassword });
export const changePasswordInput = z.object({ currentPassword, password: passwordField });
export const deleteAccountInput = z.object({
  currentPassword,
  confirm: z
    .string()
    .catch('')
    .refine((v) => v === 'on', { message: 'accounts.delete.confirm_required' }),
});
export const createTokenInput = z.object({ label: trimmed(100) });

const optionalUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), { message: 'core.errors.invalid_url' })
  .transform((v) => (v === '' ? null : v));

export const organizationInput = z.object({
  name: trimmed(300),
  acronym: z
    .string()
    .trim()
    .max(30)
    .transform((v) => v || null),
  stakeholderType: z.enum(STAKEHOLDER_TYPES),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, { message: 'accounts.organizations.errors.country' }),
  website: optionalUrl,
});
export type OrganizationInput = z.infer<typeof organizationInput>;

export const addMemberInput = z.object({ email: emailField, role: z.enum(['member', 'manager']) });

export const roleInput = z.object({ role: z.enum(ROLES) });
export const userListQuery = z.object({
  q: z.string().trim().max(200).optional().default(''),
  role: z
    .enum(ROLES)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(100000).optional().default(1),
});
export const idParam = z.object({ id: idText });

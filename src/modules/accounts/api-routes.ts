import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES } from '../../core/i18n/locales.js';
import { type Actor, authorize } from '../../core/permissions/index.js';
import { updateProfile } from './commands/update-profile.js';

const me = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  locale: z.string(),
  roles: z.array(z.string()),
  emailVerified: z.boolean(),
});

/** JSON API of accounts: who am I. */
export const accountsApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The caller: e-mail, name, roles and whether the e-mail is verified',
        security: [{ bearer: [] }],
        response: { 200: me },
      },
    },
    async (req) => {
      authorize(req.actor, 'accounts.account.view');
      const actor = req.actor;
      if (!actor) throw new Error('unreachable');
      return { id: actor.id, email: actor.email, name: actor.name, locale: actor.locale, roles: actor.roles, emailVerified: actor.emailVerified };
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: "Change the caller's name or preferred language",
        security: [{ bearer: [] }],
        body: z.object({ name: z.string().trim().min(1).max(200).optional(), locale: z.enum(LOCALES).optional() }).strict(),
        response: { 200: me },
      },
    },
    async (req) => {
      authorize(req.actor, 'accounts.account.edit');
      const actor = req.actor as Actor;
      const name = req.body.name ?? actor.name;
      const locale = req.body.locale ?? actor.locale;
      await updateProfile(app.platform.database.db, { actor, name, locale });
      return { id: actor.id, email: actor.email, name, locale, roles: actor.roles, emailVerified: actor.emailVerified };
    },
  );
};

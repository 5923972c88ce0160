import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../core/permissions/index.js';

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
};

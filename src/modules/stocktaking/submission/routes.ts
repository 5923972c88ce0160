/**
 * The contributor's pages: their entries, the entry form (new, edit, translations), submitting.
 * The form is checked with the API's rules (inputs.ts converts it); images come with the same
 * form, so a refused image sends everything back with one error beside the file field.
 */
import { parseIds, pathId } from '../../../core/http/params.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { formValues } from '../../../core/http/forms.js';
import { isUploadedFile } from '../../../core/http/body-parsers.js';
import { conflict, notFound } from '../../../core/http/problems.js';
import { type Locale, LOCALES } from '../../../core/i18n/locales.js';
import { collectFormHints } from '../../../core/contributions.js';
import { type Actor, authorize, can, Forbidden, isSignedIn } from '../../../core/permissions/index.js';
import type { FormState } from '../../../core/views/components.js';
import type { DbOrTx } from '../../../core/db/client.js';
import { findOrganizationsOfUser, organizationLabel } from '../../accounts/queries.js';
import { countryName, findActionLines, findCountries, findSdgs, findSuggestedSdgsForActionLines } from '../../reference/queries.js';
import { createEntry } from '../commands/create-entry.js';
import { type ContentError, type ImageChanges, inputOf } from '../commands/entry-content.js';
import { submitEntry } from '../commands/submit-entry.js';
import { updateEntry } from '../commands/update-entry.js';
import { IMAGE_MAX_BYTES, IMAGES_PER_ENTRY, processImage } from '../images/process.js';
import { findEntryImages, findImagesByIds, getImageFile } from '../images/queries.js';
import { getEntry } from '../queries.js';
import { findOpenCall } from '../moderation/queries.js';
import { formErrors, formValuesOf, parseEntryForm } from './inputs.js';
import { findOwnEntries, getEntryForOwner } from './queries.js';
import { type EntryFormChoices, EntryFormPage } from './views/EntryFormPage.js';
import { MyEntriesPage } from './views/MyEntriesPage.js';

const listOf = (form: FormState, name: string) => {
  const v = form.values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};

const signedIn = (req: FastifyRequest): Actor => {
  if (!isSignedIn(req.actor)) throw new Forbidden('stocktaking.entry.create', false);
  return req.actor;
};

/** Everything the form offers, and the matrix suggestions for the action lines chosen so far. */
const formChoices = async (db: DbOrTx, { actor, locale, form }: { actor: Actor; locale: Locale; form: FormState }): Promise<EntryFormChoices> => {
  const [lines, goals, countries, organizations] = await Promise.all([findActionLines(db), findSdgs(db), findCountries(db), findOrganizationsOfUser(db, actor.id)]);
  const known = new Set(lines.map((l) => l.code));
  const suggestions = await findSuggestedSdgsForActionLines(
    db,
    listOf(form, 'actionLines').filter((c) => known.has(c)),
  );
  const collator = new Intl.Collator(locale);
  return {
    actionLines: lines.map((l) => ({ code: l.code, parent: l.parent, short: l.short })),
    sdgs: goals.map((g) => ({ number: g.number, short: g.short })),
    countries: countries.map((c) => ({ code: c.code, name: countryName(c.code, locale) })).sort((a, b) => collator.compare(a.name, b.name)),
    organizations: organizations.map((o) => ({ id: o.id, name: organizationLabel(o) })),
    suggestions,
  };
};

/** SDGs chosen in the form that no chosen action line links to. */
const unlinkedOf = (form: FormState, choices: EntryFormChoices) => {
  const linked = new Set(choices.suggestions.map((s) => s.sdg));
  return listOf(form, 'sdgs')
    .map(Number)
    .filter((n) => Number.isInteger(n) && !linked.has(n))
    .sort((a, b) => a - b);
};

/** Form errors for a rule the command checked (unknown codes, organization, too many images). */
const commandErrors = (req: FastifyRequest, error: ContentError | { ok: false; error: 'too_many_images' }): Record<string, string> => {
  switch (error.error) {
    case 'unknown_codes':
      return Object.fromEntries(Object.entries(error.fields).map(([field, codes]) => [field, req.t('stocktaking.errors.unknown_code', { code: (codes ?? []).join(', ') })]));
    case 'organization_required':
      return { organizationId: req.t('stocktaking.errors.organization_required') };
    case 'unknown_organization':
      return { organizationId: req.t('stocktaking.errors.unknown_organization') };
    case 'too_many_images':
      return { image: req.t('stocktaking.errors.too_many_images', { max: IMAGES_PER_ENTRY }) };
  }
};

/** The uploaded image of the form, checked and re-encoded; an error message for the image field otherwise. */
const imageOf = async (req: FastifyRequest): Promise<{ ok: true; changes: ImageChanges } | { ok: false; error: string }> => {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const file = body.image;
  const remove = parseIds(formValues(body).removeImages);
  const alt = typeof body.imageAlt === 'string' ? body.imageAlt.slice(0, 300) : null;
  if (!isUploadedFile(file) || (file.size === 0 && !file.truncated)) return { ok: true, changes: { remove, alt } };
  const processed = await processImage(file);
  if (!processed.ok) {
    const size = new Intl.NumberFormat(req.locale, { style: 'unit', unit: 'megabyte' }).format(IMAGE_MAX_BYTES / 1024 / 1024);
    return { ok: false, error: req.t(`stocktaking.errors.${processed.error}`, { size }) };
  }
  return { ok: true, changes: { add: [processed.image], alt, remove } };
};

/** The entry form sends its image with the text: six images at most, each up to IMAGE_MAX_BYTES. */
const entryFormUploads = { files: IMAGES_PER_ENTRY, fileSize: IMAGE_MAX_BYTES };

export const submissionRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.platform.database;

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { form, entry, status = 200 }: { form: FormState; entry?: Awaited<ReturnType<typeof getEntryForOwner>>; status?: number },
  ) => {
    const actor = req.actor as Actor;
    const choices = await formChoices(db, { actor, locale: req.locale, form });
    const shown = entry ? await findImagesByIds(db, { entryId: entry.entry.id, ids: entry.content.imageIds ?? [] }) : [];
    // Rules other modules will apply to what is written here (the WSIS Prizes' word limits).
    const hints = await collectFormHints(app.platform.modules, db, { on: 'stocktaking.entry-form' });
    return reply.page(
      EntryFormPage({
        view: req.view(reply),
        form,
        choices,
        fieldHints: hints,
        unlinkedSdgs: unlinkedOf(form, choices),
        entry: entry
          ? {
              id: entry.entry.id,
              state: entry.entry.state,
              originalLanguage: entry.content.originalLanguage,
              languages: LOCALES.filter((l) => entry.content.title[l]),
              pendingRevision: entry.pendingRevision !== null,
              images: shown,
            }
          : undefined,
      }),
      status,
    );
  };

  const savedNotice = (req: FastifyRequest, reply: FastifyReply, { key, unlinkedSdgs }: { key: string; unlinkedSdgs: number[] }) => {
    reply.flash('notice', req.t(key));
    if (unlinkedSdgs.length > 0) {
      reply.flash(
        'warning',
        req.t('stocktaking.submission.unlinked_warning', { sdgs: new Intl.ListFormat(req.locale).format(unlinkedSdgs.map(String)), count: unlinkedSdgs.length }),
      );
    }
  };

  app.get('/stocktaking/mine', async (req, reply) => {
    const actor = signedIn(req);
    const [entries, call] = await Promise.all([findOwnEntries(db, actor), findOpenCall(db, new Date().toISOString().slice(0, 10))]);
    return reply.page(MyEntriesPage({ view: req.view(reply), entries, canCreate: can(actor, 'stocktaking.entry.create'), openCall: call }));
  });

  app.get('/stocktaking/new', async (req, reply) => {
    authorize(req.actor, 'stocktaking.entry.create');
    const organizations = await findOrganizationsOfUser(db, (req.actor as Actor).id);
    const only = organizations.length === 1 ? organizations[0] : undefined;
    return renderForm(req, reply, { form: { values: { language: req.locale, organizationId: only ? String(only.id) : undefined }, errors: {} } });
  });

  app.post('/stocktaking/new', { config: { multipart: entryFormUploads } }, async (req, reply) => {
    authorize(req.actor, 'stocktaking.entry.create');
    const actor = req.actor as Actor;
    const values = formValues(req.body);
    const form: FormState = { values, errors: {} };
    if (values.intent === 'suggest') return renderForm(req, reply, { form });
    const parsed = parseEntryForm(values, req.t);
    const image = await imageOf(req);
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...(image.ok ? {} : { image: image.error }) };
    if (!parsed.ok || !image.ok) return renderForm(req, reply, { form: { values, errors }, status: 422 });
    const result = await createEntry(db, { actor, input: parsed.input, images: image.changes, ip: req.ip });
    if (!result.ok) return renderForm(req, reply, { form: { values, errors: commandErrors(req, result) }, status: 422 });
    if (values.intent === 'submit') {
      await submitEntry(db, { actor, id: result.id, ip: req.ip });
      savedNotice(req, reply, { key: 'stocktaking.submission.submitted_notice', unlinkedSdgs: result.unlinkedSdgs });
    } else {
      savedNotice(req, reply, { key: 'stocktaking.submission.draft_saved', unlinkedSdgs: result.unlinkedSdgs });
    }
    return reply.seeOther(`/${req.locale}/stocktaking/${result.id}`);
  });

  /** The entry as its editor may change it, or the reason why not. */
  const editable = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const actor = signedIn(req);
    const entry = await getEntryForOwner(db, { actor, id: pathId(req.params.id) });
    if (!entry) throw notFound();
    if (!can(actor, 'stocktaking.entry.edit', entry.subject)) throw new Forbidden('stocktaking.entry.edit', true);
    if (entry.entry.state === 'submitted') throw conflict('stocktaking.errors.not_editable');
    return { actor, entry };
  };

  app.get<{ Params: { id: string }; Querystring: { language?: string } }>('/stocktaking/:id/edit', async (req, reply) => {
    const { entry } = await editable(req);
    const requested = (LOCALES as readonly string[]).includes(req.query.language ?? '') ? (req.query.language as Locale) : entry.content.originalLanguage;
    const values = formValuesOf(inputOf(entry.content, requested));
    return renderForm(req, reply, { form: { values, errors: {} }, entry });
  });

  app.post<{ Params: { id: string } }>('/stocktaking/:id/edit', { config: { multipart: entryFormUploads } }, async (req, reply) => {
    const { actor, entry } = await editable(req);
    const values = formValues(req.body);
    if (values.intent === 'suggest') return renderForm(req, reply, { form: { values, errors: {} }, entry });
    const parsed = parseEntryForm(values, req.t);
    const image = await imageOf(req);
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...(image.ok ? {} : { image: image.error }) };
    if (!parsed.ok || !image.ok) return renderForm(req, reply, { form: { values, errors }, entry, status: 422 });
    const result = await updateEntry(db, { actor, id: entry.entry.id, patch: parsed.input, images: image.changes, ip: req.ip });
    if (!result.ok) {
      switch (result.error) {
        case 'not_found':
          throw notFound();
        case 'forbidden':
          throw new Forbidden('stocktaking.entry.edit', true);
        case 'invalid_state':
          throw conflict('stocktaking.errors.not_editable');
        case 'invalid':
          return renderForm(req, reply, { form: { values, errors: formErrors(result.issues, req.t) }, entry, status: 422 });
        case 'too_many_images':
          return renderForm(req, reply, { form: { values, errors: commandErrors(req, { ok: false, error: 'too_many_images' }) }, entry, status: 422 });
        default:
          return renderForm(req, reply, { form: { values, errors: commandErrors(req, result) }, entry, status: 422 });
      }
    }
    if (values.intent === 'submit' && (result.state === 'draft' || result.state === 'returned')) {
      await submitEntry(db, { actor, id: result.id, ip: req.ip });
      savedNotice(req, reply, { key: 'stocktaking.submission.submitted_notice', unlinkedSdgs: result.unlinkedSdgs });
    } else {
      savedNotice(req, reply, {
        key: result.revisionId ? 'stocktaking.submission.revision_saved' : 'stocktaking.submission.draft_saved',
        unlinkedSdgs: result.unlinkedSdgs,
      });
    }
    return reply.seeOther(`/${req.locale}/stocktaking/${result.id}`);
  });

  app.post<{ Params: { id: string } }>('/stocktaking/:id/submit', async (req, reply) => {
    const actor = signedIn(req);
    const result = await submitEntry(db, { actor, id: pathId(req.params.id), ip: req.ip });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      if (result.error === 'forbidden') throw new Forbidden('stocktaking.entry.submit', true);
      throw conflict('stocktaking.errors.not_submittable');
    }
    reply.flash('notice', req.t('stocktaking.submission.submitted_notice'));
    return reply.seeOther(`/${req.locale}/stocktaking/mine`);
  });

  // The images an entry shows: public once the version that shows them is published (an image
  // removed by a pending revision stays public until the revision is accepted). Only its owners,
  // the moderators and administrators see those of a draft or of a pending revision: a reader of
  // the published entry does not. Anything else is 404, as for an id that does not exist.
  app.get<{ Params: { imageId: string } }>('/stocktaking/images/:imageId', async (req, reply) => {
    const id = pathId(req.params.imageId);
    const file = await getImageFile(db, id);
    if (!file) throw notFound();
    const shownPublicly = (await isEntryPublished(db, file.entryId)) && (await findEntryImages(db, file.entryId)).some((i) => i.id === id);
    if (!shownPublicly) {
      const owned = isSignedIn(req.actor) ? await getEntryForOwner(db, { actor: req.actor, id: file.entryId }) : null;
      if (!owned || !can(req.actor, 'stocktaking.entry.view_unpublished', owned.subject)) throw notFound();
      if (!(owned.content.imageIds.includes(id) || owned.entry.imageIds.includes(id))) throw notFound();
    }
    reply.header('Cache-Control', shownPublicly ? 'public, max-age=86400' : 'private, no-store');
    reply.header('Content-Disposition', 'inline');
    return reply.type(file.mimeType).send(file.data);
  });
};

const isEntryPublished = async (db: DbOrTx, id: number) => {
  try {
    await getEntry(db, { actor: null, id });
    return true;
  } catch {
    return false;
  }
};

/**
 * Meetings' management folder: the public list and page of meetings (follow, contribute link,
 * the register's documents section), the secretariat's pages (meeting form and status, agenda,
 * summary and decisions) and the read API. Plain POST forms answered by a redirect, or by the
 * form again with what was typed and the errors beside the fields.
 */
import { documentOut } from '../register/api-schema.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formValue, formValues } from '../../../core/http/forms.js';
import { pathId } from '../../../core/http/params.js';
import { HttpError, notFound } from '../../../core/http/problems.js';
import { LOCALES } from '../../../core/i18n/locales.js';
import { timeZones } from '../../../core/i18n/time-zones.js';
import { localizeWithLocale } from '../../../core/i18n/translate.js';
import { type Actor, authorize, can, isVerified } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { findActionLines } from '../../reference/queries.js';
import { findMeetingById, findMeetingByGroupAndNumber, isMeetingVisibleTo, type MeetingWithGroup, meetingPath } from '../queries.js';
import { findMeetingDocumentsForApi } from '../register/queries.js';
import { loadMeetingDocumentsSection } from '../register/views/MeetingDocumentsSection.js';
import { MEETING_ACCESS, MEETING_STATUSES } from '../tables.js';
import { changeMeetingStatus } from './commands/change-meeting-status.js';
import { moveAgendaItem, saveAgendaItem } from './commands/edit-agenda.js';
import { followMeeting } from './commands/follow-meeting.js';
import { saveDecision } from './commands/save-decision.js';
import { createMeeting, nextMeetingNumber, updateMeeting } from './commands/save-meeting.js';
import { agendaItemFromForm, DEFAULT_TIME_ZONE, decisionFromForm, meetingFilters, meetingFormValues, meetingFromForm } from './inputs.js';
import { findAgenda, findCitableDocuments, findDecisions, findGroups, findManagedMeetings, findMeetings, isFollowing, isPast } from './queries.js';
import { isTransition, transitionsFrom } from './rules.js';
import { AgendaPage, ManageMeetingsPage, MeetingFormPage, SummaryPage } from './views/AdminPages.js';
import { MeetingPage } from './views/MeetingPage.js';
import { type MeetingsByGroup, MeetingsPage } from './views/MeetingsPage.js';

const manager = (req: FastifyRequest): Actor => {
  authorize(req.actor, 'meetings.meeting.manage');
  return req.actor as Actor;
};
const translated = (req: FastifyRequest, errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, req.t(key)]));

/** The meeting of a page's path (group code, number), or 404: unknown, a number that is not a number, or not visible to the reader. */
const visibleMeeting = async (req: FastifyRequest, { group, number }: { group: string; number: string }) => {
  if (!/^[1-9]\d{0,5}$/.test(number) || group.length > 100) throw notFound();
  const meeting = await findMeetingByGroupAndNumber(req.server.platform.database.db, { group, number: Number(number) });
  if (!meeting || !isMeetingVisibleTo(meeting, req.actor)) throw notFound();
  return meeting;
};

type MeetingParams = { Params: { group: string; number: string } };

/** Public pages: the list of meetings by group and one meeting's page; following a meeting. */
export const managementRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;

  app.get('/meetings', async (req, reply) => {
    const now = new Date();
    const all = await findMeetings(db, { actor: req.actor });
    const groups = new Map<string, MeetingsByGroup>();
    for (const m of all) {
      const g = groups.get(m.groupCode) ?? { code: m.groupCode, name: m.groupName, upcoming: [], past: [] };
      (isPast(m, now) ? g.past : g.upcoming).push(m);
      groups.set(m.groupCode, g);
    }
    for (const g of groups.values()) g.past.reverse();
    return reply.page(MeetingsPage({ view: req.view(reply), groups: [...groups.values()] }));
  });

  app.get<MeetingParams & { Querystring: Record<string, unknown> }>('/meetings/:group/:number', async (req, reply) => {
    const meeting = await visibleMeeting(req, req.params);
    const query = req.query ?? {};
    const filter = (name: string) => (typeof query[name] === 'string' && (query[name] as string).length <= 100 ? (query[name] as string) : undefined);
    const [agenda, decisions, documents, following] = await Promise.all([
      findAgenda(db, meeting.id),
      findDecisions(db, meeting.id),
      loadMeetingDocumentsSection(db, {
        meetingId: meeting.id,
        locale: req.locale,
        actor: req.actor,
        filters: { kind: filter('kind'), source: filter('source'), item: filter('item') },
      }),
      isVerified(req.actor) && req.actor ? isFollowing(db, { meetingId: meeting.id, userId: req.actor.id }) : Promise.resolve(null),
    ]);
    return reply.page(
      MeetingPage({
        view: req.view(reply),
        meeting,
        agenda,
        decisions,
        documents,
        deadlinePassed: meeting.contributionsDeadline <= new Date(),
        following: can(req.actor, 'meetings.meeting.follow') ? following : null,
        canManage: can(req.actor, 'meetings.meeting.manage'),
      }),
    );
  });

  for (const follow of [true, false])
    app.post<MeetingParams>(`/meetings/:group/:number/${follow ? 'follow' : 'unfollow'}`, async (req, reply) => {
      authorize(req.actor, 'meetings.meeting.follow');
      const meeting = await visibleMeeting(req, req.params);
      await followMeeting(db, { actor: req.actor as Actor, meetingId: meeting.id, follow });
      reply.flash('notice', req.t(follow ? 'meetings.management.followed' : 'meetings.management.unfollowed'));
      return reply.seeOther(`/${req.locale}${meetingPath(meeting)}`);
    });
};

/** The secretariat's pages: meetings (form, status), agenda, summary. */
export const managementAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const zones = timeZones();

  const managedMeeting = async (raw: string) => {
    const meeting = await findMeetingById(db, pathId(raw));
    if (!meeting) throw notFound();
    return meeting;
  };

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { meeting, form, status, code = 200 }: { meeting: MeetingWithGroup | null; form: FormState; status?: FormState; code?: number },
  ) => {
    const [groups, lines] = await Promise.all([findGroups(db), findActionLines(db)]);
    return reply.page(
      MeetingFormPage({
        view: req.view(reply),
        meeting,
        form,
        status,
        transitions: meeting ? transitionsFrom(meeting.status) : [],
        groups,
        timeZones: zones,
        actionLines: lines.map((l) => ({ code: l.code, title: localizeWithLocale(l.title, req.locale).text })),
      }),
      code,
    );
  };

  app.get('/meetings', async (req, reply) => {
    manager(req);
    return reply.page(ManageMeetingsPage({ view: req.view(reply), meetings: await findManagedMeetings(db) }));
  });

  app.get('/meetings/new', async (req, reply) => {
    manager(req);
    const [group] = await findGroups(db);
    const day = 86_400_000;
    // A suggestion: the group's next number, six weeks from now, 09:30 to 17:30 in Geneva.
    const date = new Date(Date.now() + 42 * day).toISOString().slice(0, 10);
    return renderForm(req, reply, {
      meeting: null,
      form: emptyForm({
        groupId: group ? String(group.id) : '',
        number: group ? String(await nextMeetingNumber(db, group.id)) : '1',
        timeZone: DEFAULT_TIME_ZONE,
        startsAt: `${date}T09:30`,
        endsAt: `${date}T17:30`,
        access: 'public',
      }),
    });
  });

  app.post('/meetings', async (req, reply) => {
    const actor = manager(req);
    const values = formValues(req.body);
    const parsed = meetingFromForm(values);
    if (!parsed.ok) return renderForm(req, reply, { meeting: null, form: { values, errors: translated(req, parsed.errors) }, code: 400 });
    const result = await createMeeting(db, { actor, input: parsed.input, ip: req.ip });
    if (!result.ok) return renderForm(req, reply, { meeting: null, form: { values, errors: { [result.field]: req.t(`meetings.management.errors.${result.error}`) } }, code: 400 });
    reply.flash('notice', req.t('meetings.management.created'));
    return reply.seeOther(`/${req.locale}/admin/meetings/${result.id}/agenda`);
  });

  app.get<{ Params: { id: string } }>('/meetings/:id', async (req, reply) => {
    manager(req);
    const meeting = await managedMeeting(req.params.id);
    return renderForm(req, reply, { meeting, form: emptyForm(meetingFormValues(meeting)) });
  });

  app.post<{ Params: { id: string } }>('/meetings/:id', async (req, reply) => {
    const actor = manager(req);
    const meeting = await managedMeeting(req.params.id);
    const values = formValues(req.body);
    const parsed = meetingFromForm(values);
    if (!parsed.ok) return renderForm(req, reply, { meeting, form: { values, errors: translated(req, parsed.errors) }, code: 400 });
    const result = await updateMeeting(db, { actor, id: meeting.id, input: parsed.input, ip: req.ip });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      return renderForm(req, reply, { meeting, form: { values, errors: { [result.field]: req.t(`meetings.management.errors.${result.error}`) } }, code: 400 });
    }
    reply.flash('notice', req.t('meetings.management.saved'));
    return reply.seeOther(`/${req.locale}/admin/meetings/${meeting.id}`);
  });

  app.post<{ Params: { id: string } }>('/meetings/:id/status', async (req, reply) => {
    const actor = manager(req);
    const meeting = await managedMeeting(req.params.id);
    const values = formValues(req.body);
    const transition = formValue(values, 'transition');
    const again = (message: string, code: number) =>
      renderForm(req, reply, { meeting, form: emptyForm(meetingFormValues(meeting)), status: { values, errors: { confirm: message } }, code });
    if (!isTransition(transition)) return again(req.t('meetings.management.errors.wrong_status'), 400);
    if (formValue(values, 'confirm') !== 'yes') return again(req.t('meetings.management.errors.confirm'), 400);
    const result = await changeMeetingStatus(db, { actor, id: meeting.id, transition, ip: req.ip });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      return again(req.t('meetings.management.errors.wrong_status'), 409);
    }
    reply.flash('notice', req.t('meetings.management.status_changed', { status: req.t(`meetings.management.status_${result.status}`) }));
    return reply.seeOther(`/${req.locale}/admin/meetings/${meeting.id}`);
  });

  // The agenda.
  const itemValues = (i: { number: string; title: Record<string, string | undefined> }) => ({
    number: i.number,
    ...Object.fromEntries(LOCALES.map((l) => [`title.${l}`, i.title[l] ?? ''])),
  });
  const renderAgenda = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { meeting, forms = {}, code = 200 }: { meeting: MeetingWithGroup; forms?: Record<string, FormState>; code?: number },
  ) => {
    const agenda = await findAgenda(db, meeting.id);
    const saved = Object.fromEntries(agenda.map((i) => [`item-${i.id}`, emptyForm(itemValues(i))]));
    return reply.page(AgendaPage({ view: req.view(reply), meeting, agenda, forms: { ...saved, ...forms } }), code);
  };

  app.get<{ Params: { id: string } }>('/meetings/:id/agenda', async (req, reply) => {
    manager(req);
    return renderAgenda(req, reply, { meeting: await managedMeeting(req.params.id) });
  });

  const saveItem = async (req: FastifyRequest, reply: FastifyReply, { meetingId, itemId }: { meetingId: string; itemId?: string }) => {
    const actor = manager(req);
    const meeting = await managedMeeting(meetingId);
    const id = itemId === undefined ? undefined : pathId(itemId);
    const scope = id ? `item-${id}` : 'new-item';
    const values = formValues(req.body);
    const parsed = agendaItemFromForm(values);
    if (!parsed.ok) return renderAgenda(req, reply, { meeting, forms: { [scope]: { values, errors: translated(req, parsed.errors) } }, code: 400 });
    const result = await saveAgendaItem(db, { actor, meetingId: meeting.id, itemId: id, number: parsed.number, title: parsed.title, ip: req.ip });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      return renderAgenda(req, reply, { meeting, forms: { [scope]: { values, errors: { number: req.t(`meetings.management.errors.${result.error}`) } } }, code: 400 });
    }
    reply.flash('notice', req.t('meetings.management.item_saved'));
    return reply.seeOther(`/${req.locale}/admin/meetings/${meeting.id}/agenda#item-${result.id}`);
  };
  app.post<{ Params: { id: string } }>('/meetings/:id/agenda', async (req, reply) => saveItem(req, reply, { meetingId: req.params.id }));
  app.post<{ Params: { id: string; item: string } }>('/meetings/:id/agenda/:item', async (req, reply) =>
    saveItem(req, reply, { meetingId: req.params.id, itemId: req.params.item }),
  );
  app.post<{ Params: { id: string; item: string } }>('/meetings/:id/agenda/:item/move', async (req, reply) => {
    const actor = manager(req);
    const meeting = await managedMeeting(req.params.id);
    const direction = formValue(formValues(req.body), 'direction') === 'up' ? 'up' : 'down';
    const result = await moveAgendaItem(db, { actor, meetingId: meeting.id, itemId: pathId(req.params.item), direction, ip: req.ip });
    if (!result.ok) throw notFound();
    reply.flash('notice', req.t('meetings.management.item_moved'));
    return reply.seeOther(`/${req.locale}/admin/meetings/${meeting.id}/agenda#item-${result.id}`);
  });

  // The summary: decisions.
  const renderSummary = async (
    req: FastifyRequest,
    reply: FastifyReply,
    { meeting, forms = {}, code = 200 }: { meeting: MeetingWithGroup; forms?: Record<string, FormState>; code?: number },
  ) => {
    const [agenda, decisions, documents] = await Promise.all([findAgenda(db, meeting.id), findDecisions(db, meeting.id), findCitableDocuments(db, meeting.id)]);
    const saved = Object.fromEntries(
      decisions.map((d) => [
        `decision-${d.id}`,
        emptyForm({
          number: String(d.number),
          agendaItemId: d.agendaItemId ? String(d.agendaItemId) : '',
          documentIds: d.documents.map((x) => String(x.id)),
          ...Object.fromEntries(LOCALES.map((l) => [`text.${l}`, d.text[l] ?? ''])),
        }),
      ]),
    );
    const next = { 'new-decision': emptyForm({ number: String(Math.max(0, ...decisions.map((d) => d.number)) + 1) }) };
    return reply.page(SummaryPage({ view: req.view(reply), meeting, agenda, decisions, documents, forms: { ...saved, ...next, ...forms } }), code);
  };

  app.get<{ Params: { id: string } }>('/meetings/:id/summary', async (req, reply) => {
    manager(req);
    return renderSummary(req, reply, { meeting: await managedMeeting(req.params.id) });
  });

  const saveDecisionRoute = async (req: FastifyRequest, reply: FastifyReply, { meetingId, decisionId }: { meetingId: string; decisionId?: string }) => {
    const actor = manager(req);
    const meeting = await managedMeeting(meetingId);
    const id = decisionId === undefined ? undefined : pathId(decisionId);
    const scope = id ? `decision-${id}` : 'new-decision';
    const values = formValues(req.body);
    const parsed = decisionFromForm(values);
    if (!parsed.ok) return renderSummary(req, reply, { meeting, forms: { [scope]: { values, errors: translated(req, parsed.errors) } }, code: 400 });
    const result = await saveDecision(db, { actor, meetingId: meeting.id, decisionId: id, ...parsed, ip: req.ip });
    if (!result.ok) {
      if (result.error === 'not_found') throw notFound();
      return renderSummary(req, reply, { meeting, forms: { [scope]: { values, errors: { [result.field]: req.t(`meetings.management.errors.${result.error}`) } } }, code: 400 });
    }
    reply.flash('notice', req.t('meetings.management.decision_saved'));
    return reply.seeOther(`/${req.locale}/admin/meetings/${meeting.id}/summary`);
  };
  app.post<{ Params: { id: string } }>('/meetings/:id/decisions', async (req, reply) => saveDecisionRoute(req, reply, { meetingId: req.params.id }));
  app.post<{ Params: { id: string; decision: string } }>('/meetings/:id/decisions/:decision', async (req, reply) =>
    saveDecisionRoute(req, reply, { meetingId: req.params.id, decisionId: req.params.decision }),
  );
};

// The read API.
const localized = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().optional()])) as Record<(typeof LOCALES)[number], z.ZodOptional<z.ZodString>>);
const meetingOut = z.object({
  group: z.string().meta({ example: 'CWG-WSIS&SDG' }),
  number: z.number().int().meta({ example: 41 }),
  title: localized.meta({ example: { en: '41st meeting of the CWG-WSIS&SDG', fr: '41e réunion du GTC-SMSI&ODD' } }),
  status: z.enum(MEETING_STATUSES),
  access: z.enum(MEETING_ACCESS),
  startsAt: z.string().meta({ example: '2027-03-22T08:30:00.000Z' }),
  endsAt: z.string().meta({ example: '2027-03-23T16:30:00.000Z' }),
  timeZone: z.string().meta({ example: 'Europe/Zurich' }),
  place: localized,
  onlineUrl: z.string().nullable(),
  chair: z.string().nullable(),
  viceChairs: z.array(z.string()),
  contributionsDeadline: z.string().meta({ example: '2027-03-10T22:59:00.000Z' }),
  actionLines: z.array(z.string()).meta({ example: ['C1', 'C7.e-health'] }),
  sequence: z.number().int().describe('Increases with every change calendars show (iCalendar SEQUENCE)'),
  updatedAt: z.string(),
  url: z.string().describe('The meeting’s page (English; replace /en/ by another language code)'),
});
const detailOut = meetingOut.extend({
  agenda: z.array(z.object({ number: z.string().meta({ example: '2.1' }), title: localized })),
  decisions: z.array(
    z.object({ number: z.number().int(), text: localized, agendaItem: z.string().nullable(), documents: z.array(z.string()).describe('Symbols of the documents it discussed') }),
  ),
  documents: z.array(documentOut),
});

const meetingJson = (m: MeetingWithGroup) => ({
  group: m.groupCode,
  number: m.number,
  title: m.title,
  status: m.status,
  access: m.access,
  startsAt: m.startsAt.toISOString(),
  endsAt: m.endsAt.toISOString(),
  timeZone: m.timeZone,
  place: m.place,
  onlineUrl: m.onlineUrl,
  chair: m.chair,
  viceChairs: m.viceChairs,
  contributionsDeadline: m.contributionsDeadline.toISOString(),
  actionLines: m.actionLines,
  sequence: m.sequence,
  updatedAt: m.updatedAt.toISOString(),
  url: `/en${meetingPath(m)}`,
});

/** GET /api/v1/meetings, GET /api/v1/meetings/{group}/{number}. */
export const managementApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.platform.database.db;
  app.get(
    '/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Meetings (CWG-WSIS&SDG and other groups) by start, filtered by group, a range of days and status; members-only meetings for members',
        querystring: meetingFilters,
        response: { 200: z.object({ items: z.array(meetingOut) }) },
      },
    },
    async (req) => {
      const { from, to } = req.query;
      if (from && to && to < from)
        throw new HttpError(400, 'core.errors.validation_title', 'meetings.management.errors.range', undefined, [
          { pointer: '/to', detailKey: 'meetings.management.errors.range' },
        ]);
      return { items: (await findMeetings(db, { actor: req.actor, filters: req.query })).map(meetingJson) };
    },
  );
  app.get(
    '/meetings/:group/:number',
    {
      schema: {
        tags: ['meetings'],
        summary: 'One meeting with its agenda, decisions and documents (the group code URL-encoded: CWG-WSIS%26SDG)',
        params: z.object({
          group: z.string().max(100).meta({ example: 'CWG-WSIS&SDG' }),
          number: z
            .string()
            .regex(/^[1-9]\d{0,5}$/)
            .meta({ example: '41' }),
        }),
        response: { 200: detailOut },
      },
    },
    async (req) => {
      const meeting = await findMeetingByGroupAndNumber(db, { group: req.params.group, number: Number(req.params.number) });
      if (!meeting || !isMeetingVisibleTo(meeting, req.actor)) throw notFound();
      const [agenda, decisions, documents] = await Promise.all([findAgenda(db, meeting.id), findDecisions(db, meeting.id), findMeetingDocumentsForApi(db, meeting.id)]);
      const items = new Map(agenda.map((i) => [i.id, i.number]));
      return {
        ...meetingJson(meeting),
        agenda: agenda.map((i) => ({ number: i.number, title: i.title })),
        decisions: decisions.map((d) => ({
          number: d.number,
          text: d.text,
          agendaItem: d.agendaItemId ? (items.get(d.agendaItemId) ?? null) : null,
          documents: d.documents.map((x) => x.symbol),
        })),
        documents,
      };
    },
  );
};

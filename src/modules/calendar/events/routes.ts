/**
 * The secretariat's pages for the calendar's own dates (ability calendar.event.manage): list,
 * create, edit, cancel and restore. Plain POST forms answered by a redirect, or the form again
 * with its values and the errors beside the fields.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { CALENDAR_KINDS } from '../../../core/contributions.js';
import { formValues } from '../../../core/http/forms.js';
import { pathId } from '../../../core/http/params.js';
import { notFound } from '../../../core/http/problems.js';
import { LOCALES } from '../../../core/i18n/locales.js';
import { localizeWithLocale, translator } from '../../../core/i18n/translate.js';
import { type Actor, authorize } from '../../../core/permissions/index.js';
import { emptyForm, type FormState } from '../../../core/views/components.js';
import { findActionLines } from '../../reference/queries.js';
import { timeZones } from '../dates.js';
import { type CalendarEvent, findAllEvents, findEvent } from '../queries.js';
import { createEvent, updateEvent } from './commands/save-event.js';
import { eventFormValues, eventFromForm } from './inputs.js';
import { EventFormPage, EventListPage, REPORT_TEMPLATES, type ReportTemplate } from './views/EventPages.js';

const manager = (req: FastifyRequest): Actor => {
  authorize(req.actor, 'calendar.event.manage');
  return req.actor as Actor;
};

const ACTION_LINE = /^C(?:[1-9]|1[01])$/;
const DEFAULT_ZONE = 'Europe/Zurich';

export const eventsRoutes: FastifyPluginAsync = async () => {};
export const eventsApiRoutes: FastifyPluginAsync = async () => {};

export const eventsAdminRoutes: FastifyPluginAsync = async (app) => {
  const db = app.platform.database.db;
  const zones = timeZones();

  app.get('/calendar', async (req, reply) => {
    manager(req);
    const when = (e: CalendarEvent) => {
      const format = new Intl.DateTimeFormat(
        req.locale,
        e.allDay ? { dateStyle: 'medium', timeZone: e.timeZone } : { dateStyle: 'medium', timeStyle: 'short', timeZone: e.timeZone },
      );
      const end = e.endsAt ? (e.allDay ? new Date(e.endsAt.getTime() - 1) : e.endsAt) : null;
      return `${end ? format.formatRange(e.startsAt, end) : format.format(e.startsAt)}${e.allDay ? '' : ` (${e.timeZone})`}`;
    };
    return reply.page(EventListPage({ view: req.view(reply), events: await findAllEvents(db), when }));
  });

  const render = async (req: FastifyRequest, reply: FastifyReply, { event, form, status = 200 }: { event: CalendarEvent | null; form: FormState; status?: number }) => {
    const lines = await findActionLines(db);
    return reply.page(
      EventFormPage({
        view: req.view(reply),
        event,
        form,
        kinds: CALENDAR_KINDS,
        timeZones: zones,
        actionLines: lines.filter((l) => ACTION_LINE.test(l.code)).map((l) => ({ code: l.code, title: localizeWithLocale(l.title, req.locale).text })),
      }),
      status,
    );
  };
  const translated = (req: FastifyRequest, errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, req.t(key)]));

  app.get<{ Querystring: { template?: string } }>('/calendar/events/new', async (req, reply) => {
    manager(req);
    const template = REPORT_TEMPLATES.includes(req.query.template as ReportTemplate) ? (req.query.template as ReportTemplate) : null;
    // A report deadline of the resolution: its title in the six languages, the date left to the secretariat.
    const titles = template ? Object.fromEntries(LOCALES.map((l) => [`title.${l}`, translator(l)(`calendar.events.template_${template}`)])) : {};
    return render(req, reply, { event: null, form: emptyForm({ kind: template ? 'report' : 'forum', allDay: 'yes', timeZone: DEFAULT_ZONE, ...titles }) });
  });

  app.post('/calendar/events', async (req, reply) => {
    const actor = manager(req);
    const values = formValues(req.body);
    const parsed = eventFromForm(values);
    if (!parsed.ok) return render(req, reply, { event: null, form: { values, errors: translated(req, parsed.errors) }, status: 400 });
    await createEvent(db, { actor, input: parsed.input, ip: req.ip });
    reply.flash('notice', req.t('calendar.events.created'));
    return reply.seeOther(`/${req.locale}/admin/calendar`);
  });

  const load = async (raw: string) => {
    const event = await findEvent(db, pathId(raw));
    if (!event) throw notFound();
    return event;
  };

  app.get<{ Params: { id: string } }>('/calendar/events/:id', async (req, reply) => {
    manager(req);
    const event = await load(req.params.id);
    return render(req, reply, { event, form: emptyForm(eventFormValues(event)) });
  });

  app.post<{ Params: { id: string } }>('/calendar/events/:id', async (req, reply) => {
    const actor = manager(req);
    const event = await load(req.params.id);
    const values = formValues(req.body);
    const parsed = eventFromForm(values);
    if (!parsed.ok) return render(req, reply, { event, form: { values, errors: translated(req, parsed.errors) }, status: 400 });
    const result = await updateEvent(db, { actor, id: event.id, input: parsed.input, ip: req.ip });
    if (!result.ok) throw notFound();
    reply.flash('notice', req.t('calendar.events.saved'));
    return reply.seeOther(`/${req.locale}/admin/calendar/events/${event.id}`);
  });

  for (const [verb, cancelled] of [
    ['cancel', true],
    ['restore', false],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/calendar/events/:id/${verb}`, async (req, reply) => {
      const actor = manager(req);
      const event = await load(req.params.id);
      const result = await updateEvent(db, { actor, id: event.id, cancelled, ip: req.ip });
      if (!result.ok) throw notFound();
      reply.flash('notice', req.t(cancelled ? 'calendar.events.cancelled' : 'calendar.events.restored'));
      return reply.seeOther(`/${req.locale}/admin/calendar/events/${event.id}`);
    });
  }
};

/**
 * Contributions: what a module adds to another module's pages or data, declared in its manifest
 * (`contributes` in module.ts) and collected here by kind. The module that shows them asks the
 * core (`collectBadges(platform.modules, …)`), never the contributing module, so no module imports
 * another to decorate its pages. docs/ARCHITECTURE.md lists the kinds and who gives and reads each.
 */
import type { Db, DbOrTx } from './db/client.js';
import type { ReportSectionArgs, ReportSectionResult } from './reports/document.js';
import type { Locale } from './i18n/locales.js';
import type { PlatformModule } from './module.js';
import type { FileStore } from './storage/files.js';
import type { NotificationParams } from './notifications/tables.js';
import type { Actor, Role } from './permissions/index.js';

/** What a contributed item says: a message key of the contributing module's catalog and its values. */
export type ContributedLabel = { key: string; values?: Record<string, string | number> };

/** Open data passed through unchanged to the API of the module that shows it. */
export type ContributedData = Record<string, string | number | boolean | null>;

/** A mark on an item of another module: a prize an entry won. */
export type Badge = {
  /** Short machine name, unique within the contributing module ('winner'). */
  kind: string;
  label: ContributedLabel;
  /** Open data of the badge ({ year, category }), shown in the API beside `kind`. */
  data: ContributedData;
};

/** Badges on the items of one kind (`on`: `<module>.<noun>` of the module that shows them, e.g. 'stocktaking.entry'). */
export type BadgeContribution = {
  on: string;
  /** The badges of each item id, in the order to show them (items without any are absent). */
  find: (db: DbOrTx, ids: number[]) => Promise<Map<number, Badge[]>>;
};

/** The item an action is offered on, as the module that shows it describes it. */
export type ActionSubject = { id: number; state: string };

/** An action another module offers on an item's page (nominate an entry for a prize): a link, with an optional line of explanation. */
export type ItemAction = {
  /** Stable within the contributing module ('nominate.2026'). */
  id: string;
  label: ContributedLabel;
  /** Page of the action, without the locale prefix ('/prizes/2026/nominate?entryId=4'). */
  href: string;
  hint?: ContributedLabel;
};

/**
 * Actions on the items of one kind (`on`: 'stocktaking.entry'), offered to the item's owners (the
 * module that shows them decides who owns it and asks only for them; the contribution may still
 * check its own abilities with `actor`).
 */
export type ItemActionContribution = {
  on: string;
  find: (db: DbOrTx, args: { item: ActionSubject; actor: Actor }) => Promise<ItemAction[]>;
};

/**
 * Rules another module will apply later to what a form writes, shown beside the form's field
 * while it is written (an edition's word limits for an entry's summary). `on`: '<module>.<form>'.
 */
export type FormHintContribution = {
  on: string;
  /** The hints of each field name of the form. */
  find: (db: DbOrTx) => Promise<{ field: string; label: ContributedLabel }[]>;
};

/** What a date of the calendar is, for its filters and its colour ('meeting': a CWG meeting; 'deadline': contributions due…). */
export const CALENDAR_KINDS = ['meeting', 'deadline', 'consultation', 'prize', 'forum', 'observance', 'report'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** A text given in several languages (a meeting's title), shown in the reader's or, failing that, in another. */
export type LocalizedValue = Partial<Record<Locale, string>>;

/** A date or period for the calendar: a phase of a prize edition, a meeting, a deadline. */
export type CalendarDate = {
  /**
   * Stable within the contributing module ('2026.voting', 'CWG-WSIS&SDG-41'): with the module's id
   * it makes the event's iCalendar UID, so a subscribed calendar updates the event instead of adding another.
   */
  id: string;
  /** Its title: a message key of the contributing module, whose values may be texts in several languages. */
  label: { key: string; values?: Record<string, string | number | LocalizedValue> };
  /** UTC instants; `end` is exclusive, null for a single moment. */
  start: Date;
  end: Date | null;
  /** Page about it, without the locale prefix ('/prizes/2026'). */
  href: string;
  /** What it is (default 'deadline' for a moment, 'prize' … as the module says); filters the calendar. */
  kind?: CalendarKind;
  /** Whole days: `start` and `end` are midnights in `timeZone` (a day of observance, a forum's week). */
  allDay?: boolean;
  /** IANA time zone of the place (a meeting in Geneva: 'Europe/Zurich'); UTC when absent. */
  timeZone?: string;
  /** A cancelled date stays in the feeds, marked cancelled, so subscribed calendars remove it. */
  status?: 'confirmed' | 'tentative' | 'cancelled';
  /** Increases each time the date changes (iCalendar SEQUENCE); from `updatedAt` when absent. */
  sequence?: number;
  updatedAt?: Date;
  /** The group it belongs to ('CWG-WSIS&SDG'), for the feeds filtered by group. */
  group?: string;
  /** Action line codes it concerns (C1…C11), for the feeds filtered by action line. */
  actionLines?: string[];
  /** Where: a place's name or 'online' (free text of the contributing module, in several languages). */
  location?: LocalizedValue;
};

/** Dates of a module for the calendar, those overlapping [from, to). */
export type CalendarContribution = {
  find: (db: DbOrTx, range: { from: Date; to: Date }) => Promise<CalendarDate[]>;
  /**
   * A cheap fingerprint of everything `find` reads (`tableFingerprint(db, [tables])`): the same
   * string means `find` would answer the same for the same range. When every contribution gives
   * one, the calendar keeps built feeds in memory until one changes; without it, it builds each time.
   */
  version?: (db: DbOrTx) => Promise<string>;
};

/**
 * An option a template may set on a section (which figures, which action lines): shown by the
 * template editor, checked when the template is saved. `choices` are the allowed values with their
 * labels; `reference` takes codes of the reference data instead (action lines 'C2', SDG numbers '6').
 */
export type ReportSectionOption = {
  name: string;
  label: ContributedLabel;
  choices?: { value: string; label: ContributedLabel }[];
  reference?: 'action-lines' | 'sdgs';
  /** Values when the template gives none (all choices when absent). */
  default?: string[];
};

/**
 * A module's part of the reports (the reports module's templates name it by `id`): `build` gives
 * its blocks (core/reports/document.ts) for a period, a cut-off and a language, reading only the
 * module's own data as it stood at `asOf`. Called once per language; the reports module keeps the
 * blocks of a final report as its snapshot, so a frozen report never calls `build` again.
 */
export type ReportSectionContribution = {
  /** `<module>.<section>` ('stocktaking.figures'). */
  id: string;
  title: ContributedLabel;
  options?: ReportSectionOption[];
  build: (db: DbOrTx, args: ReportSectionArgs) => Promise<ReportSectionResult>;
};

/**
 * An event a person is notified of (a new submission to moderate, a receipt). The module declares
 * it in its manifest and passes the same object to `notify()` (core/notifications/notify.ts) in the
 * transaction of the change; the core keeps the notification, shows it in the person's list and
 * mails it in their language.
 */
export type NotificationEventContribution = {
  /** `<module>.<event>`, stored with each notification ('stocktaking.entry_submitted'). */
  event: string;
  /** What the event is, for the person choosing what they hear of (a message key of the module). */
  label: ContributedLabel;
  /**
   * Who receives it: every active holder of one of these roles, or the people the emitting
   * command names (`to`: the submitter of a receipt, the assigned expert).
   */
  recipients: { roles: Role[] } | 'named';
  /**
   * The sentence shown in the list and used as the e-mail's subject: a message key of the
   * module's catalog, formatted with the notification's params (a params value in several
   * languages is given in the reader's).
   */
  message: string;
  /**
   * For a reminder (a deadline coming): the notifications due at `now`, checked every hour by
   * each server (core/notifications/notify.ts, sendDueNotifications). Each has a `key`: a person
   * gets one notification per event and key, however often it is found due.
   */
  due?: (db: DbOrTx, args: { now: Date }) => Promise<DueNotification[]>;
};

/** A reminder found due: to whom, the message's values, the page of the work, and its key ('2026:4'). */
export type DueNotification = { to: number[]; params: NotificationParams; link: string; key: string };

/** Documents for the platform-wide search (a page per item, its text per language). Not read yet. */
export type SearchDocumentContribution = {
  find: (db: DbOrTx, args: { changedSince: Date | null }) => Promise<{ id: string; href: string; title: Partial<Record<Locale, string>>; text: Partial<Record<Locale, string>> }[]>;
};

/**
 * Work a module has done in the background, on the core's job runner (core/jobs): a handler
 * named `<module>.<name>` (core/jobs/background.ts, moduleJobName). With `everyMs` it is also
 * periodic: one run per period is enqueued across every process (key `<module>.<name>@<period
 * start>`). Without it, the module enqueues runs itself, inside its command's transaction:
 * `enqueueJob(tx, { name: 'roadmaps.remind', payload, runAt, key })` (core/jobs/runner.ts). A
 * failing run is retried with backoff up to `maxAttempts` (periodic: 1, the next period is the
 * retry; enqueued: 5), then shown as failed on admin/jobs. `run` must be safe beside another run
 * (two periods side by side) and when run again after a crash before it was marked done.
 */
export type JobContribution = {
  /** Unique within the module ('place-texts'). */
  name: string;
  everyMs?: number;
  maxAttempts?: number;
  /**
   * `modules`: every module of the platform (for work that reads contributions); `files`: the
   * platform's file store (null where the runner was started without one, e.g. some tests).
   */
  run: (db: Db, job: { payload: unknown; now: Date; attempt: number; id: number; modules: readonly PlatformModule[]; files: FileStore | null }) => Promise<unknown>;
};

/** Every kind of contribution, as a manifest declares them. */
export type Contributions = {
  badges?: BadgeContribution[];
  calendar?: CalendarContribution[];
  itemActions?: ItemActionContribution[];
  formHints?: FormHintContribution[];
  reportSections?: ReportSectionContribution[];
  notificationEvents?: NotificationEventContribution[];
  searchDocuments?: SearchDocumentContribution[];
  jobs?: JobContribution[];
};

export type ContributionKind = keyof Contributions;

/** The contributions of one kind from every module, each with the id of the module that gave it. */
export const contributions = <K extends ContributionKind>(modules: readonly PlatformModule[], kind: K) =>
  modules.flatMap((m) => ((m.contributes?.[kind] ?? []) as NonNullable<Contributions[K]>[number][]).map((contribution) => ({ module: m.id, contribution })));

/** Every module's badges on the items `ids` of kind `on`, keyed by item id (in module order). */
export const collectBadges = async (modules: readonly PlatformModule[], db: DbOrTx, { on, ids }: { on: string; ids: number[] }) => {
  const byItem = new Map<number, Badge[]>();
  if (ids.length === 0) return byItem;
  const found = await Promise.all(
    contributions(modules, 'badges')
      .filter(({ contribution }) => contribution.on === on)
      .map(({ contribution }) => contribution.find(db, ids)),
  );
  for (const badges of found) for (const [id, list] of badges) byItem.set(id, [...(byItem.get(id) ?? []), ...list]);
  return byItem;
};

/** Every module's calendar dates overlapping [from, to), by start, each with its module. */
export const collectCalendarDates = async (modules: readonly PlatformModule[], db: DbOrTx, range: { from: Date; to: Date }) => {
  const found = await Promise.all(
    contributions(modules, 'calendar').map(async ({ module, contribution }) => (await contribution.find(db, range)).map((date) => ({ module, ...date }))),
  );
  return found.flat().sort((a, b) => a.start.getTime() - b.start.getTime() || a.module.localeCompare(b.module) || a.id.localeCompare(b.id));
};

/**
 * One fingerprint of every module's calendar dates (their `version`s, in module order), or null
 * when a contribution gives none: a copy built from the dates is current while this is unchanged.
 */
export const calendarDatesVersion = async (modules: readonly PlatformModule[], db: DbOrTx): Promise<string | null> => {
  const found = contributions(modules, 'calendar');
  if (found.some(({ contribution }) => !contribution.version)) return null;
  const versions = await Promise.all(found.map(async ({ module, contribution }) => `${module}:${await contribution.version?.(db)}`));
  return versions.join(' ');
};

/** Every module's actions on an item of kind `on` for its owner `actor`, in module order. */
export const collectItemActions = async (modules: readonly PlatformModule[], db: DbOrTx, { on, item, actor }: { on: string; item: ActionSubject; actor: Actor }) => {
  const found = await Promise.all(
    contributions(modules, 'itemActions')
      .filter(({ contribution }) => contribution.on === on)
      .map(async ({ module, contribution }) => (await contribution.find(db, { item, actor })).map((action) => ({ module, ...action }))),
  );
  return found.flat();
};

/** Every module's hints for the fields of form `on`, by field name, in module order. */
export const collectFormHints = async (modules: readonly PlatformModule[], db: DbOrTx, { on }: { on: string }) => {
  const byField = new Map<string, ContributedLabel[]>();
  const found = await Promise.all(
    contributions(modules, 'formHints')
      .filter(({ contribution }) => contribution.on === on)
      .map(({ contribution }) => contribution.find(db)),
  );
  for (const hints of found) for (const { field, label } of hints) byField.set(field, [...(byField.get(field) ?? []), label]);
  return byField;
};

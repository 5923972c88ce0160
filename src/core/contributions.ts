/**
 * Contributions: what a module adds to another module's pages or data, declared in its manifest
 * (`contributes` in module.ts) and collected here by kind. The module that shows them asks the
 * core (`collectBadges(platform.modules, …)`), never the contributing module, so no module imports
 * another to decorate its pages. docs/ARCHITECTURE.md lists the kinds and who gives and reads each.
 */
import type { DbOrTx } from './db/client.js';
import type { Locale } from './i18n/locales.js';
import type { PlatformModule } from './module.js';
import type { Actor } from './permissions/index.js';

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

/** A date or period for the calendar: a phase of a prize edition, a meeting, a deadline. */
export type CalendarDate = {
  /** Stable within the contributing module ('2026.voting'). */
  id: string;
  label: ContributedLabel;
  /** UTC instants; `end` is exclusive, null for a single moment. */
  start: Date;
  end: Date | null;
  /** Page about it, without the locale prefix ('/prizes/2026'). */
  href: string;
};

/** Dates of a module for the calendar, those overlapping [from, to). */
export type CalendarContribution = {
  find: (db: DbOrTx, range: { from: Date; to: Date }) => Promise<CalendarDate[]>;
};

/** A section of a periodic report (the UN reports): the module writes its part for a period. Not read yet. */
export type ReportSectionContribution = {
  id: string;
  title: ContributedLabel;
  build: (db: DbOrTx, args: { from: Date; to: Date; locale: Locale }) => Promise<{ html: string }>;
};

/** Events a user may be notified of (an entry published, a vote opening). Not read yet. */
export type NotificationEventContribution = {
  /** `<module>.<event>`, as the ability and audit names. */
  event: string;
  label: ContributedLabel;
};

/** Documents for the platform-wide search (a page per item, its text per language). Not read yet. */
export type SearchDocumentContribution = {
  find: (db: DbOrTx, args: { changedSince: Date | null }) => Promise<{ id: string; href: string; title: Partial<Record<Locale, string>>; text: Partial<Record<Locale, string>> }[]>;
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

/**
 * Default-deny permissions. Each module declares a table of abilities ("<module>.<subject>.<action>")
 * with one small predicate each; anything not declared is denied.
 */
export const ROLES = ['contributor', 'moderator', 'prize-manager', 'expert', 'consultation-manager', 'secretariat', 'focal-point', 'cwg-member', 'treasurer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export type Actor = {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  locale: string;
  emailVerified: boolean;
  status: 'active' | 'suspended';
  /** Unread notifications (at most 100), known for a browser session only (the header shows them). */
  unreadNotifications?: number;
};

export type MaybeActor = Actor | null;
// biome-ignore lint/suspicious/noExplicitAny: each ability declares its own subject shape
type Rule = (actor: MaybeActor, subject: any) => boolean;
export type AbilityTable = Record<string, Rule>;

const registry = new Map<string, Rule>();

/** Declares a module's abilities; keys are prefixed with the module id. */
export const defineAbilities = <T extends Record<string, Rule>>(moduleId: string, table: T) => {
  for (const [name, rule] of Object.entries(table)) registry.set(`${moduleId}.${name}`, rule);
  return table;
};

export const isSignedIn = (actor: MaybeActor): actor is Actor => actor !== null && actor.status === 'active';
export const hasRole = (actor: MaybeActor, role: Role) => isSignedIn(actor) && (actor.roles.includes(role) || actor.roles.includes('admin'));
export const isVerified = (actor: MaybeActor) => isSignedIn(actor) && actor.emailVerified;

/** Whether the actor may do `ability` (on `subject`). Unknown abilities are denied. */
export const can = (actor: MaybeActor, ability: string, subject?: unknown): boolean => {
  const rule = registry.get(ability);
  if (!rule) return false;
  try {
    return rule(actor, subject) === true;
  } catch {
    return false;
  }
};

export class Forbidden extends Error {
  readonly statusCode: number;
  constructor(
    readonly ability: string,
    signedIn: boolean,
  ) {
    super(`Forbidden: ${ability}`);
    // Signed-out visitors are asked to sign in; signed-in ones are told they may not.
    this.statusCode = signedIn ? 403 : 401;
  }
}

/** Throws Forbidden (403, or 401 when nobody is signed in) unless the actor may. */
export const authorize = (actor: MaybeActor, ability: string, subject?: unknown) => {
  if (!can(actor, ability, subject)) throw new Forbidden(ability, isSignedIn(actor));
};

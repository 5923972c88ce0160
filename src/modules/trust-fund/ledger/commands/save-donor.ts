import { eq } from 'drizzle-orm';
import { recordAction } from '../../../../core/audit/record.js';
import type { DbOrTx } from '../../../../core/db/client.js';
import { LOCALES, type Localized } from '../../../../core/i18n/locales.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { getOrganization } from '../../../accounts/queries.js';
import { countryName, findCountries } from '../../../reference/queries.js';
import { type DonorKind, donors } from '../../tables.js';
import { type Refusal, refuse } from '../rules.js';

/** getOrganization answers NotFound for an unknown id. */
const organizationExists = (tx: DbOrTx, id: number) =>
  getOrganization(tx, id).then(
    () => true,
    () => false,
  );

export type DonorInput = { kind: DonorKind; countryCode: string | null; organizationId: number | null; name: Localized };

/**
 * Adds a donor: a Member State from the reference country list (its name in the six languages
 * from the country list), or a Sector Member or another organization by its name, optionally
 * linked to its organization in accounts. Assumes 'trust-fund.ledger.post' was checked. Audited.
 */
export const createDonor = async (db: DbOrTx, { actor, input, ip }: { actor: Actor; input: DonorInput; ip?: string }): Promise<{ ok: true; id: number } | Refusal> =>
  db.transaction(async (tx) => {
    let name = input.name;
    let countryCode: string | null = null;
    if (input.kind === 'member-state') {
      const code = (input.countryCode ?? '').toUpperCase();
      if (!(await findCountries(tx)).some((c) => c.code === code)) return refuse('country_unknown', 'countryCode');
      if ((await tx.select({ id: donors.id }).from(donors).where(eq(donors.countryCode, code))).length) return refuse('country_taken', 'countryCode');
      countryCode = code;
      name = Object.fromEntries(LOCALES.map((l) => [l, countryName(code, l)])) as Localized;
    } else if (!Object.values(name).some((v) => v?.trim())) {
      return refuse('name_required', 'name.en');
    }
    if (input.organizationId !== null && !(await organizationExists(tx, input.organizationId))) return refuse('organization_unknown', 'organizationId');
    const [row] = await tx.insert(donors).values({ kind: input.kind, countryCode, organizationId: input.organizationId, name }).returning({ id: donors.id });
    const id = Number(row?.id);
    await recordAction(tx, {
      actor,
      action: 'trust-fund.ledger.post',
      subjectType: 'trust-fund.donor',
      subjectId: id,
      after: { kind: input.kind, countryCode, organizationId: input.organizationId, name },
      ip,
    });
    return { ok: true, id };
  });

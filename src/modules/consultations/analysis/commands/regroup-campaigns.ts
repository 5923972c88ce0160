/** An analyst groups a consultation's free texts again from nothing (group-campaigns.ts), audited. */
import type { Db } from '../../../../core/db/client.js';
import type { Actor } from '../../../../core/permissions/index.js';
import { groupCampaigns } from './group-campaigns.js';

export const regroupCampaigns = async (db: Db, { actor, consultationId, ip }: { actor: Actor; consultationId: number; ip?: string }) =>
  db.transaction((tx) => groupCampaigns(tx, { consultationId, actor, ip }));

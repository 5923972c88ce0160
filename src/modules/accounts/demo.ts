import type { Db } from '../../core/db/client.js';
import { organizations } from './tables.js';

/** Demo organizations (marked isDemo) so a first start has something to look at. */
export const demoAccounts = async (db: Db) => {
  await db.insert(organizations).values([
    { name: 'Demo Ministry of Digital Affairs', acronym: 'DEMO-MDA', stakeholderType: 'government', country: 'KE', isDemo: true },
    { name: 'Demo Community Networks Association', stakeholderType: 'civil-society', country: 'BR', isDemo: true },
    { name: 'Demo University ICT Lab', stakeholderType: 'academia', country: 'IN', isDemo: true },
  ]);
};

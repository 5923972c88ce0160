/**
 * The composition of the platform: every module, explicitly listed, in navigation order. Only the
 * entry files (src/app.ts, src/cli.ts) and the test kit import it; they hand the list to the core's
 * functions, so the core never imports a module. A new module is one line here, one in
 * src/platform-schema.ts when it has tables, and its row in the table of allowed edges of
 * docs/ARCHITECTURE.md when it imports another module.
 */
import type { PlatformModule } from './core/module.js';
import { accountsModule } from './modules/accounts/module.js';
import { adminModule } from './modules/admin/module.js';
import { calendarModule } from './modules/calendar/module.js';
import { consultationsModule } from './modules/consultations/module.js';
import { homeModule } from './modules/home/module.js';
import { meetingsModule } from './modules/meetings/module.js';
import { prizesModule } from './modules/prizes/module.js';
import { reportsModule } from './modules/reports/module.js';
import { referenceModule } from './modules/reference/module.js';
import { roadmapsModule } from './modules/roadmaps/module.js';
import { stocktakingModule } from './modules/stocktaking/module.js';
import { trustFundModule } from './modules/trust-fund/module.js';

/** Every capability of the platform, in navigation order. */
export const MODULES: PlatformModule[] = [
  homeModule,
  stocktakingModule,
  prizesModule,
  consultationsModule,
  meetingsModule,
  calendarModule,
  roadmapsModule,
  trustFundModule,
  reportsModule,
  referenceModule,
  accountsModule,
  adminModule,
];

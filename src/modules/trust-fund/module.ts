import './permissions.js';
import { combineRoutes, defineModule, lazyRoutes } from '../../core/module.js';
import { trustFundBench } from './bench/cases.js';

/**
 * The WSIS Trust Fund (Resolution 1332: fed by voluntary contributions): donors, pledges, receipts
 * in their currency and in CHF at the UN operational rate of their month, programme support
 * costs, allocations to roadmap tasks and expenditures, in an append-only double-entry ledger.
 * Feature folders: ledger/ (the treasurer's records and pages, exchange rates, the rules of the
 * ledger, the public ledger API), transparency/ (the public page with its charts and tables, CSV
 * and XLSX, the IATI organisation file, the statement of a period in HTML and DOCX).
 */
const features = async () => {
  const [ledger, transparency] = await Promise.all([import('./ledger/routes.js'), import('./transparency/routes.js')]);
  return { ledger, transparency };
};

export const trustFundModule = defineModule({
  id: 'trust-fund',
  routes: lazyRoutes(async () => {
    const { ledger, transparency } = await features();
    return combineRoutes(ledger.ledgerRoutes, transparency.transparencyRoutes);
  }),
  adminRoutes: lazyRoutes(async () => {
    const { ledger, transparency } = await features();
    return combineRoutes(ledger.ledgerAdminRoutes, transparency.transparencyAdminRoutes);
  }),
  apiRoutes: lazyRoutes(async () => {
    const { ledger, transparency } = await features();
    return combineRoutes(ledger.ledgerApiRoutes, transparency.transparencyApiRoutes);
  }),
  // Demonstration donors, rates, receipts in CHF, USD, JPY and KWD, allocations to roadmap tasks when there are some.
  demo: async (db) => {
    const { demoLedger } = await import('./ledger/demo.js');
    await demoLedger(db);
  },
  // The ledger's corpus (100,000 lines) and balance measures: `wsis bench --only trust-fund` (PostgreSQL).
  bench: trustFundBench,
  nav: [{ labelKey: 'trust-fund.nav.title', href: '/trust-fund' }],
  adminNav: [{ labelKey: 'trust-fund.nav.manage', href: '/admin/trust-fund', ability: 'trust-fund.ledger.post' }],
  contributes: {
    reportSections: [
      {
        id: 'trust-fund.statement',
        title: { key: 'trust-fund.transparency.report_section' },
        // transparency/: the statement of the period, ledger as posted before the cut-off; loaded when a report is built, not with every `wsis` command.
        build: async (db, args) => (await import('./transparency/report-section.js')).buildReportSection(db, args),
      },
    ],
  },
});

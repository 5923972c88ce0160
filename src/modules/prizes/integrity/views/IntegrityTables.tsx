import type { ViewContext } from '../../../../core/views/context.js';
import { Table } from '../../../../core/views/components.js';
import type { Category } from '../../queries.js';
import type { IntegrityCategory } from '../queries.js';

/** The integrity report's tables: counts per category, then invalidated votes by reason. */
export const IntegrityTables = ({ view, categories, report }: { view: ViewContext; categories: Category[]; report: IntegrityCategory[] }) => {
  const { t } = view;
  const titleOf = new Map(categories.map((c) => [c.number, `${t('prizes.vote.category', { number: c.number })}${t('core.text.colon')}${view.localize(c.title)}`]));
  const total = report.reduce(
    (s, r) => ({ cast: s.cast + r.cast, valid: s.valid + r.valid, invalidated: s.invalidated + r.invalidated, notMeetingRule: s.notMeetingRule + r.notMeetingRule }),
    { cast: 0, valid: 0, invalidated: 0, notMeetingRule: 0 },
  );
  const reasons = report.flatMap((r) => r.reasons.map((reason) => ({ category: r.category, ...reason })));
  return (
    <>
      <p>
        {t('prizes.integrity.totals', {
          cast: total.cast,
          valid: total.valid,
          invalidated: total.invalidated,
          rule: total.notMeetingRule,
        })}
      </p>
      <Table
        caption={t('prizes.integrity.per_category_caption')}
        empty={t('prizes.integrity.no_categories')}
        rows={report}
        columns={[
          { header: t('prizes.integrity.category_header'), cell: (r) => titleOf.get(r.category) ?? String(r.category) },
          { header: t('prizes.integrity.cast_header'), cell: (r) => view.fmt.number(r.cast), numeric: true },
          { header: t('prizes.integrity.valid_header'), cell: (r) => view.fmt.number(r.valid), numeric: true },
          { header: t('prizes.integrity.invalidated_header'), cell: (r) => view.fmt.number(r.invalidated), numeric: true },
          { header: t('prizes.integrity.rule_header'), cell: (r) => view.fmt.number(r.notMeetingRule), numeric: true },
        ]}
      />
      <Table
        caption={t('prizes.integrity.reasons_caption')}
        empty={t('prizes.integrity.no_invalidations')}
        rows={reasons}
        columns={[
          { header: t('prizes.integrity.category_header'), cell: (r) => titleOf.get(r.category) ?? String(r.category) },
          { header: t('prizes.integrity.reason_header'), cell: (r) => <span dir="auto">{r.reason}</span> },
          { header: t('prizes.integrity.invalidated_header'), cell: (r) => view.fmt.number(r.votes), numeric: true },
        ]}
      />
    </>
  );
};

import type { Localized } from '../../../core/i18n/locales.js';
import { type Column, Table } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';
import type { Category } from '../queries.js';

/** One table per category of an edition, each captioned with the category's number and title. */
export const CategoryTables = <T,>({
  view,
  categories,
  rowsOf,
  columns,
  empty,
}: {
  view: ViewContext;
  categories: Category[];
  rowsOf: (category: Category) => T[];
  columns: Column<T>[];
  empty: string;
}) => (
  <>
    {categories.map((c) => (
      <Table
        caption={`${view.t('prizes.vote.category', { number: c.number })}${view.t('core.text.colon')}${view.localize(c.title)}`}
        columns={columns}
        rows={rowsOf(c)}
        empty={empty}
        keepEmpty
      />
    ))}
  </>
);

/** The first column of a category table: the nominee's title, in its own language, linking to the entry. */
export const nomineeColumn = <T extends { entryId: number; title: Localized }>(view: ViewContext): Column<T> => ({
  header: view.t('prizes.results.nominee'),
  rowHeader: true,
  cell: (r) => {
    const name = view.localizeWithLocale(r.title);
    return (
      <a href={view.href(`/stocktaking/${r.entryId}`)}>
        <bdi lang={name.locale === view.locale ? undefined : name.locale}>{name.text}</bdi>
      </a>
    );
  },
});

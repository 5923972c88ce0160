import type { ViewContext } from '../../../core/views/context.js';

/**
 * Links to the same page of the other editions (the years given, newest first): `path` gives the
 * page of a year without the locale prefix. Shown when there is more than one edition.
 */
export const EditionSwitcher = ({ view, years, current, path }: { view: ViewContext; years: number[]; current: number; path: (year: number) => string }) =>
  years.length > 1 ? (
    <nav class="edition-switcher" aria-label={view.t('prizes.edition.other_editions')}>
      <p>{view.t('prizes.edition.other_editions')}</p>
      <ul class="inline-list">
        {years.map((year) => (
          <li>{year === current ? <span aria-current="page">{year}</span> : <a href={view.href(path(year))}>{year}</a>}</li>
        ))}
      </ul>
    </nav>
  ) : null;

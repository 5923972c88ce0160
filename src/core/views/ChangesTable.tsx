import type { ComponentChildren } from 'preact';
import type { DiffRun } from '../i18n/words.js';
import type { ViewContext } from './context.js';
import { DiffRuns } from './DiffRuns.js';
import { languageName } from './LocalizedText.js';
import { ScrollRegion } from './components.js';

/**
 * One change between two versions: a text in one language as a word diff (core/i18n/words.ts),
 * values added to and removed from a list, or one value replaced by another.
 */
export type Change =
  | { kind: 'text'; locale: string; runs: DiffRun[] }
  | { kind: 'list'; added: ComponentChildren[]; removed: ComponentChildren[] }
  | { kind: 'value'; before: ComponentChildren; after: ComponentChildren };

/** A row of the table: what changed (a field, a section), and how. */
export type ChangeRow = { label: ComponentChildren; change: Change };

/** "Added: " or "Removed: ", before a value. */
const said = (view: ViewContext, message: 'core.diff.added' | 'core.diff.removed') => `${view.t(message)}${view.t('core.text.colon')}`;

const ChangeCell = ({ view, change }: { view: ViewContext; change: Change }) => {
  switch (change.kind) {
    case 'text':
      return (
        <p lang={change.locale} dir="auto" class="diff">
          <DiffRuns view={view} runs={change.runs} />
        </p>
      );
    case 'list':
      return (
        <ul class="plain">
          {change.added.map((v) => (
            <li>
              <ins>
                {said(view, 'core.diff.added')}
                <bdi>{v}</bdi>
              </ins>
            </li>
          ))}
          {change.removed.map((v) => (
            <li>
              <del>
                {said(view, 'core.diff.removed')}
                <bdi>{v}</bdi>
              </del>
            </li>
          ))}
        </ul>
      );
    case 'value':
      return (
        <p>
          <del>
            <span class="visually-hidden">{said(view, 'core.diff.removed')}</span>
            <bdi>{change.before}</bdi>
          </del>{' '}
          →{' '}
          <ins>
            <span class="visually-hidden">{said(view, 'core.diff.added')}</span>
            <bdi>{change.after}</bdi>
          </ins>
        </p>
      );
  }
};

/**
 * The changes between two versions of something (an entry, a roadmap, a report), as a table of what
 * changed and how: texts as word diffs in their language (its name under the row's label), list
 * values added and removed, values before and after. Inserted words are underlined and deleted ones
 * struck through, each also said in words for those who do not see the lines. `empty` is shown
 * when nothing changed.
 */
export const ChangesTable = ({ view, caption, columns, rows, empty }: { view: ViewContext; caption: string; columns: [string, string]; rows: ChangeRow[]; empty: string }) => {
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  return (
    <ScrollRegion label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{columns[0]}</th>
            <th scope="col">{columns[1]}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ label, change }) => (
            <tr>
              <th scope="row">
                {label}
                {change.kind === 'text' && (
                  <>
                    <br />
                    <small>{languageName(view, change.locale)}</small>
                  </>
                )}
              </th>
              <td>
                <ChangeCell view={view} change={change} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
};

import type { ViewContext } from '../../../core/views/context.js';
import type { EntryBadge, PublicEntry } from '../queries.js';

/** Demo, state (for the few who may see unpublished entries) and the badges other modules give an entry (prizes won). */
export const EntryBadges = ({ view, entry }: { view: ViewContext; entry: Pick<PublicEntry, 'isDemo' | 'state'> & { badges: EntryBadge[] } }) => (
  <>
    {entry.isDemo && <span class="demo-badge">{view.t('stocktaking.common.demo_badge')}</span>}
    {entry.state !== 'published' && (
      <>
        {' '}
        <span class="demo-badge">{view.t(`stocktaking.states.${entry.state}`)}</span>
      </>
    )}
    {entry.badges.map((b) => (
      <>
        {' '}
        <span class="demo-badge">{view.t(b.label.key, b.label.values)}</span>
      </>
    ))}
  </>
);

import type { ViewContext } from '../../../core/views/context.js';
import type { EntryBadge, PublicEntry } from '../queries.js';

/** Demo, state (for the few who may see unpublished entries) and prize badges of an entry. */
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
        <span class="demo-badge">{view.t(b.kind === 'winner' ? 'stocktaking.common.badge_winner' : 'stocktaking.common.badge_champion', { year: b.year })}</span>
      </>
    ))}
  </>
);

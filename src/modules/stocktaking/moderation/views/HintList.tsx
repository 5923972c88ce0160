import type { ViewContext } from '../../../../core/views/context.js';
import type { Hint } from '../completeness.js';
import type { Duplicate } from '../queries.js';

/** Completeness hints and likely duplicates of an entry, as a list (compact in the queue). */
export const HintList = ({ view, hints, duplicates, compact }: { view: ViewContext; hints: Hint[]; duplicates: Duplicate[]; compact?: boolean }) => {
  const { t } = view;
  if (hints.length === 0 && duplicates.length === 0) return <span>{t('stocktaking.moderation.complete')}</span>;
  const text = (h: Hint) => {
    switch (h.key) {
      case 'languages':
        return t('stocktaking.moderation.hint_languages', { present: h.present });
      case 'summary_short':
        return t('stocktaking.moderation.hint_summary_short', { words: h.words, limit: h.limit });
      case 'summary_long':
        return t('stocktaking.moderation.hint_summary_long', { words: h.words, limit: h.limit });
      default:
        return t(`stocktaking.moderation.hint_${h.key}`);
    }
  };
  return (
    <ul class={compact ? 'hints compact' : 'hints'}>
      {duplicates.length > 0 && (
        <li class="hint-duplicate">
          {t('stocktaking.moderation.hint_duplicates', { count: duplicates.length })}
          {!compact && (
            <ul>
              {duplicates.map((d) => {
                const title = view.localizeWithLocale(d.title);
                return (
                  <li>
                    <a href={view.href(`/admin/stocktaking/${d.id}`)} lang={title.locale === view.locale ? undefined : title.locale} dir="auto">
                      {title.text}
                    </a>{' '}
                    ({t(`stocktaking.states.${d.state}`)}
                    {d.publishedYear ? `, ${d.publishedYear}` : ''}, {t('stocktaking.moderation.similarity', { percent: Math.round(d.similarity * 100) })})
                  </li>
                );
              })}
            </ul>
          )}
        </li>
      )}
      {hints.map((h) => (
        <li>{text(h)}</li>
      ))}
    </ul>
  );
};

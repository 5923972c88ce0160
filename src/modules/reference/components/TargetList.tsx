import type { ViewContext } from '../../../core/views/context.js';
import type { SdgTarget } from '../queries.js';
import { LocalizedText } from './Text.js';

/** The SDG targets of a link with their text; no target means the goal as a whole. */
export const TargetList = ({ view, codes, targets }: { view: ViewContext; codes: string[]; targets: Map<string, SdgTarget> }) =>
  codes.length === 0 ? (
    <p class="muted">{view.t('reference.matrix.whole_goal')}</p>
  ) : (
    <ul class="target-list">
      {codes.map((code) => {
        const target = targets.get(code);
        return (
          <li>
            <strong>{view.t('reference.matrix.target_code', { code })}</strong>
            {target && (
              <>
                {' '}
                <LocalizedText view={view} value={target.text} />
              </>
            )}
          </li>
        );
      })}
    </ul>
  );

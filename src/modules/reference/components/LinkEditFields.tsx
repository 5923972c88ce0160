import type { FormState } from '../../../core/views/components.js';
import type { ViewContext } from '../../../core/views/context.js';

/**
 * The two fields of a matrix link's edit form, with ids unique to the link, so that the admin list
 * can hold one form per link. (The core Field derives its id from the field name alone.)
 */
export const LinkEditFields = ({ view, idPrefix, form, knownTargets, sdg }: { view: ViewContext; idPrefix: string; form: FormState; knownTargets: string[]; sdg: number }) => {
  const { t } = view;
  const value = (name: string) => {
    const v = form.values[name];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  };
  const targetsError = form.errors.targets;
  const rationaleError = form.errors.rationale;
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <div class={targetsError ? 'field field-error' : 'field'}>
        <label for={id('targets')}>{t('reference.admin.targets_label')}</label>
        <p class="hint" id={id('targets-hint')}>
          {t('reference.admin.targets_hint', { sdg, codes: knownTargets.join(', ') || '—' })}
        </p>
        {targetsError && (
          <p class="error-message" id={id('targets-error')}>
            {targetsError}
          </p>
        )}
        <input
          id={id('targets')}
          name="targets"
          type="text"
          value={value('targets')}
          maxLength={500}
          dir="ltr"
          aria-invalid={targetsError ? 'true' : undefined}
          aria-describedby={[id('targets-hint'), targetsError ? id('targets-error') : ''].filter(Boolean).join(' ')}
        />
      </div>
      <div class={rationaleError ? 'field field-error' : 'field'}>
        <label for={id('rationale')}>{t('reference.admin.rationale_label')}</label>
        {rationaleError && (
          <p class="error-message" id={id('rationale-error')}>
            {rationaleError}
          </p>
        )}
        <textarea
          id={id('rationale')}
          name="rationale"
          rows={4}
          lang="en"
          dir="ltr"
          maxLength={5000}
          aria-invalid={rationaleError ? 'true' : undefined}
          aria-describedby={rationaleError ? id('rationale-error') : undefined}
        >
          {value('rationale')}
        </textarea>
      </div>
    </>
  );
};

import { ErrorSummary, type FormState, Field, PostButton, PostForm, Select, TextArea } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import { LinkEditFields } from '../../components/LinkEditFields.js';
import type { ActionLine, MatrixLink, Sdg } from '../../queries.js';

export type MatrixAdminPageProps = {
  view: ViewContext;
  lines: ActionLine[];
  sdgs: Sdg[];
  links: MatrixLink[];
  /** Known target codes per SDG (the hint of each targets field). */
  targetCodes: Map<number, string[]>;
  filter: string | undefined;
  addForm: FormState;
};

export const linkAnchor = (link: { actionLine: string; sdg: number }) => `link-${link.actionLine}-${link.sdg}`;

/** Admin: every matrix link with its edit form, a filter by action line, and the form to add a link. */
export const MatrixAdminPage = ({ view, lines, sdgs, links, targetCodes, filter, addForm }: MatrixAdminPageProps) => {
  const { t } = view;
  const base = view.href('/admin/reference/matrix');
  const sdgShort = new Map(sdgs.map((s) => [s.number, view.localize(s.short)]));
  const leafLines = lines.filter((l) => !lines.some((c) => c.parent === l.code));
  const shown = lines.filter((l) => links.some((k) => k.actionLine === l.code));
  return (
    <Layout view={view} title={t('reference.admin.title')}>
      <h1>{t('reference.admin.title')}</h1>
      <p class="lead">{t('reference.admin.lead')}</p>
      <ErrorSummary
        view={view}
        form={addForm}
        labels={{
          actionLine: t('reference.admin.action_line_label'),
          sdg: t('reference.admin.sdg_label'),
          targets: t('reference.admin.targets_label'),
          rationale: t('reference.admin.rationale_label'),
        }}
      />

      <form method="get" action={base} class="filter-form">
        <label for="filter-action-line">{t('reference.admin.filter_label')}</label>{' '}
        <select id="filter-action-line" name="actionLine">
          <option value="">{t('reference.admin.filter_all')}</option>
          {leafLines.map((l) => (
            <option value={l.code} selected={l.code === filter}>{`${l.code} ${view.localize(l.short)}`}</option>
          ))}
        </select>{' '}
        <button type="submit" class="button button-secondary">
          {t('reference.admin.filter_submit')}
        </button>
      </form>

      <p>{t('reference.admin.count', { count: links.length })}</p>
      {shown.map((line) => (
        <section aria-labelledby={`line-${line.code}`}>
          <h2 id={`line-${line.code}`}>{`${line.code} ${view.localize(line.short)}`}</h2>
          <ul class="admin-links">
            {links
              .filter((k) => k.actionLine === line.code)
              .map((link) => {
                const anchor = linkAnchor(link);
                const action = view.href(`/admin/reference/matrix/${link.actionLine}/${link.sdg}`);
                return (
                  <li id={anchor}>
                    <h3>
                      {t('reference.sdgs.number', { number: link.sdg })}
                      {t('core.text.colon')}
                      {sdgShort.get(link.sdg)}
                    </h3>
                    <p>
                      {t('reference.admin.current_targets')}{' '}
                      <span class="current-targets">{link.targets.length > 0 ? link.targets.join(', ') : t('reference.matrix.whole_goal')}</span>
                    </p>
                    <details>
                      <summary>{t('reference.admin.edit_link', { actionLine: link.actionLine, sdg: link.sdg })}</summary>
                      <PostForm view={view} action={action}>
                        <LinkEditFields
                          view={view}
                          idPrefix={anchor}
                          sdg={link.sdg}
                          knownTargets={targetCodes.get(link.sdg) ?? []}
                          form={{ values: { targets: link.targets.join(', '), rationale: link.rationale.en ?? '' }, errors: {} }}
                        />
                        <button type="submit" class="button">
                          {t('reference.admin.save')}
                        </button>
                      </PostForm>
                      <PostButton view={view} action={`${action}/delete`} label={t('reference.admin.delete', { actionLine: link.actionLine, sdg: link.sdg })} variant="danger" />
                    </details>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}

      <section aria-labelledby="add-link">
        <h2 id="add-link">{t('reference.admin.add_title')}</h2>
        <PostForm view={view} action={base}>
          <Select
            form={addForm}
            name="actionLine"
            label={t('reference.admin.action_line_label')}
            required
            placeholder={t('core.form.choose')}
            options={leafLines.map((l) => ({ value: l.code, label: `${l.code} ${view.localize(l.short)}` }))}
          />
          <Select
            form={addForm}
            name="sdg"
            label={t('reference.admin.sdg_label')}
            required
            placeholder={t('core.form.choose')}
            options={sdgs.map((s) => ({ value: String(s.number), label: `${s.number} ${view.localize(s.short)}` }))}
          />
          <Field form={addForm} name="targets" label={t('reference.admin.targets_label')} hint={t('reference.admin.targets_hint_generic')} maxLength={500} dir="ltr" />
          <TextArea form={addForm} name="rationale" label={t('reference.admin.rationale_label')} rows={4} maxLength={5000} />
          <button type="submit" class="button">
            {t('reference.admin.add_submit')}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
};

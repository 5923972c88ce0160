import { LOCALES } from '../../../../core/i18n/locales.js';
import { Checkboxes, ErrorSummary, Field, type FormState, PostForm, Table } from '../../../../core/views/components.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { Layout } from '../../../../core/views/Layout.js';
import type { Edition } from '../../phases.js';
import type { Category } from '../../queries.js';

const languageNames = (view: ViewContext) => new Intl.DisplayNames([view.locale], { type: 'language' });

/** The edition page's list of categories: number, action line, the title in each language given. */
export const CategoriesSection = ({ view, edition, categories }: { view: ViewContext; edition: Edition; categories: Category[] }) => {
  const { t } = view;
  const names = languageNames(view);
  const base = `/admin/prizes/${edition.year}/categories`;
  return (
    <section aria-labelledby="categories-title">
      <h2 id="categories-title">{t('prizes.management.categories_title')}</h2>
      <p class="hint">{t('prizes.management.categories_hint')}</p>
      <Table
        caption={t('prizes.management.categories_caption', { year: edition.year })}
        empty={t('prizes.management.categories_empty')}
        rows={categories}
        columns={[
          { header: t('prizes.management.category_number'), cell: (c) => view.fmt.number(c.number), numeric: true },
          { header: t('prizes.management.category_action_line'), cell: (c) => <span dir="ltr">{c.actionLine}</span> },
          {
            header: t('prizes.management.category_titles'),
            cell: (c) => (
              <ul>
                {LOCALES.map((l) => (
                  <li>
                    {names.of(l) ?? l}:{' '}
                    {c.title[l] ? (
                      <span lang={l} dir="auto">
                        {c.title[l]}
                      </span>
                    ) : (
                      <em>{t('prizes.management.category_title_missing')}</em>
                    )}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            header: t('prizes.management.category_actions'),
            cell: (c) => <a href={view.href(`${base}/${c.number}`)}>{t('prizes.management.category_edit', { number: c.number })}</a>,
          },
        ]}
      />
      <p>
        <a class="button button-secondary" href={view.href(`${base}/new`)}>
          {t('prizes.management.category_add')}
        </a>
      </p>
    </section>
  );
};

/**
 * Add a category, or edit one (action line, title in the six languages) and remove it after a
 * confirmation. `category` is null when adding.
 */
export const CategoryPage = ({
  view,
  edition,
  category,
  form,
  removal,
}: {
  view: ViewContext;
  edition: Edition;
  category: Category | null;
  form: FormState;
  removal: FormState;
}) => {
  const { t } = view;
  const names = languageNames(view);
  const base = `/admin/prizes/${edition.year}/categories`;
  const title = category
    ? t('prizes.management.category_edit_title', { year: edition.year, number: category.number })
    : t('prizes.management.category_add_title', { year: edition.year });
  const labels: Record<string, string> = {
    number: t('prizes.management.category_number'),
    actionLine: t('prizes.management.category_action_line'),
    ...Object.fromEntries(LOCALES.map((l) => [`title.${l}`, t('prizes.management.category_title_in', { language: names.of(l) ?? l })])),
  };
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumb">
        <a href={view.href(`/admin/prizes/${edition.year}#categories-title`)}>{t('prizes.management.edit_title', { year: edition.year })}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary view={view} form={form} labels={labels} />
      <PostForm view={view} action={view.href(category ? `${base}/${category.number}` : base)}>
        {category ? (
          <p>{t('prizes.management.category_number_fixed', { number: category.number })}</p>
        ) : (
          <Field form={form} name="number" type="number" label={labels.number ?? ''} hint={t('prizes.management.category_number_hint')} required />
        )}
        <Field form={form} name="actionLine" label={labels.actionLine ?? ''} hint={t('prizes.management.category_action_line_hint')} maxLength={20} dir="ltr" required />
        <fieldset>
          <legend>{t('prizes.management.category_titles')}</legend>
          <p class="hint">{t('prizes.management.category_titles_hint')}</p>
          {LOCALES.map((l) => (
            <Field form={form} name={`title.${l}`} label={labels[`title.${l}`] ?? l} maxLength={300} dir="auto" />
          ))}
        </fieldset>
        <button type="submit" class="button">
          {category ? t('prizes.management.category_save') : t('prizes.management.category_add')}
        </button>
      </PostForm>
      {category && (
        <section aria-labelledby="remove-title">
          <h2 id="remove-title">{t('prizes.management.category_remove_title')}</h2>
          <p>{t('prizes.management.category_remove_intro')}</p>
          <ErrorSummary view={view} form={removal} labels={{ confirm: t('prizes.management.category_remove_confirm_legend') }} />
          <PostForm view={view} action={view.href(`${base}/${category.number}/remove`)}>
            <Checkboxes
              form={removal}
              name="confirm"
              legend={t('prizes.management.category_remove_confirm_legend')}
              options={[{ value: 'yes', label: t('prizes.management.category_remove_confirm', { number: category.number, year: edition.year }) }]}
            />
            <button type="submit" class="button button-danger">
              {t('prizes.management.category_remove_button')}
            </button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
};

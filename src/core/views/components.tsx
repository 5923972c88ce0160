import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.js';

/**
 * Values typed by the user and localized errors per field, as returned by parseForm(). `scope`
 * names the form when a page has two forms with a field of the same name (the account page's
 * current password): it goes into the ids of its fields, which must be unique in the page.
 */
export type FormState = { values: Record<string, string | string[] | undefined>; errors: Record<string, string>; scope?: string };
export const emptyForm = (values: FormState['values'] = {}): FormState => ({ values, errors: {} });

const fieldId = (name: string, form?: FormState) => `field-${form?.scope ? `${form.scope}-` : ''}${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
const fieldValue = (form: FormState, name: string) => {
  const v = form.values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

/** The list of errors at the top of a form, each linking to its field (focus moves here on error). */
export const ErrorSummary = ({ view, form, labels }: { view: ViewContext; form: FormState; labels: Record<string, string> }) => {
  const entries = Object.entries(form.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="error-summary-title" data-autofocus>
      <h2 id="error-summary-title">{view.t('core.form.error_summary_title', { count: entries.length })}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${fieldId(name, form)}`}>{labels[name] ? `${labels[name]}${view.t('core.text.colon')}${message}` : message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
};

type FieldProps = {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'date' | 'number' | 'search' | 'datetime-local';
  required?: boolean;
  autocomplete?: string;
  maxLength?: number;
  dir?: 'auto' | 'ltr' | 'rtl';
  /** Passwords are never echoed back into the page. */
  keepValue?: boolean;
};

/** The attributes that tie a control to its label, hint and error message. */
type ControlAttributes = {
  id: string;
  name: string;
  required?: boolean;
  'aria-required'?: 'true';
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
};

/** The mark of a required field (the requirement itself is said by aria-required or the legend's text). */
const RequiredMark = () => (
  <span class="required-mark" aria-hidden="true">
    {' '}
    *
  </span>
);

/** A field's hint and error message, with the ids its control is described by. */
const HintAndError = ({ id, hint, error }: { id: string; hint?: string; error?: string }) => (
  <>
    {hint && (
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
    )}
    {error && (
      <p class="error-message" id={`${id}-error`}>
        {error}
      </p>
    )}
  </>
);

const describedByOf = (id: string, hint?: string, error?: string) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/**
 * What every form control shares: the label (with the required mark), the hint and the error
 * message, wired to the control with aria-describedby. `control` draws the control itself.
 */
const FieldFrame = ({
  form,
  name,
  label,
  hint,
  required,
  control,
}: {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  control: (attributes: ControlAttributes) => ComponentChildren;
}) => {
  const id = fieldId(name, form);
  const error = form.errors[name];
  const describedBy = describedByOf(id, hint, error);
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {label}
        {required && <RequiredMark />}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {control({
        id,
        name,
        required,
        'aria-required': required ? 'true' : undefined,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': describedBy,
      })}
    </div>
  );
};

/** A labelled input with its hint and its error message. */
export const Field = ({ form, name, label, hint, type = 'text', required, autocomplete, maxLength, dir, keepValue = type !== 'password' }: FieldProps) => (
  <FieldFrame
    form={form}
    name={name}
    label={label}
    hint={hint}
    required={required}
    control={(a) => <input {...a} type={type} value={keepValue ? fieldValue(form, name) : ''} autocomplete={autocomplete} maxLength={maxLength} dir={dir} />}
  />
);

export const TextArea = ({ form, name, label, hint, required, rows = 5, maxLength }: Omit<FieldProps, 'type'> & { rows?: number }) => (
  <FieldFrame
    form={form}
    name={name}
    label={label}
    hint={hint}
    required={required}
    control={(a) => (
      <textarea {...a} rows={rows} maxLength={maxLength} dir="auto">
        {fieldValue(form, name)}
      </textarea>
    )}
  />
);

export type Option = { value: string; label: string };

/**
 * A labelled select. `required` only reaches the HTML with a `placeholder` (an empty first option):
 * a select without one always has a value, and HTML allows `required` only on a select whose first
 * option is an empty placeholder.
 */
export const Select = ({ form, name, label, hint, options, required, placeholder }: Omit<FieldProps, 'type'> & { options: Option[]; placeholder?: string }) => {
  const current = fieldValue(form, name);
  return (
    <FieldFrame
      form={form}
      name={name}
      label={label}
      hint={hint}
      required={required}
      control={(a) => (
        // A required select must open on an empty placeholder (HTML's rule), so `required` goes
        // with a placeholder only.
        <select {...a} required={required && placeholder !== undefined}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option value={o.value} selected={o.value === current}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
};

type ChoicesProps = { form: FormState; name: string; legend: string; hint?: string; options: Option[]; required?: boolean };

/** Choices in a fieldset: the legend (with the required mark), the hint and the error message, which describe the group. */
const Choices = ({ form, name, legend, hint, options, required, type }: ChoicesProps & { type: 'checkbox' | 'radio' }) => {
  const id = fieldId(name, form);
  const error = form.errors[name];
  const raw = form.values[name];
  const selected = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  return (
    <fieldset class={error ? 'field field-error' : 'field'} id={id} aria-describedby={describedByOf(id, hint, error)}>
      <legend>
        {legend}
        {required && <RequiredMark />}
      </legend>
      <HintAndError id={id} hint={hint} error={error} />
      {options.map((o, i) => (
        <div class="checkbox">
          <input type={type} id={`${id}-${i}`} name={name} value={o.value} checked={selected.has(o.value)} />
          <label for={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
};

/** A group of checkboxes in a fieldset with a legend. */
export const Checkboxes = (props: ChoicesProps) => <Choices {...props} type="checkbox" />;

/** A group of radio buttons in a fieldset with a legend: one choice. */
export const Radios = (props: ChoicesProps) => <Choices {...props} type="radio" />;

/** A POST form with the CSRF token; every state-changing action is one of these. */
export const PostForm = ({ view, action, children, class: className }: { view: ViewContext; action: string; children: ComponentChildren; class?: string }) => (
  <form method="post" action={action} class={className} novalidate>
    <input type="hidden" name="_csrf" value={view.csrfToken} />
    {children}
  </form>
);

/** A single button that POSTs (sign out, approve, delete …). */
export const PostButton = ({
  view,
  action,
  label,
  variant,
  fields,
}: {
  view: ViewContext;
  action: string;
  label: string;
  variant?: 'danger' | 'secondary';
  fields?: Record<string, string>;
}) => (
  <form method="post" action={action} class="inline-form">
    <input type="hidden" name="_csrf" value={view.csrfToken} />
    {Object.entries(fields ?? {}).map(([k, v]) => (
      <input type="hidden" name={k} value={v} />
    ))}
    <button type="submit" class={variant ? `button button-${variant}` : 'button'}>
      {label}
    </button>
  </form>
);

export type Column<T> = {
  header: string;
  cell: (row: T) => ComponentChildren;
  numeric?: boolean;
  /** The cell names its row (`<th scope="row">`), as a nominee's title does. */
  rowHeader?: boolean;
};

/**
 * Content wider than a phone (a table, a chart drawn at its own size, a month's grid) scrolls
 * sideways in its own region, named by `label` and reachable with the keyboard (WCAG 2.1.1,
 * 1.4.10), with the focus ring of every region (`.table-wrap`). `class` adds a class of its own;
 * `dir` orders its scrolling (a time axis runs left to right in every language).
 */
export const ScrollRegion = ({ label, class: extra, dir, children }: { label: string; class?: string; dir?: 'ltr' | 'rtl'; children: ComponentChildren }) => (
  <div class={extra ? `table-wrap ${extra}` : 'table-wrap'} role="region" aria-label={label} tabindex={0} dir={dir}>
    {children}
  </div>
);

/**
 * A data table with a caption; wide tables scroll inside their own focusable region. Without rows it
 * is a paragraph saying `empty`, or, with `keepEmpty`, the table itself with that sentence as its
 * only row (when a reader compares several tables, as the categories of a prize edition).
 */
export const Table = <T,>({ caption, columns, rows, empty, keepEmpty }: { caption: string; columns: Column<T>[]; rows: T[]; empty: string; keepEmpty?: boolean }) =>
  rows.length === 0 && !keepEmpty ? (
    <p class="empty">{empty}</p>
  ) : (
    <ScrollRegion label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? 'numeric' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row) => <tr>{columns.map((c) => (c.rowHeader ? <th scope="row">{c.cell(row)}</th> : <td class={c.numeric ? 'numeric' : undefined}>{c.cell(row)}</td>))}</tr>)
          )}
        </tbody>
      </table>
    </ScrollRegion>
  );

/** Previous/next and page numbers; keeps the other query parameters. */
export const Pagination = ({
  view,
  page,
  pageSize,
  total,
  baseHref,
  query,
}: {
  view: ViewContext;
  page: number;
  pageSize: number;
  total: number;
  baseHref: string;
  query?: Record<string, string | undefined>;
}) => {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v) params.set(k, v);
    params.set('page', String(p));
    return `${baseHref}?${params.toString()}`;
  };
  const around = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={view.t('core.pagination.label')}>
      <ul>
        {page > 1 && (
          <li>
            <a href={link(page - 1)} rel="prev">
              {view.t('core.pagination.previous')}
            </a>
          </li>
        )}
        {around.map((p) => (
          <li>
            {p === page ? (
              <span aria-current="page">{view.fmt.number(p)}</span>
            ) : (
              <a href={link(p)} aria-label={view.t('core.pagination.page', { page: p })}>
                {view.fmt.number(p)}
              </a>
            )}
          </li>
        ))}
        {page < pages && (
          <li>
            <a href={link(page + 1)} rel="next">
              {view.t('core.pagination.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
};

/** Marks user content shown in another language than the reader's. */
export const InLanguage = ({ view, text, locale }: { view: ViewContext; text: string; locale: string }) =>
  locale === view.locale ? (
    text
  ) : (
    <span lang={locale} dir="auto">
      {text}
    </span>
  );

/** An instant (a deadline, a phase): UTC from the server, turned into the reader's time zone by app.js. */
export const LocalTime = ({ view, value }: { view: ViewContext; value: Date }) => (
  <time datetime={value.toISOString()} data-local-time>
    {view.fmt.dateTime(value)}
  </time>
);

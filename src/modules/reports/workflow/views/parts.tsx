import { LOCALES, type Locale } from '../../../../core/i18n/locales.js';
import type { ReportBlock, ReportText } from '../../../../core/reports/document.js';
import type { ViewContext } from '../../../../core/views/context.js';
import { languageName } from '../../../../core/views/LocalizedText.js';
import type { ReportState } from '../../tables.js';

export const stateLabel = (view: ViewContext, state: ReportState) => view.t(`reports.workflow.state_${state}`);
export const adminReportPath = (id: number) => `/admin/reports/${id}`;
export const reviewPath = (id: number) => `/reports/review/${id}`;

/** A report's language switcher (`?lang=xx`): the language being written or read, the others as links. */
export const LanguageTabs = ({ view, path, current }: { view: ViewContext; path: string; current: Locale }) => (
  <nav aria-label={view.t('reports.workflow.languages')}>
    <ul class="inline-list">
      {LOCALES.map((l) => (
        <li>
          {l === current ? (
            <strong aria-current="page" lang={l}>
              {languageName(view, l)}
            </strong>
          ) : (
            <a href={`${view.href(path)}?lang=${l}`} lang={l} hreflang={l}>
              {languageName(view, l)}
            </a>
          )}
        </li>
      ))}
    </ul>
  </nav>
);

/** A run of text with its marks. */
export const Text = ({ text }: { text: ReportText }) =>
  typeof text === 'string' ? (
    <>{text}</>
  ) : (
    <>
      {text.map((r) => {
        const inner = r.isolate ? <bdi>{r.text}</bdi> : r.text;
        const italic = r.italic ? <em>{inner}</em> : inner;
        return r.bold ? <strong>{italic}</strong> : italic;
      })}
    </>
  );

/** One block of a narrative (headings below the page's h2). */
export const Block = ({ block }: { block: ReportBlock }) => {
  switch (block.type) {
    case 'heading': {
      const Tag = `h${block.level + 1}` as 'h3' | 'h4' | 'h5';
      return (
        <Tag>
          <Text text={block.text} />
        </Tag>
      );
    }
    case 'paragraph':
    case 'note':
      return (
        <p>
          <Text text={block.text} />
        </p>
      );
    case 'list': {
      const Tag = block.ordered ? 'ol' : 'ul';
      return (
        <Tag>
          {block.items.map((item) => (
            <li>
              <Text text={item} />
            </li>
          ))}
        </Tag>
      );
    }
    default:
      return null;
  }
};

/** The page's language from `?lang=` (the reader's when absent or unknown). */
export const langOf = (raw: unknown, fallback: Locale): Locale => (typeof raw === 'string' && (LOCALES as readonly string[]).includes(raw) ? (raw as Locale) : fallback);

import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { EnglishText, Facilitators, LocalizedText } from '../components/Text.js';
import type { ActionLine } from '../queries.js';

const LineItem = ({ view, line, children }: { view: ViewContext; line: ActionLine; children?: ComponentChildren }) => {
  const Heading = line.parent ? 'h3' : 'h2';
  return (
    <li class="action-line">
      <Heading>
        <a href={view.href(`/action-lines/${line.code}`)}>
          <span class="code">{line.code}</span> <LocalizedText view={view} value={line.title} confidence={line.titleConfidence} />
        </a>
      </Heading>
      <dl class="facts">
        <dt>{view.t('reference.action_lines.lead_facilitators')}</dt>
        <dd>
          <Facilitators view={view} names={line.leadFacilitators} />
        </dd>
        {line.ituRole && (
          <>
            <dt>{view.t('reference.action_lines.itu_role')}</dt>
            <dd>
              <EnglishText view={view} text={line.ituRole} />
            </dd>
          </>
        )}
      </dl>
      {children}
    </li>
  );
};

/** Public: the WSIS Action Lines C1–C11, with C7's sub-lines nested under it. */
export const ActionLinesPage = ({ view, lines }: { view: ViewContext; lines: ActionLine[] }) => {
  const { t } = view;
  const top = lines.filter((l) => !l.parent);
  return (
    <Layout view={view} title={t('reference.action_lines.title')}>
      <h1>{t('reference.action_lines.title')}</h1>
      <p class="lead">{t('reference.action_lines.lead')}</p>
      <ul class="action-lines">
        {top.map((line) => {
          const children = lines.filter((l) => l.parent === line.code);
          return (
            <LineItem view={view} line={line}>
              {children.length > 0 && (
                <ul class="sub-lines" aria-label={t('reference.action_lines.sub_lines_of', { code: line.code })}>
                  {children.map((child) => (
                    <LineItem view={view} line={child} />
                  ))}
                </ul>
              )}
            </LineItem>
          );
        })}
      </ul>
    </Layout>
  );
};

/**
 * TEMPORARY STAND-IN (build branch, issue 17) — replaced by the real renderer of output/ at the
 * merge. A minimal HTML rendering of a ReportDocument so the build can be tested before the merge.
 */
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { cellText, reportText } from '../../../core/reports/document.js';
import type { ReportDocument } from '../document.js';

/** The report's body (first page and sections) for the site's Layout. */
export const ReportBody = ({ doc }: { doc: ReportDocument }): VNode => (
  <article lang={doc.locale} dir={doc.dir}>
    <p>{doc.front.organization}</p>
    <h1>{doc.front.title}</h1>
    {doc.front.symbol ? <p>{doc.front.symbol}</p> : null}
    <p>{doc.front.dateLine}</p>
    <p>{doc.front.originalLine}</p>
    <p>{doc.front.distributionLine}</p>
    <p>{doc.front.periodLine}</p>
    {doc.front.draftMark ? <p>{doc.front.draftMark}</p> : null}
    {doc.sections.map((s) => (
      <section key={s.id}>
        <h2>{s.title}</h2>
        {s.blocks.map((b, i) => {
          const key = `${s.id}-${i}`;
          if (b.type === 'heading' || b.type === 'paragraph' || b.type === 'note') return <p key={key}>{reportText(b.text)}</p>;
          if (b.type === 'list')
            return (
              <ul key={key}>
                {b.items.map((item, j) => (
                  <li key={`${key}-${j}`}>{reportText(item)}</li>
                ))}
              </ul>
            );
          if (b.type === 'table')
            return (
              <table key={key}>
                <caption>{b.caption}</caption>
                <tbody>
                  {b.rows.map((row, j) => (
                    <tr key={`${key}-${j}`}>
                      {row.map((cell, k) => (
                        <td key={`${key}-${j}-${k}`}>{cellText(cell)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          return (
            <table key={key}>
              <caption>{b.title}</caption>
              <tbody>
                {b.data.map((d, j) => (
                  <tr key={`${key}-${j}`}>
                    <td>{d.label}</td>
                    <td>{d.display}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </section>
    ))}
  </article>
);

/** The standalone HTML document of a report. */
export const renderReportHtml = (doc: ReportDocument, _options: { charts?: unknown } = {}): string =>
  `<!doctype html><html lang="${doc.locale}" dir="${doc.dir}"><head><meta charset="utf-8"><title>${escapeHtml(doc.front.title)}</title></head><body>${renderToString(<ReportBody doc={doc} />)}</body></html>`;

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import type { Edition } from '../phases.js';

/**
 * The frame of every page of one edition: the layout, the breadcrumb back to the edition and the
 * page's heading. The edition's pages differ only in what follows the heading.
 */
export const EditionLayout = ({ view, edition, title, children }: { view: ViewContext; edition: Edition; title: string; children?: ComponentChildren }) => (
  <Layout view={view} title={title}>
    <p class="breadcrumb">
      <a href={view.href(`/prizes/${edition.year}`)}>{view.t('prizes.edition.title', { year: edition.year })}</a>
    </p>
    <h1>{title}</h1>
    {children}
  </Layout>
);

import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../core/views/context.js';
import { Layout } from '../../../core/views/Layout.js';
import { EditionSwitcher } from '../components/EditionSwitcher.js';
import type { Edition } from '../phases.js';

/**
 * The frame of every page of one edition: the layout, the breadcrumb back to the edition and the
 * page's heading, with a switcher to the same page of the other editions where a role works across
 * years (review, selection, integrity). The edition's pages differ only in what follows.
 */
export const EditionLayout = ({
  view,
  edition,
  title,
  switcher,
  children,
}: {
  view: ViewContext;
  edition: Edition;
  title: string;
  switcher?: { years: number[]; path: (year: number) => string };
  children?: ComponentChildren;
}) => (
  <Layout view={view} title={title}>
    <p class="breadcrumb">
      <a href={view.href(`/prizes/${edition.year}`)}>{view.t('prizes.edition.title', { year: edition.year })}</a>
    </p>
    <h1>{title}</h1>
    {switcher && <EditionSwitcher view={view} years={switcher.years} current={edition.year} path={switcher.path} />}
    {children}
  </Layout>
);

import type { ViewContext } from './context.js';
import { Layout } from './Layout.js';

export const ErrorPage = ({ view, title, detail, status }: { view: ViewContext; title: string; detail?: string; status: number }) => (
  <Layout view={view} title={title}>
    <h1>{title}</h1>
    {detail && <p>{detail}</p>}
    <p class="muted">{view.t('core.errors.status_code', { status })}</p>
    <p>
      <a href={view.href('/')}>{view.t('core.errors.back_home')}</a>
    </p>
  </Layout>
);

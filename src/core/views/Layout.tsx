import type { ComponentChildren } from 'preact';
import { dir, ENDONYMS, type Locale, LOCALES } from '../i18n/locales.js';
import { hasOtherDirection, isolate, type Translate } from '../i18n/translate.js';
import type { ViewContext } from './context.js';

type LayoutProps = { view: ViewContext; title: string; children: ComponentChildren; wide?: boolean };

/**
 * The document's title: the page's own title, then the site's name, once (the home page's title
 * is the site's name itself). A title in the other direction (a Latin entry title in Arabic) is
 * isolated so that the separator stays between the two.
 */
export const documentTitle = ({ t, locale, title }: { t: Translate; locale: Locale; title: string }) => {
  const site = t('core.site.name');
  const page = hasOtherDirection(title, locale) ? isolate(title) : title;
  return title.includes(site) ? page : `${page} · ${site}`;
};

/** The page shell: skip link, header with navigation and language switcher, main, footer. */
export const Layout = ({ view, title, children, wide }: LayoutProps) => {
  const { t, locale, actor } = view;
  return (
    <html lang={locale} dir={view.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{documentTitle({ t, locale, title })}</title>
        <link rel="stylesheet" href={view.asset('styles.css')} />
        <link rel="icon" href={view.asset('favicon.svg')} type="image/svg+xml" />
        {LOCALES.map((l) => (
          <link rel="alternate" hreflang={l} href={`/${l}${view.path}`} />
        ))}
        <script src={view.asset('app.js')} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('core.layout.skip_to_content')}
        </a>
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href={view.href('/')}>
              <span class="brand-mark" aria-hidden="true">
                WSIS
              </span>
              <span class="brand-name">{t('core.site.name')}</span>
            </a>
            <nav class="language-switcher" aria-label={t('core.layout.language_nav')}>
              <ul>
                {LOCALES.map((l) => (
                  <li>
                    <a href={`/language/${l}?next=${encodeURIComponent(`/${l}${view.path}`)}`} lang={l} hreflang={l} aria-current={l === locale ? 'true' : undefined}>
                      {ENDONYMS[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          {/*
            On a phone the menus fold under a "Menu" button, without JavaScript too (a disclosure);
            on wider screens the stylesheet shows them open and hides the button (styles.css, "Menu").
          */}
          <details class="container header-row site-menu">
            <summary class="site-menu-toggle">{t('core.layout.menu')}</summary>
            <nav class="main-nav" aria-label={t('core.layout.main_nav')}>
              <ul>
                {view.nav.map((item) => (
                  <li>
                    <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <nav class="account-nav" aria-label={t('core.layout.account_nav')}>
              <ul>
                {actor ? (
                  <>
                    {view.adminNav.length > 0 && (
                      <li>
                        <a href={view.href('/admin')}>{t('core.layout.admin')}</a>
                      </li>
                    )}
                    <li>
                      <a href={view.href('/notifications')} aria-current={view.path.split('?')[0] === '/notifications' ? 'page' : undefined}>
                        {t('core.layout.notifications')}
                        {(actor.unreadNotifications ?? 0) > 0 && (
                          <span class="notification-count">
                            <span aria-hidden="true">{(actor.unreadNotifications ?? 0) >= 100 ? `${view.fmt.number(99)}+` : view.fmt.number(actor.unreadNotifications ?? 0)}</span>
                            <span class="visually-hidden">{t('core.layout.unread_count', { count: actor.unreadNotifications ?? 0 })}</span>
                          </span>
                        )}
                      </a>
                    </li>
                    <li>
                      <a href={view.href('/account')}>{t('core.layout.my_account')}</a>
                    </li>
                    <li>
                      <form method="post" action={view.href('/sign-out')} class="inline-form">
                        <input type="hidden" name="_csrf" value={view.csrfToken} />
                        <button type="submit" class="link-button">
                          {t('core.layout.sign_out')}
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <a href={view.href('/sign-in')}>{t('core.layout.sign_in')}</a>
                    </li>
                    <li>
                      <a href={view.href('/register')}>{t('core.layout.register')}</a>
                    </li>
                  </>
                )}
              </ul>
            </nav>
          </details>
        </header>
        <main id="main" class={wide ? 'container wide' : 'container'} tabindex={-1}>
          {view.flash.map((f) => {
            // A message written on a page of another language is marked as written in its own.
            const other = f.locale && f.locale !== view.locale ? f.locale : undefined;
            return (
              <div class={`flash flash-${f.type}`} role={f.type === 'error' ? 'alert' : 'status'} lang={other} dir={other && dir(other)}>
                {f.text}
              </div>
            );
          })}
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>{t('core.layout.footer_mandate')}</p>
            <ul class="footer-links">
              <li>
                <a href={view.href('/action-lines')}>{t('core.nav.action_lines')}</a>
              </li>
              <li>
                <a href={view.href('/sdgs')}>{t('core.nav.sdgs')}</a>
              </li>
              <li>
                <a href={view.href('/matrix')}>{t('core.nav.matrix')}</a>
              </li>
              <li>
                <a href={`/${locale}/api/docs`}>{t('core.layout.api_docs')}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
};

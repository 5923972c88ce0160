// WSIS Platform: small progressive enhancements (every page works without this file).
// Loaded with `defer`; the Content-Security-Policy forbids inline script.
(() => {
  // Move focus to the element that asks for it (the error summary of a form sent back with errors),
  // so screen reader and keyboard users land on the list of problems.
  const target = document.querySelector('[data-autofocus]');
  if (target instanceof HTMLElement) {
    if (!target.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) target.setAttribute('tabindex', '-1');
    target.focus();
  }
})();

// Dates of deadlines and phases are written by the server in UTC; show them in the reader's own
// time zone (the UTC text stays for readers without JavaScript).
(() => {
  const lang = document.documentElement.lang || undefined;
  for (const el of document.querySelectorAll('time[data-local-time]')) {
    const value = new Date(el.getAttribute('datetime') || '');
    if (Number.isNaN(value.getTime())) continue;
    // (dateStyle cannot be combined with timeZoneName: the fields are named one by one.)
    el.textContent = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(value);
  }
})();

// The menu (a <details> that folds the menus on a phone) stays open on wider screens, where the
// stylesheet hides its button; this helps browsers that cannot style ::details-content. Escape
// folds it again on a phone and puts focus back on its button.
(() => {
  const menu = document.querySelector('details.site-menu');
  const toggle = menu?.querySelector('summary');
  if (!(menu instanceof HTMLDetailsElement) || !(toggle instanceof HTMLElement)) return;
  const wide = window.matchMedia('(min-width: 40.0625rem)');
  const sync = () => {
    menu.open = wide.matches;
  };
  sync();
  wide.addEventListener('change', sync);
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || wide.matches || !menu.open) return;
    menu.open = false;
    toggle.focus();
  });
})();

// A page showing work under way (a report build) reloads itself every few seconds while it lasts
// (`data-refresh-seconds`, set by the server only while the work runs), unless the reader is
// typing in a form on it.
(() => {
  const el = document.querySelector('[data-refresh-seconds]');
  const seconds = Number(el?.getAttribute('data-refresh-seconds'));
  if (!el || !(seconds > 0)) return;
  let typing = false;
  document.addEventListener('input', () => {
    typing = true;
  });
  setTimeout(() => {
    if (!typing) window.location.reload();
  }, seconds * 1000);
})();

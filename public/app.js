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

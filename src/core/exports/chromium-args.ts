/**
 * The command line every Chromium of the platform starts with: the PDF printer (pdf.ts) and the
 * browser tests (e2e/support/chromium.ts). Nothing reaches out to the network at start (CI's
 * network is closed); no GPU; no first-run work.
 *
 * `--disable-features` also turns off the omnibox popup that Chromium 156 (Debian's
 * 156.0.8078.114) builds as a WebUI page, in a renderer of its own, for every window it opens,
 * headless too: two `chrome://omnibox-popup.top-chrome/` renderers per page opened, which cost
 * about 60 % more processor time per page (measured: 30 contexts with a page each, 6.8–7.4 s of
 * Chromium's processor time with them, 4.2–4.6 s without). A browser test checks that no such
 * renderer comes back under a new feature name (e2e/chromium.spec.ts).
 *
 * Chromium reads only the last `--disable-features` of its command line, and Playwright passes
 * its own before ours: the list therefore repeats Playwright's (playwright-core 1.65,
 * `chromiumSwitches`), which keep the browser from calling Google's services at start.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/** The omnibox popup's WebUI renderers (the address bar's suggestions, and its AI mode's). */
const OMNIBOX_POPUP_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...OMNIBOX_POPUP_FEATURES].join(',')}`,
];

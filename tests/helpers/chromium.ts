// Debian's Chromium, as the browser tests and the Lighthouse audit launch it.
// No browser is downloaded: CHROME_PATH (Lighthouse's own name for it) or the
// Debian package's path.
export const CHROMIUM = process.env['CHROME_PATH'] || '/usr/bin/chromium';

/**
 * The flags that work on these machines (no sandbox as root, no GPU). Without
 * the background-networking ones Chromium keeps trying hosts this closed
 * network refuses.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
] as const;

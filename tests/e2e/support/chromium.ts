/**
 * Debian's Chromium as every Playwright project here drives it: the registry's
 * browser download is unreachable, so never `npx playwright install`. The flags keep
 * it off the network this machine does not have.
 */
export const CHROMIUM = {
  browserName: 'chromium' as const,
  viewport: { width: 1280, height: 800 },
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

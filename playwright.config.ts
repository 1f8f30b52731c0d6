import { defineConfig } from '@playwright/test';

// Debian's Chromium (never a downloaded browser), driven against `docket serve` on a temporary database.
export default defineConfig({
  testDir: 'test/e2e',
  // The root tsconfig maps better-sqlite3-multiple-ciphers to its .d.ts for the type checker only;
  // Playwright would follow that mapping at run time, so it loads tests with the base config.
  tsconfig: './tsconfig.base.json',
  outputDir: 'test-results/playwright',
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});

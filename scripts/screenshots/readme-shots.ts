// The README's screenshots: taken by the first-run Playwright test (test/e2e/first-run.spec.ts) under
// test-results/screenshots/, kept in docs/screenshots/ under these names.
export const README_SHOTS: Readonly<Record<string, string>> = {
  '31-first-run-welcome.png': 'first-run-welcome.png',
  '32-first-run-loading.png': 'first-run-loading.png',
  '33-sample-invoices.png': 'sample-invoices.png',
  '34-sample-invoice-reviewed.png': 'sample-invoice-reviewed.png',
  '35-sample-ticket-routed.png': 'sample-ticket-routed.png',
  '36-sample-contact-tagged.png': 'sample-contact-tagged.png',
};

export const README_SHOTS_DIR = 'docs/screenshots';

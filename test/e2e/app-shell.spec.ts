// The window in a real browser against the real core: every area, its accessibility, the keyboard, and
// screenshots for people to look at (test-results/screenshots/).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Store } from '../../main/store/database.ts';
import { docket, spawnServe } from '../helpers/cli.ts';
import { seriousAxeViolations } from './axe.ts';

const areas = [
  // An empty workspace welcomes with the sample data and the user's folder (first-run.spec.ts follows them).
  { label: 'Review inbox', heading: 'Review inbox', empty: 'Welcome to Docket' },
  { label: 'Documents', heading: 'Documents', empty: 'No documents yet' },
  { label: 'Invoices', heading: 'Invoices and receipts', empty: 'No invoices yet' },
  { label: 'Tickets', heading: 'Tickets', empty: 'No tickets yet' },
  { label: 'CRM', heading: 'CRM records', empty: 'No CRM records yet' },
  { label: 'Imports', heading: 'Imports', empty: 'No imports running' },
  // A new database starts with the shipped models.
  { label: 'Models', heading: 'Models', empty: 'support-intent' },
  { label: 'Settings', heading: 'Settings', empty: 'Preferences' },
];

async function openApp(page: Page): Promise<void> {
  const url = process.env.DOCKET_E2E_OPEN_URL;
  if (!url) throw new Error('global setup did not start docket serve');
  await page.goto(url);
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('encrypted');
}

test('the token leaves the address bar once it is used', async ({ page }) => {
  await openApp(page);
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await expect(page.getByRole('status', { name: 'Status' })).toContainText('schema');
});

test('without the token the window says it is not connected', async ({ page }) => {
  await page.goto(process.env.DOCKET_E2E_URL as string);
  await expect(page.getByRole('status', { name: 'Status' })).toContainText(
    /Not connected: Missing or wrong access token/,
  );
});

for (const [index, area] of areas.entries()) {
  test(`${area.label}: reachable, explains itself, no serious accessibility problems`, async ({ page }) => {
    await openApp(page);
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: area.label }).click();
    await expect(page.getByRole('heading', { level: 2, name: area.heading })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(area.empty);
    await expect(page).toHaveTitle(`${area.label} · Docket`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({
      path: `test-results/screenshots/${String(index + 1).padStart(2, '0')}-${area.label.toLowerCase().replace(/\s+/g, '-')}.png`,
      fullPage: true,
    });
  });
}

test('keyboard: Alt+digit moves between areas and the skip link reaches the content', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 2, name: 'Documents' })).toBeVisible();
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
  // Tab from the content reaches the first settings field
  await expect(page.getByLabel('Table density').first()).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Table density').first()).toBeFocused();
});

test('documents search says when nothing matches', async ({ page }) => {
  await openApp(page);
  await page.getByRole('link', { name: 'Documents' }).click();
  await page.getByLabel('Search document text').fill('quarterly');
  await expect(page.getByText('No document contains “quarterly”.')).toBeVisible();
});

test('settings are validated, saved to the database and recorded in the activity log', async ({ page }) => {
  await openApp(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Default phone region').fill('1x');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Not saved')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('two-letter country code');
  await page.getByLabel('Default phone region').fill('de');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('main').getByText('Saved.')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('settings.set records.defaultPhoneRegion');
  await page.reload();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Default phone region')).toHaveValue('DE');
  await page.screenshot({ path: 'test-results/screenshots/09-settings-saved.png', fullPage: true });
});

test('when the server stops, the status bar says the connection was lost', async ({ page }) => {
  // Its own server, so stopping it does not disturb the other tests.
  const dir = mkdtempSync(join(tmpdir(), 'docket-e2e-drop-'));
  const db = join(dir, 'docket.db');
  expect(docket(['init', '--db', db]).code).toBe(0);
  const { child, info } = await spawnServe(db);
  try {
    await page.goto(info.openUrl);
    await expect(page.getByRole('status', { name: 'Status' })).toContainText('encrypted');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await expect(page.getByRole('status', { name: 'Status' })).toContainText('Lost the connection to Docket');
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('documents: a long list scrolls smoothly (virtualized) and search finds one document among thousands', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'docket-e2e-docs-'));
  const db = join(dir, 'docket.db');
  expect(docket(['init', '--db', db]).code).toBe(0);
  const store = Store.open({ path: db, key: readFileSync(`${db}.key`, 'utf8').trim() });
  const addDoc = store.db.prepare(
    'INSERT INTO documents (title, kind, status, page_count) VALUES (?, ?, ?, ?)',
  );
  const addText = store.db.prepare('INSERT INTO document_text (document_id, text) VALUES (?, ?)');
  store.db.transaction(() => {
    for (let i = 1; i <= 3000; i++) {
      const id = addDoc.run(`Invoice ${i}`, 'invoice', 'read', 1 + (i % 4)).lastInsertRowid;
      addText.run(id, `Invoice number INV-${i} from supplier ${i % 7 === 0 ? 'Zyxel Holdings' : 'Acme'}`);
    }
  })();
  store.close();
  const { child, info } = await spawnServe(db);
  try {
    await page.goto(info.openUrl);
    await page.getByRole('link', { name: 'Documents' }).click();
    const table = page.getByRole('table');
    await expect(table.getByRole('row', { name: /Invoice 3000/ })).toBeVisible();
    await expect(page.getByText('Showing the first 1,000 of 3,000 documents')).toBeVisible();
    // Only what is on screen is in the page, not a thousand rows.
    expect(await table.locator('tbody tr').count()).toBeLessThan(80);
    await page
      .getByRole('region', { name: 'Documents table' })
      .evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(table.getByRole('row', { name: /Invoice 2001\b/ })).toBeVisible();
    await page.getByLabel('Search document text').fill('INV-2718');
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table).toContainText('Invoice 2718');
    await expect(table.locator('mark')).toHaveText(['INV', '2718']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel('Search document text').fill('zyxel');
    await expect(table.locator('mark').first()).toHaveText('Zyxel');
    expect(await page.getByRole('region', { name: 'Documents table' }).evaluate((el) => el.scrollTop)).toBe(
      0,
    );
    await expect(page.getByText(/Showing the first/)).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/10-documents-search.png' });
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

// The first run: an empty Docket offers the sample data and the user's own folder; "Try with sample data"
// loads samples/ into a sample workspace of its own, and from there the user reaches a reviewed invoice, a
// routed ticket and a tagged contact; one click deletes the sample workspace and the user's own is as it
// was. The screenshots taken here are the README's (scripts/readme-screenshots.ts copies them).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docket, spawnServe } from '../helpers/cli.ts';
import { call } from './api.ts';
import { seriousAxeViolations } from './axe.ts';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

interface Label {
  task: string;
  status: string;
  source: string | null;
  value: string | string[] | null;
}
interface RecordItem {
  id: number;
  title: string;
  email: string | null;
  labels: Label[];
}

test('first run: try the sample data, reach a reviewed invoice, a routed ticket and a tagged contact, then delete it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'docket-e2e-first-run-'));
  const db = join(dir, 'docket.db');
  expect(docket(['init', '--db', db]).code).toBe(0);
  const { child, info } = await spawnServe(db);
  try {
    await page.goto(info.openUrl);
    const main = page.getByRole('main');

    // An empty workspace welcomes with the two ways in.
    await expect(main.getByRole('heading', { name: 'Welcome to Docket' })).toBeVisible();
    const trySample = main.getByRole('button', { name: 'Try with sample data' });
    await expect(trySample).toBeVisible();
    await expect(main.getByRole('button', { name: 'Import my folder' })).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, '31-first-run-welcome');

    // The sample data loads in the background, step by step, then the window is in the sample workspace.
    await trySample.click();
    const loading = page.getByRole('status', { name: 'Loading the sample data' });
    await expect(loading).toBeVisible();
    await expect(loading).toContainText('Read invoices, receipts, scans, contracts and emails');
    await expect(loading).toContainText(/Reading the documents \([1-9]|Importing the/, { timeout: 60_000 });
    await shot(page, '32-first-run-loading');
    const banner = page.getByRole('region', { name: 'Sample workspace' });
    await expect(banner).toBeVisible({ timeout: 240_000 });
    await expect(banner).toContainText(/Docket read \d+ documents/);
    await expect(page.getByRole('navigation', { name: 'Areas' })).toContainText('Sample workspace');
    const state = await call<{
      active: string;
      sample: {
        report: {
          documents: { failed: number; read: number };
          invoices: { found: number };
          tickets: { routed: number };
        };
      };
    }>(page, info, 'workspace.get', {});
    expect(state.active).toBe('sample');
    expect(state.sample.report.documents.failed).toBe(0);
    expect(state.sample.report.invoices.found).toBeGreaterThanOrEqual(20);
    expect(state.sample.report.tickets.routed).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A reviewed invoice: from the banner to the list, one opened and accepted.
    await banner.getByRole('link', { name: /invoices and receipts/ }).click();
    await expect(page).toHaveURL(/#\/invoices$/);
    const { items: invoices } = await call<{
      items: { id: number; documentType: string; invoiceId: string | null; title: string }[];
    }>(page, info, 'invoices.list', {});
    const invoice = invoices.find(
      (i) => i.documentType === 'invoice' && i.invoiceId && i.title.endsWith('.pdf'),
    );
    expect(invoice, 'a digital invoice with its number found').toBeDefined();
    await expect(main.getByRole('row').filter({ hasText: invoice!.invoiceId! }).first()).toBeVisible();
    await shot(page, '33-sample-invoices');
    await main.getByRole('row').filter({ hasText: invoice!.invoiceId! }).first().click();
    await expect(page).toHaveURL(new RegExp(`#/invoices/${invoice!.id}$`));
    await expect(page.getByTestId('invoice-page').first().locator('canvas')).toBeVisible();
    await page.getByRole('button', { name: 'Accept' }).click();
    await expect(page.getByTestId('invoice-status')).toHaveText('Accepted');
    const reviewed = await call<{ status: string }>(page, info, 'invoices.get', { id: invoice!.id });
    expect(reviewed.status).toBe('accepted');
    await shot(page, '34-sample-invoice-reviewed');

    // A routed ticket: a new ticket (no queue in the export) that the learned model routed.
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Tickets' }).click();
    await expect(page.getByTestId('mode-queue')).toHaveText(/learned model v\d+/);
    const { items: tickets } = await call<{ items: RecordItem[] }>(page, info, 'records.list', {
      kind: 'tickets',
      task: 'queue',
      status: 'auto',
      limit: 50,
    });
    // (One whose subject reads like most do: the export also holds formula-like subjects, for CSV safety.)
    const routed = tickets.find(
      (t) =>
        /^[A-Za-z]/.test(t.title) &&
        t.labels.some((l) => l.task === 'queue' && l.source === 'model' && typeof l.value === 'string'),
    );
    expect(routed, 'a ticket routed by the learned model').toBeDefined();
    const queue = routed!.labels.find((l) => l.task === 'queue')!.value as string;
    await main.getByLabel('Search tickets').fill(routed!.title.slice(0, 60));
    await expect(page.getByTestId('record-count')).toHaveText(/match/);
    const ticketRow = main
      .getByRole('row')
      .filter({ hasText: routed!.title.slice(0, 40) })
      .first();
    await expect(ticketRow).toContainText(queue);
    await ticketRow.click();
    await expect(page.getByTestId('record-detail')).toContainText(queue);
    await shot(page, '35-sample-ticket-routed');

    // A tagged contact: tags applied by the model learned from the CRM's own tags.
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'CRM' }).click();
    const { items: contacts } = await call<{ items: RecordItem[] }>(page, info, 'records.list', {
      kind: 'crm',
      task: 'tags',
      status: 'auto',
      recordType: 'contact',
      limit: 200,
    });
    const tagged = contacts.find((c) =>
      c.labels.some(
        (l) => l.task === 'tags' && l.source === 'model' && Array.isArray(l.value) && l.value.length,
      ),
    );
    expect(tagged, 'a contact tagged by the learned model').toBeDefined();
    const tags = tagged!.labels.find((l) => l.task === 'tags')!.value as string[];
    await main.getByLabel('Search records').fill(tagged!.email ?? tagged!.title);
    await expect(page.getByTestId('record-count')).toHaveText(/match/);
    const contactRow = main.getByRole('row').filter({ hasText: tagged!.title }).first();
    await expect(contactRow).toContainText(tags[0]!);
    await contactRow.click();
    await expect(page.getByTestId('record-detail')).toContainText(tags[0]!);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, '36-sample-contact-tagged');

    // One click deletes the sample workspace; the user's own is empty as before and welcomes again.
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Review inbox' }).click();
    await banner.getByRole('button', { name: 'Delete sample workspace' }).click();
    await expect(main.getByText('The sample workspace was deleted.')).toBeVisible();
    await expect(banner).toBeHidden();
    await expect(main.getByRole('button', { name: 'Try with sample data' })).toBeVisible();
    expect(readdirSync(dir).filter((f) => f.startsWith('docket-sample.db'))).toEqual([]);
    expect(existsSync(db)).toBe(true);
    const status = await call<{ counts: { files: number; records: number } }>(page, info, 'status.get', {});
    expect(status.counts.files + status.counts.records).toBe(0);

    // The other way in: the user's own folder, through the Imports area.
    await main.getByRole('button', { name: 'Import my folder' }).click();
    await expect(page).toHaveURL(/#\/imports$/);
    await expect(main.getByLabel('Folders or files to import')).toBeVisible();
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

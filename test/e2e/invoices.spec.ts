// Reviewing invoices through the window: a folder of generated invoices imported, the list shown, one
// opened with a field's box highlighted over the page, a field corrected (and a bad value refused in
// words), the invoice accepted with the keyboard and reopened, and the selected invoices exported to CSV,
// JSON and XLSX.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { docket, spawnServe, type ServeInfo } from '../helpers/cli.ts';
import { call } from './api.ts';
import { seriousAxeViolations } from './axe.ts';

const WRITE_SAMPLES = fileURLToPath(
  new URL('../../models/recipes/invoices/write-samples.ts', import.meta.url),
);
const SAMPLES = 6;
const CORRECTED_NUMBER = 'INV-E2E-4711';

/** The generator's PDFs (only those: it may write label files beside them) in a folder of their own. */
function generateInvoices(dir: string): string {
  const out = join(dir, 'generated');
  const run = spawnSync(
    process.execPath,
    [WRITE_SAMPLES, '--out', out, '--n', String(SAMPLES), '--seed', '1'],
    { encoding: 'utf8', timeout: 60_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  const folder = join(dir, 'incoming');
  mkdirSync(folder, { recursive: true });
  const pdfs = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pdf'));
  expect(pdfs.length).toBeGreaterThan(0);
  for (const f of pdfs) copyFileSync(join(out, f), join(folder, f.replace(/[\\/]/g, '-')));
  return folder;
}

interface Field {
  value: string | number;
  confidence: number;
  page: number;
  bbox: [number, number, number, number];
  source: string;
}
interface Invoice {
  id: number;
  firstPage: number;
  status: string;
  extraction: { fields: Record<string, Field | undefined> };
}

/** Reads an invoice straight from the API, to compare the window with what the core holds. */
function getInvoice(page: Page, info: ServeInfo, id: number): Promise<Invoice> {
  return call<Invoice>(page, info, 'invoices.get', { id });
}

test('import invoices, review one with its boxes on the page, correct a field, accept, and export', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'docket-e2e-invoices-'));
  const db = join(dir, 'docket.db');
  const folder = generateInvoices(dir);
  const fileCount = readdirSync(folder).length;
  expect(docket(['init', '--db', db]).code).toBe(0);
  const { child, info } = await spawnServe(db);
  try {
    await page.goto(info.openUrl);
    await page.getByRole('link', { name: 'Imports' }).click();
    await page.getByLabel('Folders or files to import').fill(folder);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const card = page.getByLabel(/^Import \d+$/);
    await expect(card.getByRole('status')).toContainText(`${fileCount} of ${fileCount} files`, {
      timeout: 120_000,
    });

    // The list: one row per invoice, with vendor, number, date, total, status and confidence.
    await page.getByRole('link', { name: 'Invoices' }).click();
    const list = page.getByRole('table', { name: 'Invoices' });
    const rows = list.locator('tbody tr[data-index]');
    await expect(rows.first()).toBeVisible();
    const invoiceCount = await rows.count();
    expect(invoiceCount).toBeGreaterThanOrEqual(fileCount);
    await expect(page.getByTestId('invoice-count')).toHaveText(`${invoiceCount} invoices`);
    await expect(list.getByRole('columnheader')).toHaveText([
      '', // the "select all" checkbox
      'Vendor',
      'Number',
      'Date',
      'Total',
      'Type',
      'Status',
      'Lowest confidence',
      'Warnings',
    ]);
    await expect(list.getByRole('checkbox', { name: `Select all ${invoiceCount} invoices` })).toBeVisible();
    await expect(rows.first()).toContainText('Needs review');
    await expect(rows.first().locator('td').nth(7)).toHaveText(/\d{1,3}%/);
    // Totals are written with their currency.
    await expect(
      list
        .locator('tbody td:nth-child(5)')
        .filter({ hasText: /\d[.,]\d\d/ })
        .first(),
    ).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/19-invoices-list.png', fullPage: true });

    // Searching narrows the list; clearing it brings every invoice back.
    const firstNumber = (await rows.first().locator('td').nth(2).textContent()) ?? '';
    if (firstNumber && firstNumber !== '—') {
      await page.getByLabel('Search invoices').fill(firstNumber);
      await expect(rows.first()).toContainText(firstNumber);
      await page.getByLabel('Search invoices').fill('');
      await expect(rows).toHaveCount(invoiceCount);
    }

    // The keyboard opens invoices: arrow down to the second row, Enter.
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/invoices\/\d+$/);
    await page.getByRole('button', { name: '← All invoices' }).click();
    // Back in the list, the focus returns to the row that was opened.
    await expect(rows.nth(1)).toBeFocused();

    // Open an invoice whose number Docket found (receipts may have none).
    const { items } = await call<{ items: { id: number; documentType: string; invoiceId: string | null }[] }>(
      page,
      info,
      'invoices.list',
      {},
    );
    const target = items.find((i) => i.documentType === 'invoice' && i.invoiceId);
    expect(target, 'an invoice with its number found').toBeDefined();
    await rows.filter({ hasText: target!.invoiceId! }).first().click();
    await expect(page).toHaveURL(new RegExp(`#/invoices/${target!.id}$`));
    const id = target!.id;
    const before = await getInvoice(page, info, id);
    const sheet = page.getByTestId('invoice-page').first();
    await expect(sheet.locator('canvas')).toBeVisible();

    // Choosing a field highlights its box on the page, right where the core says the value is.
    const numberField = before.extraction.fields.invoiceId;
    expect(numberField, 'the generated invoice has an invoice number').toBeDefined();
    await page.getByLabel('Invoice number', { exact: true }).click();
    const highlight = page.getByTestId('field-highlight');
    await expect(highlight).toBeVisible();
    await expect(highlight).toHaveAttribute('data-field', 'invoiceId');
    const pageIndex = numberField!.page - before.firstPage;
    const sheetBox = (await page.getByTestId('invoice-page').nth(pageIndex).boundingBox())!;
    const [x0, y0, x1, y1] = numberField!.bbox;
    const expected = {
      x: sheetBox.x + x0 * sheetBox.width,
      y: sheetBox.y + y0 * sheetBox.height,
      width: (x1 - x0) * sheetBox.width,
      height: (y1 - y0) * sheetBox.height,
    };
    // The frame sits 4 px outside the box on every side.
    await expect
      .poll(async () => {
        const b = (await highlight.boundingBox())!;
        return Math.max(
          Math.abs(b.x + 4 - expected.x),
          Math.abs(b.y + 4 - expected.y),
          Math.abs(b.width - 8 - expected.width),
          Math.abs(b.height - 8 - expected.height),
        );
      })
      .toBeLessThan(2);
    await expect(page.getByText('Invoice number is highlighted on page')).toBeVisible();
    // Tabbing to the next field moves the highlight with it.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Invoice date', { exact: true })).toBeFocused();
    if (before.extraction.fields.invoiceDate) {
      await expect(highlight).toHaveAttribute('data-field', 'invoiceDate');
    }
    await page.getByLabel('Invoice number', { exact: true }).click();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/20-invoice-detail.png' });

    // A value the core refuses is explained next to its field; Escape puts the saved value back.
    const amount = page.getByLabel('Amount due', { exact: true });
    await amount.fill('twelve');
    await amount.press('Enter');
    const amountRow = page.getByTestId('field-amountDue');
    await expect(amountRow).toContainText('Enter an amount in figures');
    await amount.press('Escape');
    await expect(amountRow).not.toContainText('Enter an amount in figures');
    const currency = page.getByLabel('Currency', { exact: true });
    await currency.fill('QQQ');
    await currency.press('Enter');
    const currencyRow = page.getByTestId('field-currency');
    await expect(currencyRow.locator('.mantine-InputWrapper-error')).toBeVisible();
    await expect(currencyRow.locator('.mantine-InputWrapper-error')).not.toHaveText(/invoices\.updateField/);
    await currency.press('Escape');
    await expect(currencyRow.locator('.mantine-InputWrapper-error')).toHaveCount(0);

    // Correct the invoice number: Enter saves, the field is marked corrected and its source is the user.
    const number = page.getByLabel('Invoice number', { exact: true });
    await number.fill(CORRECTED_NUMBER);
    await expect(page.getByText('1 unsaved change')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Accept' })).toBeDisabled();
    await number.press('Enter');
    const numberRow = page.getByTestId('field-invoiceId');
    await expect(numberRow.getByTestId('field-corrected')).toBeVisible();
    await expect(numberRow).toContainText('You');
    await expect(number).toHaveValue(CORRECTED_NUMBER);
    const after = await getInvoice(page, info, id);
    expect(after.extraction.fields.invoiceId?.value).toBe(CORRECTED_NUMBER);
    expect(after.extraction.fields.invoiceId?.source).toBe('user');
    await expect(page.getByRole('heading', { name: new RegExp(CORRECTED_NUMBER) })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/21-invoice-corrected.png' });

    // Accept with the keyboard shortcut shown on the button; Reopen undoes it; accept again.
    const accept = page.getByRole('button', { name: 'Accept' });
    await expect(accept).toHaveAttribute('title', /Ctrl\+Enter|⌘\+Enter/);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('invoice-status')).toHaveText('Accepted');
    await page.getByRole('button', { name: 'Reopen' }).click();
    await expect(page.getByTestId('invoice-status')).toHaveText('Needs review');
    await page.getByRole('button', { name: 'Accept' }).click();
    await expect(page.getByTestId('invoice-status')).toHaveText('Accepted');
    expect((await getInvoice(page, info, id)).status).toBe('accepted');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/22-invoice-accepted.png' });

    // Back in the list the row shows the correction and the new status.
    await page.getByRole('button', { name: '← All invoices' }).click();
    const corrected = rows.filter({ hasText: CORRECTED_NUMBER });
    await expect(corrected).toHaveCount(1);
    await expect(corrected).toContainText('Accepted');
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Accepted' }).click();
    await expect(rows).toHaveCount(1);
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Accepted' }).click(); // choosing it again clears the filter
    await expect(rows).toHaveCount(invoiceCount);

    // Export: nothing ticked, nothing to export; tick the corrected invoice and another one.
    await expect(page.getByRole('button', { name: 'Export as CSV' })).toBeDisabled();
    await corrected.getByRole('checkbox').check();
    await rows.filter({ hasNotText: CORRECTED_NUMBER }).first().getByRole('checkbox').check();
    await expect(page.getByRole('group', { name: 'Export the selected invoices' })).toContainText(
      'Export 2 selected invoices',
    );
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export as CSV' }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    const lines = csvText.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/invoiceId/i);
    expect(lines.length).toBeGreaterThanOrEqual(3); // the header and the two invoices
    expect(csvText).toContain(CORRECTED_NUMBER);
    await expect(page.getByText(/Exported 2 invoices to .*\.csv/)).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/23-invoices-export.png', fullPage: true });

    // Select all ticks every invoice; JSON and XLSX download too.
    await list.getByRole('checkbox', { name: /^Select all/ }).click(); // some ticked → none
    await list.getByRole('checkbox', { name: /^Select all/ }).click(); // none → all
    await expect(list.getByRole('checkbox', { name: /^Select all/ })).toBeChecked();
    const jsonDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export as JSON' }).click();
    const json = JSON.parse(readFileSync((await (await jsonDownload).path())!, 'utf8')) as unknown;
    expect(JSON.stringify(json)).toContain(CORRECTED_NUMBER);
    const xlsxDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export as XLSX' }).click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK'); // a zip, as XLSX is
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

// Importing through the window: a folder path in, live progress, a failure with its reason, the documents
// listed, one found by a word inside it, and its pages shown with the words laid over them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { docket, spawnServe } from '../helpers/cli.ts';

async function contractPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Supply agreement');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const [n, lines] of [
    [
      1,
      [
        'Supply agreement',
        'between Pemberton Holdings Ltd and Acme Trading GmbH',
        'Clause 1. Delivery of goods.',
      ],
    ],
    [2, ['Clause 2. Payment within thirty days.', 'Signed for Pemberton Holdings Ltd']],
  ] as const) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((text, i) =>
      page.drawText(text, { x: 72, y: 760 - i * 28, size: n === 1 && i === 0 ? 20 : 12, font }),
    );
  }
  return pdf.save();
}

test('import a folder through the window, follow its progress, find a document by a word and open its pages', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'docket-e2e-import-'));
  const db = join(dir, 'docket.db');
  const folder = join(dir, 'incoming');
  mkdirSync(join(folder, 'letters'), { recursive: true });
  writeFileSync(join(folder, 'supply-agreement.pdf'), await contractPdf());
  for (let i = 1; i <= 12; i++) {
    writeFileSync(
      join(folder, 'letters', `letter-${i}.txt`),
      `Letter ${i} to the Hartley account about the order.`,
    );
  }
  writeFileSync(join(folder, 'empty.pdf'), '');
  expect(docket(['init', '--db', db]).code).toBe(0);
  const { child, info } = await spawnServe(db);
  try {
    await page.goto(info.openUrl);
    await page.getByRole('link', { name: 'Imports' }).click();
    await page.getByLabel('Folders or files to import').fill(folder);
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    const card = page.getByLabel(/^Import \d+$/);
    await expect(card.getByRole('status')).toContainText('14 of 14 files', { timeout: 30_000 });
    await expect(card).toContainText('13 read');
    await expect(card.getByText('done')).toBeVisible();
    await expect(card).toContainText('Empty file: 1');
    await card.getByRole('button', { name: 'Show files' }).click();
    await expect(card.getByRole('row', { name: /empty\.pdf/ })).toContainText('The file is empty');
    expect(
      (await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
        ['serious', 'critical'].includes(v.impact ?? ''),
      ),
    ).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/11-import-done.png', fullPage: true });

    await page.getByRole('link', { name: 'Documents' }).click();
    await expect(page.getByRole('table')).toContainText('letter-12.txt');
    await page.getByLabel('Search document text').fill('Pemberton');
    const rows = page.getByRole('table').locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('supply-agreement.pdf');
    await rows.first().click();

    const viewer = page.getByRole('dialog');
    await expect(viewer).toContainText('application/pdf');
    await expect(viewer.getByText('Page 1 of 2')).toBeVisible();
    await expect(viewer.getByTestId('page-view').locator('canvas')).toBeVisible();
    // The words Docket read sit over the rendered page, selectable.
    await expect(viewer.locator('.word-box', { hasText: 'Pemberton' }).first()).toBeVisible();
    await viewer.getByRole('button', { name: 'Next page' }).click();
    await expect(viewer.getByText('Page 2 of 2')).toBeVisible();
    await expect(viewer.locator('.word-box', { hasText: 'thirty' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/12-document-viewer.png' });
    await viewer.getByRole('tab', { name: 'Text' }).click();
    await expect(viewer).toContainText('Payment within thirty days');
    await page.keyboard.press('Escape');

    // Files dropped on the window are imported too (in a browser, their bytes are sent).
    await page.getByRole('link', { name: 'Imports' }).click();
    // Runs in the page (a string, since the tests are type-checked without the DOM library).
    const dropped = await page.evaluateHandle(`(() => {
      const data = new DataTransfer();
      data.items.add(new File(['A dropped memo about the Quillon merger.'], 'memo.txt', { type: 'text/plain' }));
      return data;
    })()`);
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
    await expect(page.getByLabel(/^Import \d+$/)).toHaveCount(2);
    await expect(page.getByLabel(/^Import \d+$/).first()).toContainText('1 of 1 files');
    await page.getByRole('link', { name: 'Documents' }).click();
    await page.getByLabel('Search document text').fill('Quillon');
    await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByRole('table')).toContainText('memo.txt');
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

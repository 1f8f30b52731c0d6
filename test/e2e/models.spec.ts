// Training through the window: a CSV of real banking questions in, columns picked, live progress, the
// held-out metrics and confusion matrix shown; a second version trained and compared; then a roll-back
// to the first.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { docket, spawnServe } from '../helpers/cli.ts';
import { seriousAxeViolations } from './axe.ts';

const BANKING77 = fileURLToPath(new URL('../../../shared/datasets/banking77/train.csv', import.meta.url));
const INTENTS = ['card_arrival', 'exchange_rate', 'lost_or_stolen_card'];

/** The first `perIntent` questions of each intent (after skipping `skip`), as a `text,category` CSV. */
function intentsCsv(perIntent: number, skip = 0): string {
  const rows = parse(readFileSync(BANKING77, 'utf8'), { columns: true }) as {
    text: string;
    category: string;
  }[];
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const picked = INTENTS.flatMap((intent) =>
    rows.filter((r) => r.category === intent).slice(skip, skip + perIntent),
  );
  return ['text,category', ...picked.map((r) => `${quote(r.text)},${r.category}`)].join('\n') + '\n';
}

/** Records every text the training status line shows, so a run that finishes between two looks is still seen. */
async function recordTrainingPhases(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__phases = [];
    const seen = () => {
      const el = document.querySelector('[data-testid="training-phase"]');
      const text = el ? el.textContent : '';
      if (text && window.__phases.at(-1) !== text) window.__phases.push(text);
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
}

test('train a model from a CSV, follow its progress, read its metrics, compare two versions and roll back', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'docket-e2e-models-'));
  const db = join(dir, 'docket.db');
  const firstCsv = join(dir, 'bank-intents.csv');
  const moreCsv = join(dir, 'bank-intents-more.csv');
  writeFileSync(firstCsv, intentsCsv(40));
  writeFileSync(moreCsv, intentsCsv(80));
  writeFileSync(join(dir, 'empty.csv'), '');
  expect(docket(['init', '--db', db]).code).toBe(0);
  const { child, info } = await spawnServe(db);
  try {
    await page.goto(info.openUrl);
    await page.getByRole('link', { name: 'Models' }).click();
    const main = page.getByRole('main');
    await expect(main).toContainText('Inference engine');
    // The training panel is open when no model is installed yet, and a button away otherwise
    // (`docket init` may install the shipped models).
    const toggle = page.getByRole('button', { name: /^(Train a model…|Hide training)$/ });
    await expect(toggle).toBeVisible();
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const trainPanel = page.getByRole('form', { name: 'Train a model' });
    await expect(trainPanel).toBeVisible();

    // A file Docket cannot use says why.
    await trainPanel.getByLabel('Training data').setInputFiles(join(dir, 'empty.csv'));
    await expect(trainPanel.getByRole('alert')).toContainText('is empty');

    // The first version: 120 questions, three intents.
    await trainPanel.getByLabel('Training data').setInputFiles(firstCsv);
    await expect(trainPanel.getByTestId('data-summary')).toContainText(
      'bank-intents.csv: 120 rows, 2 columns',
    );
    await expect(trainPanel.getByRole('table', { name: 'First rows of the file' })).toContainText(
      'I am still waiting on my card?',
    );
    // The columns are guessed from their names; picking them works too.
    await expect(trainPanel.getByRole('combobox', { name: 'Text column' })).toHaveValue('text');
    await expect(trainPanel.getByRole('combobox', { name: 'Label column' })).toHaveValue('category');
    await trainPanel.getByRole('combobox', { name: 'Label column' }).click();
    await page.getByRole('option', { name: 'text', exact: true }).click();
    await expect(trainPanel.getByText('Choose different columns for text and label')).toBeVisible();
    await expect(trainPanel.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
    await trainPanel.getByRole('combobox', { name: 'Label column' }).click();
    await page.getByRole('option', { name: 'category', exact: true }).click();
    // The name is checked as it is typed.
    const name = trainPanel.getByRole('textbox', { name: 'Model name' });
    await expect(name).toHaveValue('bank-intents');
    await name.fill('Bank Intents');
    await expect(trainPanel).toContainText('Use lower-case letters, digits');
    await expect(trainPanel.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
    await name.fill('bank-intents');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/13-models-train-form.png', fullPage: true });

    await recordTrainingPhases(page);
    await trainPanel.getByRole('button', { name: 'Train', exact: true }).click();
    const progress = page.getByRole('progressbar', { name: 'Training bank-intents' });
    await expect(progress).toBeVisible();
    await expect(page.getByTestId('training-phase')).toContainText(
      'version 1 of bank-intents is installed and in use',
      { timeout: 60_000 },
    );
    await expect(progress).toHaveAttribute('aria-valuenow', '100');
    const phases = (await page.evaluate('window.__phases')) as string[];
    expect(
      phases.some((p) => /Reading|Preparing|Epoch|Calibrating/.test(p)),
      phases.join(' | '),
    ).toBe(true);

    // The new version is listed with its held-out metrics and opened.
    const models = page.getByRole('table', { name: 'Installed models' });
    const v1 = models.getByRole('row', { name: 'bank-intents v1' });
    await expect(v1).toContainText('Active');
    await expect(v1).toContainText('Text classification');
    await expect(v1.getByRole('cell').nth(4)).toHaveText('120'); // all 120 rows learned from; 24 were held out first (20 %)
    await expect(v1.getByRole('cell').nth(5)).toHaveText(/^\d{1,3}\.\d%$/);
    const detail = page.getByRole('region', { name: 'bank-intents · version 1' });
    await expect(detail.getByText('Accuracy', { exact: true })).toBeVisible();
    await expect(detail).toContainText(/Accuracy\s*\d{1,3}\.\d%/);
    const perLabel = detail.getByRole('table', { name: 'Held-out scores per label' });
    await expect(perLabel.locator('tbody tr')).toHaveCount(3);
    // Sorting is keyboard-operable.
    await perLabel.getByRole('button', { name: 'Label' }).focus();
    await page.keyboard.press('Enter');
    await expect(perLabel.getByRole('columnheader', { name: 'Label' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await expect(perLabel.locator('tbody tr').first()).toContainText('card_arrival');
    // The confusion matrix: three by three, rows adding up to the 24 held-out rows.
    const matrix = detail.getByTestId('confusion-matrix').getByRole('table').first();
    await expect(matrix.getByRole('rowheader')).toHaveText(INTENTS);
    await expect(matrix.locator('td.confusion-cell')).toHaveCount(9);
    const counts = (await matrix.locator('td.confusion-cell').allTextContents()).map(Number);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(24);
    await expect(matrix.locator('td.confusion-diagonal').first()).toHaveAttribute(
      'title',
      /^True card_arrival, predicted card_arrival: \d+ of 8/,
    );
    await expect(detail).toContainText('Applied automatically');
    await expect(detail).toContainText('temperature scaling');
    await expect(detail).toContainText('Your own data');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/14-models-trained.png', fullPage: true });

    // A second version from more rows and another seed becomes the active one.
    await trainPanel.getByLabel('Training data').setInputFiles(moreCsv);
    await expect(trainPanel.getByTestId('data-summary')).toContainText('240 rows');
    await name.fill('bank-intents');
    await expect(trainPanel).toContainText('Adds a new version of bank-intents');
    await trainPanel.getByRole('textbox', { name: 'Random seed' }).fill('7');
    await trainPanel.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByTestId('training-phase')).toContainText(
      'version 2 of bank-intents is installed and in use',
      { timeout: 60_000 },
    );
    const v2 = models.getByRole('row', { name: 'bank-intents v2' });
    await expect(v2).toContainText('Active');
    await expect(v1).not.toContainText('Active');
    await expect(v2.getByRole('cell').nth(4)).toHaveText('240');
    await expect(page.getByRole('region', { name: 'bank-intents · version 2' })).toBeVisible();
    await page.getByRole('button', { name: 'Hide training' }).click();
    await expect(trainPanel).toBeHidden();
    await page.screenshot({ path: 'test-results/screenshots/15-models-version-2.png', fullPage: true });

    // Compare the two versions side by side.
    await page.getByRole('button', { name: 'Compare versions…' }).click();
    const compare = page.getByRole('dialog', { name: 'Compare versions of bank-intents' });
    const metrics = compare.getByRole('table', { name: 'Held-out metrics of both versions' });
    await expect(metrics.getByRole('columnheader')).toHaveText([
      'Metric',
      'Version 1',
      'Version 2',
      'Change',
    ]);
    await expect(metrics.getByRole('row', { name: /Accuracy/ })).toContainText(/pts/);
    await expect(metrics.getByRole('row', { name: /Training rows/ })).toContainText('+120 rows');
    await expect(
      compare.getByRole('table', { name: 'F1 per label in both versions' }).locator('tbody tr'),
    ).toHaveCount(3);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/16-models-compare.png' });
    await page.keyboard.press('Escape');
    await expect(compare).toBeHidden();

    // Roll back, after confirming, to the first version.
    await page.getByRole('button', { name: 'Roll back…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Roll back bank-intents?' });
    await expect(confirm).toContainText('stays installed');
    await confirm.getByRole('button', { name: 'Roll back' }).click();
    await expect(main.getByRole('status').filter({ hasText: 'Rolled back' })).toHaveText(
      'Rolled back: version 1 of bank-intents is in use again.',
    );
    await expect(v1).toContainText('Active');
    await expect(v2).not.toContainText('Active');
    await expect(page.getByRole('region', { name: 'bank-intents · version 1' })).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/17-models-rolled-back.png', fullPage: true });
    // The matrix alone (a full-page picture puts the fixed status bar over it).
    await page
      .getByRole('region', { name: 'Confusion matrix' })
      .first()
      .screenshot({ path: 'test-results/screenshots/18-models-confusion-matrix.png' });
    // The version in use cannot be deleted while another exists; the other one can be used again.
    await expect(page.getByRole('button', { name: 'Delete…' })).toBeDisabled();
    await models.getByRole('button', { name: 'bank-intents v2' }).click();
    await expect(page.getByRole('button', { name: 'Use this version' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete…' })).toBeEnabled();
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

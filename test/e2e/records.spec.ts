// Tickets and CRM records through the window. Tickets: a help desk CSV imported with its column mapping,
// the first model trained from the history in it, the rest routed, reviewed with the keyboard (move,
// accept, undo, pick a suggestion, correct), then retrained into a second version. CRM: contacts imported,
// a two-tag taxonomy defined, the records tagged from its keywords (the cold start), and the tagged CSV
// exported with its formula-looking cell neutralised.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  QUEUES,
  generateTickets,
  ticketsCsv,
  ticketsMapping,
  ticketsMbox,
} from '../fixtures/records/generate.ts';
import { docket, spawnServe } from '../helpers/cli.ts';
import { call } from './api.ts';
import { seriousAxeViolations } from './axe.ts';

// ---- a small CRM export -----------------------------------------------------------------------------

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const FORMULA = '=HYPERLINK("http://evil.example","click me")';

function contactsCsv(): string {
  const firsts = ['Ava', 'Ben', 'Chloe', 'Dan', 'Ella', 'Finn', 'Gita', 'Hugo', 'Iris', 'Jon', 'Kira', 'Leo'];
  const lasts = ['Smith', 'Patel', 'Jones', 'Nowak', 'Brown', 'Rossi'];
  const companies = ['Northwind Ltd', 'Contoso plc', 'Fabrikam GmbH', 'Tailspin Toys', 'Litware Inc'];
  const notes = [
    'Asked for a quote and a discount on 50 seats.',
    'Wants the price list for the enterprise plan.',
    'Contract renewal due in June; renewal terms to be agreed.',
    'Their contract expires soon, talk about renewal.',
    'Met at the booth, friendly chat about printers.',
    'Called about the delivery schedule.',
  ];
  const rows: string[][] = [['First Name', 'Last Name', 'Email', 'Phone', 'Company', 'Job Title', 'Notes']];
  for (let i = 0; i < 24; i++) {
    const first = firsts[i % firsts.length]!;
    const last = lasts[i % lasts.length]!;
    rows.push([
      first,
      last,
      `${first}.${last}${i}@example.com`.toUpperCase(), // normalised to lower case on import
      `020 7946 ${String(1000 + i).padStart(4, '0')}`, // a London number: +44 20 7946 … in E.164
      companies[i % companies.length]!,
      i % 2 ? 'Office manager' : 'Head of IT',
      i === 5 ? FORMULA : notes[i % notes.length]!,
    ]);
  }
  // The first contact again, with the company written differently: a likely duplicate.
  rows.push([
    'Ava',
    'Smith',
    'ava.smith0@example.com',
    '+44 20 7946 1000',
    'Northwind Limited',
    'Head of IT',
    'Asked for a quote again.',
  ]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

// ---- helpers -------------------------------------------------------------------------------------------

interface Detail {
  id: number;
  labels: { task: string; status: string; source: string | null; value: string | string[] | null }[];
  reviews: { task: string; after: string | string[] | null; undone: boolean }[];
}

/** Picks an option of a Mantine select by the field's label. */
async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage });
}

test('tickets: import with a mapping, learn, route, review with the keyboard, correct, retrain', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'docket-e2e-tickets-'));
  const db = join(dir, 'docket.db');
  const csvPath = join(dir, 'helpdesk-export.csv');
  // 150 tickets over six queues and four priorities, in several languages; the newest 15 without either.
  const tickets = generateTickets({ n: 150, seed: 1, unlabelledShare: 0.1 });
  const labelled = tickets.filter((t) => t.group !== '').length;
  expect(labelled).toBe(135);
  writeFileSync(csvPath, ticketsCsv(tickets));
  expect(docket(['init', '--db', db]).code).toBe(0);
  const { child, info } = await spawnServe(db);
  try {
    await page.goto(info.openUrl);
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Tickets' }).click();
    const main = page.getByRole('main');
    await expect(main).toContainText('No tickets yet');
    await expect(page.getByTestId('escalation-line')).toContainText('Escalation of unsure items: off');

    // Import: the columns are read, a mapping suggested, one column picked by hand, the source named.
    await main.getByRole('button', { name: 'Import CSV/XLSX/email export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import tickets' });
    await dialog.getByLabel('Export file').setInputFiles(csvPath);
    await expect(dialog.getByTestId('preview-summary')).toContainText(
      'helpdesk-export.csv: 150 rows, 8 columns',
    );
    await expect(dialog.getByRole('table', { name: 'First rows of the file' })).toContainText(
      tickets[0]!.subject,
    );
    const mapping = dialog.getByRole('group', { name: 'Column mapping' });
    await expect(mapping.getByRole('combobox', { name: 'Subject', exact: true })).toHaveValue('Subject');
    // Each field is set as the fixture's mapping says (a column the suggestion got right stays chosen).
    const fieldLabels: Record<string, string> = {
      id: 'Ticket id',
      subject: 'Subject',
      body: 'Body',
      requester: 'Requester',
      created: 'Created',
      queue: 'Queue or category',
      priority: 'Priority',
    };
    for (const [field, column] of Object.entries(ticketsMapping.columns)) {
      const label = fieldLabels[field]!;
      await choose(page, mapping, label, column);
      await expect(mapping.getByRole('combobox', { name: label, exact: true })).toHaveValue(column);
    }
    await dialog.getByRole('textbox', { name: 'Source name' }).fill(ticketsMapping.source);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, '24-tickets-import-mapping', false);
    await dialog.getByRole('button', { name: 'Import 150 tickets' }).click();
    const report = dialog.getByTestId('import-report');
    await expect(report).toContainText(`Imported 150 tickets from “${ticketsMapping.source}”`);
    await expect(report).toContainText(`queue: ${labelled}`);
    await expect(report).toContainText(`priority: ${labelled}`);
    await shot(page, '25-tickets-import-report', false);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('record-count')).toHaveText('150 tickets');

    // The first version trains in the background from the 135 labelled tickets.
    await page.getByRole('tab', { name: 'Model status' }).click();
    await expect(page.getByTestId('mode-queue')).toHaveText('learned model v1', { timeout: 120_000 });
    await expect(page.getByTestId('mode-priority')).toHaveText('learned model v1', { timeout: 120_000 });
    await expect(page.getByTestId('last-training-queue')).toContainText('v1 promoted');
    // Auto-apply only what is near certain and suggest everything else, so that the review has
    // suggestions to work through.
    for (const task of ['queue', 'priority']) {
      const thresholds = page.getByRole('form', { name: `Thresholds for the ${task}` });
      await thresholds.getByRole('textbox', { name: 'Auto-apply at' }).fill('99');
      await thresholds.getByRole('textbox', { name: 'Suggest from' }).fill('5');
      await thresholds.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByTestId(`model-message-${task}`)).toContainText(
        'Saved: auto-apply at 99%, suggest from 5%',
      );
    }
    // The low threshold may not be above the high one: said under the field, and nothing is saved.
    const queueThresholds = page.getByRole('form', { name: 'Thresholds for the queue' });
    await queueThresholds.getByRole('textbox', { name: 'Suggest from' }).fill('100');
    await expect(queueThresholds).toContainText('must not be above');
    await expect(queueThresholds.getByRole('button', { name: 'Save' })).toBeDisabled();
    await queueThresholds.getByRole('textbox', { name: 'Suggest from' }).fill('5');
    await expect(page.getByTestId('model-summary')).toContainText('Queue: learned model v1');

    // Route, then review what needs it.
    await page.getByRole('tab', { name: 'Tickets' }).click();
    await page.getByRole('button', { name: 'Route tickets' }).click();
    await expect(page.getByTestId('predict-notice')).toContainText(
      /Routed 15 tickets in [\d.]+ s\. Their labels: \d+ auto/,
    );
    const filters = main;
    await choose(page, filters, 'Status', 'Needs review');
    await expect(page.getByTestId('record-count')).toHaveText(/^\d+ tickets? match$/);
    const waiting = Number((await page.getByTestId('record-count').textContent())!.split(' ')[0]);
    expect(waiting).toBeGreaterThanOrEqual(3);
    const list = page.getByRole('table', { name: 'Tickets' });
    const rows = list.locator('tbody tr[data-index]');
    const detail = page.getByTestId('record-detail');
    const title = detail.getByRole('heading', { level: 3 });

    // j and k move the selection; the detail follows.
    await rows.first().click();
    await expect(rows.nth(0)).toHaveAttribute('aria-current', 'true');
    const first = (await title.textContent())!;
    await page.keyboard.press('j');
    await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true');
    await expect(rows.nth(1)).toBeFocused();
    await expect(title).not.toHaveText(first);
    await page.keyboard.press('k');
    await expect(rows.nth(0)).toHaveAttribute('aria-current', 'true');
    await expect(title).toHaveText(first);
    await expect(detail.getByRole('list', { name: 'Queue suggestions' })).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, '26-tickets-review', false);

    // Enter accepts and moves on; u takes it back.
    const notice = page.getByTestId('review-notice');
    await page.keyboard.press('Enter');
    await expect(notice).toHaveText(`✓ Accepted “${first}”.`);
    await expect(page.getByTestId('record-count')).toHaveText(
      `${waiting - 1} ${waiting - 1 === 1 ? 'ticket' : 'tickets'} match`,
    );
    await expect(title).not.toHaveText(first);
    await page.keyboard.press('u');
    await expect(notice).toContainText(`Undone: Accepted “${first}”`);
    await expect(page.getByTestId('record-count')).toHaveText(`${waiting} tickets match`);
    await expect(title).toHaveText(first);

    // A digit picks a suggestion for the queue (and moves on when nothing else waits on the ticket).
    const activeId = async () =>
      Number(await list.locator('tr[aria-current="true"]').getAttribute('data-record-id'));
    const suggestions = detail.getByRole('list', { name: 'Queue suggestions' }).getByRole('button');
    const firstId = await activeId();
    const picked = (await suggestions.nth(1).getAttribute('title'))!.replace(/^Set the queue to /, '');
    await page.keyboard.press('2');
    await expect(notice).toContainText(`Set the queue of “${first}” to ${picked}`);
    const afterPick = await call<Detail>(page, info, 'records.get', { id: firstId });
    expect(afterPick.labels.find((l) => l.task === 'queue')).toMatchObject({
      status: 'accepted',
      value: picked,
    });

    // e opens the correction field on the ticket now chosen; its queue is corrected by typing it.
    const editedId = await activeId();
    const editedTitle = (await title.textContent())!;
    const suggested = (await suggestions.first().getAttribute('title'))?.replace(/^Set the queue to /, '');
    const correct = QUEUES.find((q) => q !== suggested)!;
    await page.keyboard.press('e');
    const editor = detail.getByRole('combobox', { name: 'Queue', exact: true });
    await expect(editor).toBeFocused();
    await editor.fill('');
    // Typing in the field is typing, not reviewing: letters such as j, k, e and u land in the field.
    await editor.pressSequentially(correct);
    await expect(editor).toHaveValue(correct);
    await editor.press('Enter');
    await expect(notice).toContainText(`Set the queue of “${editedTitle}” to ${correct}`);
    const afterEdit = await call<Detail>(page, info, 'records.get', { id: editedId });
    expect(afterEdit.labels.find((l) => l.task === 'queue')).toMatchObject({
      status: 'accepted',
      source: 'user',
      value: correct,
    });
    expect(afterEdit.reviews).toContainEqual(
      expect.objectContaining({ task: 'queue', after: correct, undone: false }),
    );
    await expect(detail.getByRole('table', { name: 'Review history' })).toContainText(correct);
    await expect(page.getByTestId('keys-hint')).toContainText('undo');

    // Retrain now: a second version, compared with the first on the held-out slice.
    await page.getByRole('tab', { name: 'Model status' }).click();
    await page.getByRole('button', { name: 'Retrain now: queue' }).click();
    const last = page.getByTestId('last-training-queue');
    // Promoted, as it is not worse than v1 on the held-out slice (the same slice for both).
    await expect(last).toContainText(/v2 promoted: \d+% vs \d+% \(v1\) on \d+ held-out examples/, {
      timeout: 120_000,
    });
    await expect(page.getByTestId('mode-queue')).toHaveText('learned model v2');
    await expect(page.getByTestId('model-summary')).toContainText('Queue: learned model v2');
    await expect(main).toContainText('v1, v2');
    await expect(page.getByRole('table', { name: 'Recent trainings: queue' })).toContainText('on demand');
    await expect(page.getByTestId('confusion-matrix').first()).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 1500 }); // the whole card, clear of the status bar
    await page
      .getByRole('region', { name: 'Queue', exact: true })
      .screenshot({ path: 'test-results/screenshots/27-tickets-model-status.png' });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Routing rules: a regex that could freeze routing is refused in words, under the field; a keyword rule
    // is added and listed.
    await page.getByRole('tab', { name: 'Routing rules' }).click();
    const ruleForm = page.getByRole('form', { name: 'Add a rule' });
    await choose(page, ruleForm, 'Match', 'Regular expression');
    await ruleForm.getByRole('textbox', { name: 'Pattern' }).fill('(a+)+$');
    await ruleForm.getByRole('combobox', { name: 'Value' }).fill('Billing');
    await ruleForm.getByRole('button', { name: 'Add rule' }).click();
    const pattern = ruleForm.getByRole('textbox', { name: 'Pattern' });
    await expect(pattern).toHaveAttribute('aria-invalid', 'true');
    await expect(ruleForm).toContainText(/repeat/i);
    await choose(page, ruleForm, 'Match', 'Keyword or phrase');
    await pattern.fill('VAT number');
    await ruleForm.getByRole('button', { name: 'Add rule' }).click();
    await expect(page.getByRole('table', { name: 'Routing rules' })).toContainText('VAT number');
    await expect(page.getByRole('table', { name: 'Routing rules' })).toContainText('queue → Billing');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Emails need no mapping: a mailbox is imported as it is.
    writeFileSync(join(dir, 'support.mbox'), ticketsMbox(3, 2));
    await page.getByRole('button', { name: 'Import…' }).click();
    await dialog.getByLabel('Export file').setInputFiles(join(dir, 'support.mbox'));
    await expect(dialog.getByTestId('preview-summary')).toContainText('support.mbox: 3 messages');
    await expect(dialog).toContainText('Emails need no mapping');
    await expect(dialog.getByRole('group', { name: 'Column mapping' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Import 3 tickets' }).click();
    await expect(report).toContainText('Imported 3 tickets from “Email”');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('tab', { name: 'Tickets' }).click();
    await choose(page, main, 'Status', 'Needs review'); // choosing it again clears the filter
    await expect(page.getByTestId('record-count')).toHaveText('153 tickets');
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('crm: import contacts, define two tags, tag them, see the cold start, export the tagged CSV', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'docket-e2e-crm-'));
  const db = join(dir, 'docket.db');
  const csvPath = join(dir, 'crm-contacts.csv');
  writeFileSync(csvPath, contactsCsv());
  expect(docket(['init', '--db', db]).code).toBe(0);
  const { child, info } = await spawnServe(db);
  try {
    await page.goto(info.openUrl);
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'CRM' }).click();
    const main = page.getByRole('main');
    await expect(main).toContainText('No CRM records yet');

    // Import the contacts.
    await main.getByRole('button', { name: 'Import CSV/XLSX/email export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import CRM records' });
    await dialog.getByLabel('Export file').setInputFiles(csvPath);
    await expect(dialog.getByTestId('preview-summary')).toContainText('crm-contacts.csv: 25 rows, 7 columns');
    const mapping = dialog.getByRole('group', { name: 'Column mapping' });
    await choose(page, mapping, 'Notes', 'Notes');
    await expect(mapping.getByRole('combobox', { name: 'Email', exact: true })).toHaveValue('Email');
    await dialog.getByRole('textbox', { name: 'Source name' }).fill('CRM contacts');
    await dialog.getByRole('button', { name: 'Import 25 records' }).click();
    const report = dialog.getByTestId('import-report');
    await expect(report).toContainText('Imported 25 records from “CRM contacts”');
    await expect(report.getByRole('row', { name: /Likely duplicates/ })).toContainText('1');
    await dialog.getByRole('button', { name: 'Done' }).click();
    const list = page.getByRole('table', { name: 'CRM records' });
    await expect(page.getByTestId('record-count')).toHaveText('25 records');
    // Emails in lower case, phones in E.164, the duplicate pointing at its original.
    const ava = list.getByRole('row', { name: /Ava Smith/ });
    await expect(ava.first()).toContainText('+442079461000');
    await expect(list).toContainText('ava.smith0@example.com');
    await expect(list.getByText(/likely duplicate of #\d+/)).toHaveCount(1);

    // Two tags in the taxonomy.
    await page.getByRole('tab', { name: 'Tag taxonomy' }).click();
    const form = page.getByRole('form', { name: 'Define a tag' });
    await form.getByRole('textbox', { name: 'Tag name' }).fill('Pricing interest');
    await form.getByRole('textbox', { name: 'Description' }).fill('Asked about prices, quotes or discounts');
    await form.getByRole('textbox', { name: 'Keywords' }).fill('quote, discount, price list');
    await form.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.getByRole('table', { name: 'Tag taxonomy' })).toContainText('Pricing interest');
    await form.getByRole('textbox', { name: 'Tag name' }).fill('Renewal');
    await form
      .getByRole('textbox', { name: 'Description' })
      .fill('Contract renewal coming up or being negotiated');
    await form.getByRole('textbox', { name: 'Keywords' }).fill('renewal, contract expires');
    await form.getByRole('button', { name: 'Add tag' }).click();
    const taxonomy = page.getByRole('table', { name: 'Tag taxonomy' });
    await expect(taxonomy.locator('tbody tr')).toHaveCount(2);
    // The same name twice is refused in words, under the field.
    await form.getByRole('textbox', { name: 'Tag name' }).fill('renewal');
    await form.getByRole('button', { name: 'Add tag' }).click();
    await expect(form.getByRole('textbox', { name: 'Tag name' })).toHaveAttribute('aria-invalid', 'true');
    await expect(form).toContainText('A tag named “Renewal” exists already.');
    await form.getByRole('textbox', { name: 'Tag name' }).fill('');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, '28-crm-taxonomy');

    // Tag the records: from the keywords, as no model is trained yet.
    await page.getByRole('button', { name: 'Tag records' }).first().click();
    await expect(page.getByTestId('predict-notice')).toContainText(
      /Tagged 25 records in .*tags: keywords and descriptions/,
    );
    await page.getByRole('tab', { name: 'Records' }).click();
    await expect(list.locator('.tag-chip', { hasText: 'Pricing interest' }).first()).toBeVisible();
    await expect(list.locator('.tag-chip', { hasText: 'Renewal' }).first()).toBeVisible();
    // Bulk accept: how many first, then accepted, then taken back with u.
    await page.getByRole('button', { name: 'Accept confident…' }).click();
    const bulk = page.getByRole('dialog', { name: 'Accept the confident suggestions?' });
    await bulk.getByRole('textbox', { name: 'Accept suggestions at or above (%)' }).fill('70');
    await expect(bulk.getByTestId('bulk-count')).toContainText(
      /^\d+ records? waiting for review ha(s|ve) a suggestion at 70% or more/,
    );
    const confident = Number((await bulk.getByTestId('bulk-count').textContent())!.split(' ')[0]);
    expect(confident).toBeGreaterThan(0);
    await bulk.getByRole('button', { name: `Accept ${confident} record` }).click();
    await expect(bulk).toBeHidden();
    const notice = page.getByTestId('review-notice');
    await expect(notice).toContainText(`Accepted ${confident} record`);
    await list.locator('tbody tr[data-index]').first().click();
    await page.keyboard.press('u');
    await expect(notice).toContainText(`Undone: accepted ${confident} record`);
    // Accept the tags of a renewal contact with the keyboard, so the export carries a decided tag.
    await choose(page, main, 'Label', 'Renewal');
    await list.locator('tbody tr[data-index]').first().click();
    await page.keyboard.press('Enter');
    await expect(notice).toContainText('Accepted “');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, '29-crm-tagged', false);

    // The model status says what tags now: keywords, until enough examples exist.
    await page.getByRole('tab', { name: 'Model status' }).click();
    await expect(page.getByTestId('mode-tags')).toHaveText('keywords and descriptions');
    await expect(page.getByTestId('predicts-tags')).toContainText(
      'Cold start: the learned model takes over once two tags have 10 examples each',
    );

    // Export every record as CSV: the source's columns, the tags, and no live formula.
    await page.getByRole('tab', { name: 'Records' }).click();
    await choose(page, main, 'Label', 'Renewal'); // choosing it again clears the filter
    await expect(page.getByTestId('record-count')).toHaveText('25 records');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('docket-crm.csv');
    const csv = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toContain('Docket tags');
    expect(header).toContain('Notes');
    expect(csv).toMatch(/Renewal/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click me"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(lines.length).toBeGreaterThanOrEqual(25);
    await expect(page.getByRole('group', { name: 'Export' })).toContainText(
      'Exported 25 records to docket-crm.csv.',
    );
    await shot(page, '30-crm-export', false);
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

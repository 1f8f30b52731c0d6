// Invoices through the API on a real encrypted database: an import reads them, the list and detail show
// them, corrections are checked and re-validated, accept stores training examples, export gives the file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cliContext } from '../../main/cli/open-core.ts';
import type { DocketCore } from '../../main/core/docket.ts';
import { installShippedModels } from '../../main/engine/shipped-models.ts';
import { invoiceExtractionSchema } from '../../main/api/invoice-contract.ts';
import { randomInvoice } from '../../models/recipes/invoices/generate.ts';
import { renderInvoicePdf, renderInvoicesPdf } from '../../models/recipes/invoices/render-pdf.ts';
import { useTestCores } from '../helpers/core.ts';
import { useTempDirs } from '../helpers/temp.ts';

const openTestCore = useTestCores();
const tempDir = useTempDirs();

async function importFolder(core: DocketCore, dir: string) {
  const { importId } = await core.router.invoke('imports.start', { paths: [dir] }, cliContext);
  return core.imports.waitFor(importId);
}

async function setUp() {
  const dir = tempDir();
  const truths = [];
  for (const [i, language] of (['de', 'en'] as const).entries()) {
    const { pdf, truth } = await renderInvoicePdf(
      randomInvoice(8_100_000 + i, { language, documentType: 'invoice' }),
    );
    writeFileSync(join(dir, `invoice-${language}.pdf`), pdf);
    truths.push(truth);
  }
  const batch = await renderInvoicesPdf(
    [0, 1].map((i) => randomInvoice(8_200_000 + i, { language: 'fr', documentType: 'invoice' })),
  );
  writeFileSync(join(dir, 'batch.pdf'), batch.pdf);
  writeFileSync(join(dir, 'notes.txt'), 'Meeting notes: nothing to pay here.');
  const core = openTestCore();
  await installShippedModels(core.models, 'test');
  const progress = await importFolder(core, dir);
  expect(progress.imported).toBe(4);
  return { core, truths, batch };
}

const call = <T>(core: DocketCore, name: string, input: unknown) =>
  core.router.invoke(name as never, input as never, cliContext) as Promise<T>;

describe('invoices API', () => {
  it('lists the invoices an import found, splits a batch PDF, and shows one in the printed shape', async () => {
    const { core, truths } = await setUp();
    const list = await core.router.invoke('invoices.list', {}, cliContext);
    // Two single invoices and a PDF holding two; the text file is no invoice.
    expect(list.total).toBe(4);
    const titles = list.items.map((i) => i.title).sort();
    expect(titles).toEqual(['batch.pdf (1 of 2)', 'batch.pdf (2 of 2)', 'invoice-de.pdf', 'invoice-en.pdf']);
    const de = list.items.find((i) => i.title === 'invoice-de.pdf')!;
    expect(de).toMatchObject({
      status: 'needs_review',
      documentType: 'invoice',
      invoiceId: truths[0]!.fields.invoiceId,
    });
    expect(de.total).toBe(truths[0]!.fields.invoiceTotal);
    const detail = await core.router.invoke('invoices.get', { id: de.id }, cliContext);
    expect(invoiceExtractionSchema.strict().parse(detail.extraction)).toBeTruthy();
    expect(detail.extraction.language).toBe('de');
    const batchParts = list.items.filter((i) => i.title.startsWith('batch'));
    expect(new Set(batchParts.map((p) => p.invoiceId)).size).toBe(2);
    expect(batchParts.map((p) => p.firstPage).sort()).not.toEqual([1, 1]);
    // Search by vendor or number.
    const found = await core.router.invoke(
      'invoices.list',
      { query: String(truths[1]!.fields.invoiceId) },
      cliContext,
    );
    expect(found.items.map((i) => i.title)).toEqual(['invoice-en.pdf']);
  }, 60_000);

  it('checks a correction, runs validation again, keeps the history, and accept stores training examples', async () => {
    const { core } = await setUp();
    const { items } = await core.router.invoke('invoices.list', {}, cliContext);
    const id = items.find((i) => i.title === 'invoice-en.pdf')!.id;
    const before = await core.router.invoke('invoices.get', { id }, cliContext);

    // A malformed value is refused with words the user understands, and nothing changes.
    await expect(
      call(core, 'invoices.updateField', { id, field: 'invoiceDate', value: '31/31/2024' }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('YYYY-MM-DD'),
    });
    await expect(
      call(core, 'invoices.updateField', { id: 999_999, field: 'invoiceId', value: 'x' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await core.router.invoke('invoices.get', { id }, cliContext)).extraction).toEqual(
      before.extraction,
    );

    // A total that no longer adds up: kept as typed, warned about, the list counts the warning.
    const wrong = await core.router.invoke(
      'invoices.updateField',
      { id, field: 'invoiceTotal', value: '1.000.000,00' },
      cliContext,
    );
    expect(wrong.extraction.fields.invoiceTotal).toMatchObject({
      value: 1_000_000,
      source: 'user',
      confidence: 1,
    });
    expect(wrong.extraction.validation.find((v) => v.rule === 'totals')?.ok).toBe(false);
    expect(wrong.warnings).toBeGreaterThan(before.warnings);
    const listed = (await core.router.invoke('invoices.list', {}, cliContext)).items.find(
      (i) => i.id === id,
    )!;
    expect(listed.warnings).toBe(wrong.warnings);

    // Put back, and correct the number: the history keeps the first value.
    await core.router.invoke(
      'invoices.updateField',
      { id, field: 'invoiceTotal', value: before.extraction.fields.invoiceTotal!.value },
      cliContext,
    );
    const fixed = await core.router.invoke(
      'invoices.updateField',
      { id, field: 'invoiceId', value: 'INV-CORRECTED-1' },
      cliContext,
    );
    expect(fixed.extraction.fields.invoiceId).toMatchObject({ value: 'INV-CORRECTED-1', source: 'user' });
    expect(fixed.corrections.find((c) => c.field === 'invoiceTotal')).toMatchObject({
      before: before.extraction.fields.invoiceTotal!.value,
      after: before.extraction.fields.invoiceTotal!.value,
    });
    expect(fixed.corrections.find((c) => c.field === 'invoiceId')).toMatchObject({
      before: before.extraction.fields.invoiceId!.value,
      after: 'INV-CORRECTED-1',
    });

    const accepted = await core.router.invoke('invoices.accept', { id }, cliContext);
    expect(accepted.status).toBe('accepted');
    // One labelled example per accepted invoice: the final fields, and the edits with what was first read.
    const examples = () =>
      core.store.db
        .prepare(
          `SELECT old_value AS edits, new_value AS value FROM corrections WHERE task = 'invoice-fields' AND target = 'invoice'`,
        )
        .all() as Array<{ edits: string; value: string }>;
    expect(examples()).toHaveLength(1);
    const example = JSON.parse(examples()[0]!.value) as {
      invoiceId: number;
      fields: Record<string, { value: unknown }>;
    };
    expect(example.invoiceId).toBe(id);
    expect(example.fields.invoiceId!.value).toBe('INV-CORRECTED-1');
    const edits = JSON.parse(examples()[0]!.edits) as Array<{
      field: string;
      before: unknown;
      after: unknown;
    }>;
    expect(edits.map((e) => e.field).sort()).toEqual(['invoiceId', 'invoiceTotal']);
    // Accepting twice stores it once; reopen withdraws it; an edit after accepting puts it back in review.
    await core.router.invoke('invoices.accept', { id }, cliContext);
    expect(examples()).toHaveLength(1);
    expect((await core.router.invoke('invoices.reopen', { id }, cliContext)).status).toBe('needs_review');
    expect(examples()).toHaveLength(0);
    expect((await core.router.invoke('invoices.list', { status: 'accepted' }, cliContext)).total).toBe(0);
    await core.router.invoke('invoices.accept', { id }, cliContext);
    const edited = await core.router.invoke(
      'invoices.updateField',
      { id, field: 'paymentTerm', value: 'Net 45' },
      cliContext,
    );
    expect(edited.status).toBe('needs_review');
    expect(examples()).toHaveLength(0);

    // Export: the corrected value is in the CSV.
    const csv = await core.router.invoke('invoices.export', { ids: [id], format: 'csv' }, cliContext);
    const rows = parse(
      Buffer.from(csv.dataBase64, 'base64')
        .toString('utf8')
        .replace(/^\uFEFF/u, ''),
      {
        columns: true,
      },
    ) as Record<string, string>[];
    expect(rows[0]!.invoiceId).toBe('INV-CORRECTED-1');
    await expect(call(core, 'invoices.export', { ids: [id, 424_242], format: 'csv' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(call(core, 'invoices.export', { ids: [], format: 'csv' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
  }, 60_000);

  it('searches PDFs an earlier version imported (never searched for invoices) once, in the background', async () => {
    const { core } = await setUp();
    // As a database from before invoices existed: documents read, none searched.
    core.store.db.exec('DELETE FROM invoices; UPDATE documents SET invoices_read_at = NULL;');
    expect((await core.router.invoke('invoices.list', {}, cliContext)).total).toBe(0);
    // Three PDFs (the text file is not searched).
    expect(await core.invoices.readEarlierDocuments()).toBe(3);
    expect((await core.router.invoke('invoices.list', {}, cliContext)).total).toBe(4);
    expect(await core.invoices.readEarlierDocuments()).toBe(0);
  }, 60_000);
});

// `docket extract invoice` and `docket eval sroie` as a script calls them: the printed JSON has exactly the
// shape issue 5 fixes, bad files give a clear error per file and do not stop the others.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invoiceExtractionSchema } from '../../main/api/invoice-contract.ts';
import { INVOICE_FIELDS } from '../../main/invoices/types.ts';
import { randomInvoice } from '../../models/recipes/invoices/generate.ts';
import { renderInvoicePdf } from '../../models/recipes/invoices/render-pdf.ts';
import { spawn } from 'node:child_process';
import { BIN, docket } from '../helpers/cli.ts';
import { buildPdf } from '../helpers/pdf-fixtures.ts';
import { useTempDirs } from '../helpers/temp.ts';

const tempDir = useTempDirs();
const SROIE = join(import.meta.dirname, '../../../shared/datasets/sroie/train/metadata.jsonl');

/** The printed shape, with no key more or less than issue 5 names. */
const printed = invoiceExtractionSchema
  .extend({
    fields: z.partialRecord(z.enum(INVOICE_FIELDS), invoiceExtractionSchema.shape.fields.valueType.strict()),
    lineItems: z.array(invoiceExtractionSchema.shape.lineItems.element.strict()),
    validation: z.array(invoiceExtractionSchema.shape.validation.element.strict()),
  })
  .strict();

const scores = z.object({ precision: z.number(), recall: z.number(), f1: z.number() }).strict();

describe('docket extract invoice', () => {
  it('prints one object per file in the fixed shape, ISO dates, numbers for amounts, boxes within the page', async () => {
    const dir = tempDir();
    const files = [];
    for (const [i, language] of (['en', 'es'] as const).entries()) {
      const { pdf, truth } = await renderInvoicePdf(
        randomInvoice(8_300_000 + i, { language, documentType: 'invoice' }),
      );
      const file = join(dir, `${language}.pdf`);
      writeFileSync(file, pdf);
      files.push({ file, truth });
    }
    const r = docket(['extract', 'invoice', ...files.map((f) => f.file), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => printed.parse(JSON.parse(l)));
    expect(lines.map((l) => l.file)).toEqual(files.map((f) => f.file));
    for (const [i, out] of lines.entries()) {
      const truth = files[i]!.truth;
      expect(out.documentType).toBe('invoice');
      expect(out.fields.invoiceId?.value).toBe(truth.fields.invoiceId);
      expect(out.fields.invoiceDate?.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof out.fields.invoiceTotal?.value).toBe('number');
      for (const f of Object.values(out.fields)) {
        expect(f.bbox.every((v) => v >= 0 && v <= 1)).toBe(true);
        expect(f.bbox[0]).toBeLessThanOrEqual(f.bbox[2]);
        expect(f.page).toBeGreaterThanOrEqual(1);
      }
      expect(out.lineItems.length).toBeGreaterThan(0);
    }
  }, 60_000);

  it('a missing, empty, corrupt or password-protected file gets its own error; the good file is still read', async () => {
    const dir = tempDir();
    const { pdf } = await renderInvoicePdf(
      randomInvoice(8_300_010, { language: 'nl', documentType: 'invoice' }),
    );
    writeFileSync(join(dir, 'good.pdf'), pdf);
    writeFileSync(join(dir, 'empty.pdf'), '');
    writeFileSync(
      join(dir, 'corrupt.pdf'),
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]),
    );
    writeFileSync(
      join(dir, 'locked.pdf'),
      await buildPdf({
        pages: [{ runs: [{ text: 'Invoice 1', x: 72, y: 700 }] }],
        encrypt: { userPassword: 'secret' },
      }),
    );
    const files = ['missing.pdf', 'empty.pdf', 'corrupt.pdf', 'locked.pdf', 'good.pdf'].map((f) =>
      join(dir, f),
    );
    const r = docket(['extract', 'invoice', ...files, '--json']);
    expect(r.code).toBe(1);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; error?: { code: string; message: string } });
    expect(out.map((o) => o.file)).toEqual(files);
    expect(out[0]!.error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/There is no file/),
    });
    expect(out[1]!.error).toMatchObject({ code: 'empty', message: expect.stringMatching(/empty/) });
    expect(out[2]!.error).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/damaged/) });
    expect(out[3]!.error).toMatchObject({
      code: 'needs_password',
      message: expect.stringMatching(/password/i),
    });
    expect(out[4]!.error).toBeUndefined();
    expect(printed.parse(out[4]).language).toBe('nl');
    expect(r.stderr).toMatch(/missing\.pdf/);
  }, 60_000);
});

describe('docket extract invoice in a pipeline', () => {
  it('stops quietly when the reader stops reading (| head)', async () => {
    const dir = tempDir();
    for (let i = 0; i < 3; i++) {
      const { pdf } = await renderInvoicePdf(
        randomInvoice(8_300_020 + i, { language: 'de', documentType: 'invoice' }),
      );
      writeFileSync(join(dir, `${i}.pdf`), pdf);
    }
    const child = spawn(
      process.execPath,
      [BIN, 'extract', 'invoice', ...[0, 1, 2].map((i) => join(dir, `${i}.pdf`)), '--json'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  }, 60_000);
});

describe('docket eval sroie', () => {
  it('prints n, microF1 and per-field precision/recall/F1 for company, date, address and total', () => {
    const dir = tempDir();
    const data = join(dir, 'metadata.jsonl');
    writeFileSync(data, readFileSync(SROIE, 'utf8').split('\n').slice(0, 40).join('\n'));
    const r = docket(['eval', 'sroie', '--data', data, '--json']);
    expect(r.stderr).toBe('');
    const result = z
      .object({
        n: z.number(),
        microF1: z.number(),
        fields: z.object({ company: scores, date: scores, address: scores, total: scores }).strict(),
      })
      .strict()
      .parse(JSON.parse(r.stdout));
    expect(result.n).toBe(40);
    // Dates and totals are printed on every receipt; the shipped model finds most of them.
    expect(result.fields.date.f1).toBeGreaterThan(0.8);
    expect(result.fields.total.f1).toBeGreaterThan(0.7);
  }, 60_000);

  it('a file that is not SROIE data is a clear BAD_INPUT error', () => {
    const dir = tempDir();
    const data = join(dir, 'bad.jsonl');
    writeFileSync(data, '{"key": "x"}\n');
    const r = docket(['eval', 'sroie', '--data', data, '--json']);
    expect(r.code).not.toBe(0);
    expect(JSON.parse(r.stdout).error).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('not a SROIE receipt'),
    });
    writeFileSync(data, 'not json\n');
    expect(JSON.parse(docket(['eval', 'sroie', '--data', data, '--json']).stdout).error.message).toMatch(
      /not JSON/,
    );
    expect(
      JSON.parse(docket(['eval', 'sroie', '--data', join(dir, 'none.jsonl'), '--json']).stdout).error.message,
    ).toMatch(/There is no file/);
  });
});

// The committed sample data (samples/, written by scripts/samples/write-samples.ts) is what the first run and
// `docket demo` import: every file is the one the manifest names, the invoice truth points at real files,
// and the exports parse with the row counts and mappings the import relies on. Reads the files only;
// rendering them again is the script's job.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { INVOICE_LANGUAGES } from '../../main/invoices/types.ts';
import { recordMappingSchema } from '../../main/records/types.ts';

const root = fileURLToPath(new URL('../../samples/', import.meta.url));
const read = (path: string) => readFileSync(join(root, path));
const readJson = (path: string): unknown => JSON.parse(read(path).toString('utf8'));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

function csvRows(path: string): Record<string, string>[] {
  return parse(read(path), { columns: true, skip_empty_lines: true, bom: true });
}

const manifest = readJson('manifest.json') as { generatedBy: string; files: Record<string, string> };
const truth = readJson('truth/invoices.json') as Record<
  string,
  { documentType: string; language: string; invoiceId: string | null; invoiceTotal: number | null }
>;

describe('samples/', () => {
  it('holds exactly the files in the manifest, each with its SHA-256', () => {
    expect(manifest.generatedBy).toBe('node scripts/samples/write-samples.ts');
    const onDisk = filesUnder('.').filter((p) => p !== 'manifest.json');
    expect(onDisk).toEqual(Object.keys(manifest.files).sort());
    for (const [path, hash] of Object.entries(manifest.files)) {
      expect(sha256(read(path)), path).toBe(hash);
    }
  });

  it('has 20 invoice documents over the five languages and three types, as PDFs and scans', () => {
    const names = readdirSync(join(root, 'documents/invoices')).sort();
    expect(names).toHaveLength(20);
    const pdfs = names.filter((n) => n.endsWith('.pdf'));
    const scans = names.filter((n) => n.endsWith('-scan.jpg'));
    expect([pdfs.length, scans.length]).toEqual([15, 5]);
    for (const n of pdfs)
      expect(read(`documents/invoices/${n}`).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const n of scans)
      expect([...read(`documents/invoices/${n}`).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const entries = names.map((n) => truth[n]!);
    expect(entries.every(Boolean)).toBe(true);
    expect(new Set(entries.map((t) => t.language))).toEqual(new Set(INVOICE_LANGUAGES));
    expect(new Set(entries.map((t) => t.documentType))).toEqual(
      new Set(['invoice', 'receipt', 'credit_note']),
    );
    expect(new Set(scans.map((n) => truth[n]!.language)).size).toBe(5);
  });

  it('names in truth/invoices.json only invoice documents and mail attachments that exist', async () => {
    const invoiceFiles = readdirSync(join(root, 'documents/invoices'));
    const invoiceHashes = new Set(invoiceFiles.map((n) => sha256(read(`documents/invoices/${n}`))));
    const attachments: string[] = [];
    const emails = readdirSync(join(root, 'documents/mail'));
    expect(emails).toHaveLength(2);
    for (const name of emails) {
      const bytes = read(`documents/mail/${name}`);
      // RFC 5322 line endings: no LF without its CR.
      expect(bytes.toString('latin1')).not.toMatch(/[^\r]\n/);
      const mail = await simpleParser(bytes);
      expect(mail.date?.toISOString(), name).toMatch(/^20\d\d-/);
      expect(mail.attachments).toHaveLength(1);
      const [pdf] = mail.attachments;
      expect(pdf!.contentType).toBe('application/pdf');
      expect(pdf!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(invoiceHashes.has(sha256(pdf!.content)), `${name} attaches a copy of an invoice file`).toBe(
        false,
      );
      attachments.push(pdf!.filename!);
    }
    expect(Object.keys(truth).sort()).toEqual([...invoiceFiles, ...attachments].sort());
    for (const [name, entry] of Object.entries(truth)) {
      expect(entry.invoiceId, name).toBeTruthy();
      expect(typeof entry.invoiceTotal, name).toBe('number');
    }
  });

  it('has three PDF contracts and one Word contract', () => {
    const names = readdirSync(join(root, 'documents/contracts'));
    expect(names.filter((n) => n.endsWith('.pdf'))).toHaveLength(3);
    const docx = names.filter((n) => n.endsWith('.docx'));
    expect(docx).toHaveLength(1);
    expect(read(`documents/contracts/${docx[0]}`).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('has help-desk and CRM exports that parse, with the mappings that fit them', () => {
    const tickets = csvRows('tickets/helpdesk-tickets.csv');
    expect(tickets).toHaveLength(300);
    const toRoute = tickets.filter((t) => t.Group === '' && t.Priority === '');
    expect(toRoute).toHaveLength(30);
    // The tickets still to route are the newest ones.
    expect(tickets.slice(-30)).toEqual(toRoute);

    const contacts = csvRows('crm/contacts.csv');
    expect(contacts).toHaveLength(200);
    const tagged = contacts.filter((c) => c.Tags !== '');
    expect(tagged.length).toBeGreaterThan(50);
    expect(tagged.length).toBeLessThan(200);
    expect(csvRows('crm/notes.csv')).toHaveLength(100);

    for (const [mapping, csv] of [
      ['tickets/helpdesk-tickets.mapping.json', tickets],
      ['crm/contacts.mapping.json', contacts],
      ['crm/notes.mapping.json', csvRows('crm/notes.csv')],
    ] as const) {
      const { columns } = recordMappingSchema.parse(readJson(mapping));
      for (const column of Object.values(columns)) expect(Object.keys(csv[0]!), mapping).toContain(column);
    }

    const mbox = read('tickets/support-inbox.mbox').toString('utf8');
    expect(mbox.match(/^From \S+@\S+ /gm)).toHaveLength(8);
  });
});

// Writes the sample data Docket's first run imports ("Try with sample data", `docket demo`):
//   node scripts/samples/write-samples.ts [--out samples]
// Removes the files of its own layout in the folder first, then writes them all again from fixed seeds,
// so two runs give the same bytes; manifest.json lists every file with its SHA-256.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { sampleContracts } from './contract-texts.ts';
import { renderContract } from './contracts.ts';
import { supplierEmail } from './emails.ts';
import { invoiceSamples, renderSampleInvoice, truthEntry, type InvoiceTruthEntry } from './invoices.ts';
import { readme } from './readme.ts';
import { CONTACT_COUNT, NOTE_COUNT, recordSamples, SUPPORT_EMAIL_COUNT, TICKET_COUNT } from './records.ts';

const GENERATED_BY = 'node scripts/samples/write-samples.ts';
/** Everything the script writes at the top of the folder; only these are removed before writing. */
const OWN_ENTRIES = ['README.md', 'manifest.json', 'documents', 'tickets', 'crm', 'truth'];
/** Seeds of the emailed documents: not among the 20 invoice documents' seeds, so no attachment copies one. */
const MAIL_DOCUMENTS = [
  { seed: 9101, language: 'en', documentType: 'invoice' },
  { seed: 9102, language: 'en', documentType: 'receipt' },
] as const;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { out: { type: 'string', default: join(repoRoot, 'samples') } } });
const out = resolve(values.out);
const started = performance.now();

const files = new Map<string, Uint8Array | string>();
const truth: Record<string, InvoiceTruthEntry> = {};

const invoices = await invoiceSamples();
for (const sample of invoices) {
  files.set(`documents/invoices/${sample.name}`, sample.bytes);
  truth[sample.name] = sample.truth;
}

const emails: string[] = [];
for (const [i, spec] of MAIL_DOCUMENTS.entries()) {
  const rendered = await renderSampleInvoice(spec.seed, spec.language, spec.documentType);
  if (invoices.some((s) => Buffer.from(s.bytes).equals(rendered.pdf)))
    throw new Error(`the document emailed with seed ${spec.seed} is one of the invoice documents`);
  const email = supplierEmail(rendered, i + 1);
  files.set(`documents/mail/${email.name}`, email.bytes);
  truth[email.attachmentName] = truthEntry(rendered.truth);
  emails.push(email.name);
}

const contracts = sampleContracts();
for (const contract of contracts) {
  files.set(`documents/contracts/${contract.file}`, await renderContract(contract));
}

const records = recordSamples();
for (const [path, text] of Object.entries(records.files)) files.set(path, text);

files.set('truth/invoices.json', JSON.stringify(truth));
files.set(
  'README.md',
  readme({
    invoices: {
      pdfs: invoices.filter((s) => s.name.endsWith('.pdf')).length,
      scans: invoices.filter((s) => s.name.endsWith('.jpg')).length,
    },
    contracts: contracts.map((c) => c.file),
    emails,
    tickets: TICKET_COUNT,
    unlabelledTickets: records.unlabelledTickets,
    supportEmails: SUPPORT_EMAIL_COUNT,
    contacts: CONTACT_COUNT,
    taggedContacts: records.taggedContacts,
    notes: NOTE_COUNT,
  }),
);

/** JSON and Markdown as the repository's Prettier writes them, so `prettier --check .` passes on samples/. */
async function formatted(path: string, content: Uint8Array | string): Promise<Uint8Array> {
  if (typeof content !== 'string') return content;
  let text = content;
  if (/\.(json|md)$/.test(path)) {
    const config = (await prettier.resolveConfig(join(repoRoot, 'samples', path))) ?? {};
    text = await prettier.format(text, { ...config, filepath: path });
  }
  return new TextEncoder().encode(text);
}

// Only a folder this script wrote (its manifest is there) or an empty one is cleared: `--out ~` must never
// remove someone's Documents folder.
const present = existsSync(out) ? readdirSync(out) : [];
if (present.length > 0 && !present.includes('manifest.json')) {
  console.error(`${out} is not empty and holds no samples manifest.json; choose a new or empty folder.`);
  process.exit(2);
}
for (const entry of OWN_ENTRIES) await rm(join(out, entry), { recursive: true, force: true });
const hashes: Record<string, string> = {};
let total = 0;
for (const path of [...files.keys()].sort()) {
  const bytes = await formatted(path, files.get(path)!);
  await mkdir(dirname(join(out, path)), { recursive: true });
  await writeFile(join(out, path), bytes);
  hashes[path] = createHash('sha256').update(bytes).digest('hex');
  total += bytes.byteLength;
  console.log(`${String(bytes.byteLength).padStart(9)}  ${path}`);
}
const manifest = await formatted(
  'manifest.json',
  JSON.stringify({ generatedBy: GENERATED_BY, files: hashes }),
);
await writeFile(join(out, 'manifest.json'), manifest);
total += manifest.byteLength;

const hashOf = new Map<string, string>();
for (const [path, hash] of Object.entries(hashes)) {
  const twin = hashOf.get(hash);
  if (twin) throw new Error(`${path} and ${twin} are the same bytes`);
  hashOf.set(hash, path);
}
console.log(
  `${String(total).padStart(9)}  in ${Object.keys(hashes).length + 1} files under ${relative(process.cwd(), out) || '.'} ` +
    `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
);

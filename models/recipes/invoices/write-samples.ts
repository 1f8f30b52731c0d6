// Writes sample documents to look at or to test with:
//   node models/recipes/invoices/write-samples.ts --out DIR [--n 20] [--seed 1] [--scanned]
// NAME.pdf and NAME.truth.json for each (NAME.jpg, a scan of page 1, with --scanned), spread over the five
// languages and the three document types.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { INVOICE_LANGUAGES } from '../../../main/invoices/types.ts';
import { randomInvoice } from './generate.ts';
import { renderInvoicePdf } from './render-pdf.ts';
import { scanPage } from './scan.ts';

const DOCUMENT_TYPES = ['invoice', 'receipt', 'credit_note'] as const;

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    n: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    scanned: { type: 'boolean', default: false },
  },
});

const count = Number(values.n);
const firstSeed = Number(values.seed);
if (!values.out || !Number.isInteger(count) || count < 1 || !Number.isInteger(firstSeed)) {
  console.error(
    'usage: node models/recipes/invoices/write-samples.ts --out DIR [--n 20] [--seed 1] [--scanned]',
  );
  process.exit(2);
}
const out = values.out;
await mkdir(out, { recursive: true });

for (let i = 0; i < count; i++) {
  const seed = firstSeed + i;
  // Languages cycle fastest, so every 15 samples hold each language with each document type.
  const language = INVOICE_LANGUAGES[i % INVOICE_LANGUAGES.length] ?? 'en';
  const documentType =
    DOCUMENT_TYPES[Math.floor(i / INVOICE_LANGUAGES.length) % DOCUMENT_TYPES.length] ?? 'invoice';
  const invoice = randomInvoice(seed, { language, documentType });
  const { pdf, truth } = await renderInvoicePdf(invoice);
  const name = `${String(i + 1).padStart(3, '0')}-${language}-${documentType}-${invoice.style.layout}-s${seed}`;
  await writeFile(join(out, `${name}.pdf`), pdf);
  await writeFile(join(out, `${name}.truth.json`), `${JSON.stringify(truth, null, 2)}\n`);
  if (values.scanned) await writeFile(join(out, `${name}.jpg`), await scanPage(pdf, 1, seed));
  console.log(
    `${name}: ${truth.pages} page(s), ${Object.keys(truth.fields).length} fields, ${truth.lineItems.length} line items`,
  );
}

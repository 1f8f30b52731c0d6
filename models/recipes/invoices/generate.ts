// randomInvoice: one seeded invoice, receipt or credit note — parties, identifiers, dates, line items with
// exact arithmetic (integer cents), taxes per rate, and the style it will be printed in (layout, fonts,
// number, currency and date formats, label wordings).
import { INVOICE_LANGUAGES } from '../../../main/invoices/types.ts';
import type { InvoiceDocumentType, InvoiceLanguage } from '../../../main/invoices/types.ts';
import { catalogItem, detailTemplate, unitName, type CatalogItem } from './catalog.ts';
import { addDays, formatDate } from './format.ts';
import { groupIban, randomBic, randomIban, randomVatId } from './identifiers.ts';
import { chooseLabels } from './labels.ts';
import {
  LAYOUTS,
  RECEIPT_LAYOUTS,
  type BankAccount,
  type ColumnId,
  type Country,
  type CurrencyCode,
  type CurrencyPlacement,
  type DateStyle,
  type FontFamily,
  type Formats,
  type GeneratedInvoice,
  type InvoiceLine,
  type InvoiceStyle,
  type LayoutId,
  type NumberStyle,
  type Party,
  type ReceiptPayment,
  type TaxLine,
} from './model.ts';
import { addressLines, companyName, domainStem, personName, shopName } from './names.ts';
import { createRandom, type Random } from './random.ts';

export type { GeneratedInvoice } from './model.ts';

export interface RandomInvoiceOptions {
  language?: InvoiceLanguage;
  /** invoice, receipt or credit_note ('other' is not generated). */
  documentType?: InvoiceDocumentType;
  minLineItems?: number;
  maxLineItems?: number;
  /** One of LAYOUTS or RECEIPT_LAYOUTS; by default receipts get 'receipt' and the others any invoice layout. */
  layout?: string;
}

type PrintedType = Exclude<InvoiceDocumentType, 'other'>;

const COUNTRIES: Record<InvoiceLanguage, readonly (readonly [Country, number])[]> = {
  en: [
    ['GB', 45],
    ['US', 30],
    ['IE', 25],
  ],
  de: [
    ['DE', 60],
    ['AT', 25],
    ['CH', 15],
  ],
  fr: [
    ['FR', 70],
    ['BE', 20],
    ['CH', 10],
  ],
  nl: [
    ['NL', 70],
    ['BE', 30],
  ],
  es: [['ES', 100]],
};

const CURRENCY: Record<Country, CurrencyCode> = {
  GB: 'GBP',
  US: 'USD',
  IE: 'EUR',
  DE: 'EUR',
  AT: 'EUR',
  CH: 'CHF',
  FR: 'EUR',
  BE: 'EUR',
  NL: 'EUR',
  ES: 'EUR',
};

/** Standard rate first. The US has one sales-tax rate per invoice, chosen from these. */
const TAX_RATES: Record<Country, readonly number[]> = {
  GB: [20, 5],
  IE: [23, 13.5, 9],
  DE: [19, 7],
  AT: [20, 10, 13],
  CH: [8.1, 2.6, 3.8],
  FR: [20, 10, 5.5],
  BE: [21, 6, 12],
  NL: [21, 9],
  ES: [21, 10, 4],
  US: [8.25, 7, 6.5, 8.875, 6],
};

const ns = (group: NumberStyle['group'], decimal: NumberStyle['decimal']): NumberStyle => ({
  group,
  decimal,
});

const NUMBER_STYLES: Record<Country, readonly (readonly [NumberStyle, number])[]> = {
  GB: [
    [ns(',', '.'), 85],
    [ns('', '.'), 15],
  ],
  IE: [
    [ns(',', '.'), 85],
    [ns('', '.'), 15],
  ],
  US: [
    [ns(',', '.'), 90],
    [ns('', '.'), 10],
  ],
  DE: [
    [ns('.', ','), 80],
    [ns('', ','), 15],
    [ns(' ', ','), 5],
  ],
  AT: [
    [ns('.', ','), 75],
    [ns('', ','), 15],
    [ns(' ', ','), 10],
  ],
  CH: [
    [ns("'", '.'), 85],
    [ns(' ', '.'), 10],
    [ns('', '.'), 5],
  ],
  FR: [
    [ns(' ', ','), 75],
    [ns('.', ','), 10],
    [ns('', ','), 15],
  ],
  BE: [
    [ns('.', ','), 60],
    [ns(' ', ','), 40],
  ],
  NL: [
    [ns('.', ','), 85],
    [ns('', ','), 15],
  ],
  ES: [
    [ns('.', ','), 85],
    [ns('', ','), 15],
  ],
};

const PLACEMENTS: Record<Country, readonly (readonly [CurrencyPlacement, number])[]> = {
  GB: [
    ['symbol-before', 60],
    ['code-before', 15],
    ['code-after', 5],
    ['none', 20],
  ],
  IE: [
    ['symbol-before', 60],
    ['code-before', 15],
    ['code-after', 5],
    ['none', 20],
  ],
  US: [
    ['symbol-before', 70],
    ['code-before', 10],
    ['none', 20],
  ],
  DE: [
    ['symbol-after', 45],
    ['code-after', 20],
    ['code-before', 5],
    ['symbol-before-space', 10],
    ['none', 20],
  ],
  AT: [
    ['symbol-after', 35],
    ['code-after', 20],
    ['symbol-before-space', 25],
    ['none', 20],
  ],
  CH: [
    ['code-before', 60],
    ['code-after', 20],
    ['none', 20],
  ],
  FR: [
    ['symbol-after', 60],
    ['code-after', 15],
    ['none', 25],
  ],
  BE: [
    ['symbol-after', 40],
    ['symbol-before-space', 25],
    ['code-after', 10],
    ['none', 25],
  ],
  NL: [
    ['symbol-before-space', 50],
    ['code-before', 10],
    ['symbol-after', 15],
    ['none', 25],
  ],
  ES: [
    ['symbol-after', 65],
    ['code-after', 10],
    ['none', 25],
  ],
};

const DATE_STYLES: Record<Country, readonly (readonly [DateStyle, number])[]> = {
  GB: [
    ['DD/MM/YYYY', 50],
    ['D MONTH YYYY', 35],
    ['YYYY-MM-DD', 10],
    ['DD.MM.YYYY', 5],
  ],
  IE: [
    ['DD/MM/YYYY', 50],
    ['D MONTH YYYY', 35],
    ['YYYY-MM-DD', 15],
  ],
  US: [
    ['MM/DD/YYYY', 50],
    ['MON D, YYYY', 25],
    ['MONTH D, YYYY', 15],
    ['YYYY-MM-DD', 10],
  ],
  DE: [
    ['DD.MM.YYYY', 70],
    ['D MONTH YYYY', 20],
    ['YYYY-MM-DD', 10],
  ],
  AT: [
    ['DD.MM.YYYY', 75],
    ['D MONTH YYYY', 15],
    ['YYYY-MM-DD', 10],
  ],
  CH: [
    ['DD.MM.YYYY', 75],
    ['D MONTH YYYY', 15],
    ['YYYY-MM-DD', 10],
  ],
  FR: [
    ['DD/MM/YYYY', 65],
    ['D MONTH YYYY', 25],
    ['YYYY-MM-DD', 10],
  ],
  BE: [
    ['DD/MM/YYYY', 40],
    ['DD-MM-YYYY', 20],
    ['D MONTH YYYY', 25],
    ['YYYY-MM-DD', 15],
  ],
  NL: [
    ['DD-MM-YYYY', 50],
    ['D MONTH YYYY', 25],
    ['DD/MM/YYYY', 10],
    ['YYYY-MM-DD', 15],
  ],
  ES: [
    ['DD/MM/YYYY', 60],
    ['D MONTH YYYY', 20],
    ['DD-MM-YYYY', 10],
    ['YYYY-MM-DD', 10],
  ],
};

const COLUMN_SETS: readonly ColumnId[][] = [
  ['position', 'description', 'quantity', 'unit', 'unitPrice', 'amount'],
  ['productCode', 'description', 'quantity', 'unitPrice', 'taxRate', 'amount'],
  ['description', 'quantity', 'unitPrice', 'amount'],
  ['position', 'productCode', 'description', 'quantity', 'unit', 'unitPrice', 'taxRate', 'amount'],
  ['quantity', 'description', 'unitPrice', 'amount'],
  ['position', 'description', 'productCode', 'quantity', 'unitPrice', 'amount'],
  ['description', 'taxRate', 'quantity', 'unit', 'unitPrice', 'amount'],
  ['description', 'amount'],
  ['position', 'quantity', 'unit', 'description', 'unitPrice', 'taxRate', 'amount'],
];

const A4 = { width: 595.28, height: 841.89 };
const LETTER = { width: 612, height: 792 };
/** 80 mm receipt paper; the height follows the content. */
const RECEIPT = { width: 226.77, height: 0 };

const isLayout = (id: string): id is LayoutId =>
  (LAYOUTS as readonly string[]).includes(id) || (RECEIPT_LAYOUTS as readonly string[]).includes(id);

export function randomInvoice(seed: number, options: RandomInvoiceOptions = {}): GeneratedInvoice {
  if (options.layout !== undefined && !isLayout(options.layout)) {
    throw new Error(
      `unknown layout ${JSON.stringify(options.layout)}; one of ${[...LAYOUTS, ...RECEIPT_LAYOUTS].join(', ')}`,
    );
  }
  if (options.documentType === 'other') {
    throw new Error("the generator prints invoices, receipts and credit notes, not 'other' documents");
  }
  const rng = createRandom(seed);
  const language = options.language ?? rng.pick(INVOICE_LANGUAGES);
  // A receipt layout prints receipts; an invoice layout asked for by name, invoices and credit notes.
  const documentType: PrintedType =
    (options.documentType as PrintedType | undefined) ??
    (options.layout === 'receipt'
      ? 'receipt'
      : rng.weighted<PrintedType>([
          ['invoice', 60],
          ['receipt', options.layout === undefined ? 25 : 0],
          ['credit_note', 15],
        ]));
  const receipt = documentType === 'receipt';
  const country = rng.weighted(COUNTRIES[language]);
  const currency = CURRENCY[country];
  const formats: Formats = {
    language,
    number: rng.weighted(NUMBER_STYLES[country]),
    currency,
    placement: rng.weighted(PLACEMENTS[country]),
    date: rng.weighted(DATE_STYLES[country]),
    spacedPercent: (language === 'fr' || language === 'de') && rng.chance(0.5),
  };
  if (receipt) {
    // Receipts name the currency next to the total at least, and print short numeric dates.
    if (formats.placement === 'none') formats.placement = rng.pick(['code-before', 'code-after'] as const);
    if (/MONTH|MON/.test(formats.date)) formats.date = country === 'US' ? 'MM/DD/YYYY' : numericDate(country);
  }

  const invoiceDate = randomDate(rng);
  const termDays = rng.pick([7, 10, 14, 14, 21, 30, 30, 30, 45, 60]);
  const hasDue = !receipt && rng.chance(documentType === 'credit_note' ? 0.2 : 0.7);
  const hasTerm = !receipt && rng.chance(documentType === 'credit_note' ? 0.2 : 0.6);

  const vendor = receipt ? randomShop(country, language, rng) : randomCompany(country, language, rng, true);
  if (country !== 'US' && rng.chance(receipt ? 0.6 : 0.9)) vendor.vatId = randomVatId(country, language, rng);
  const customer = receipt ? undefined : randomCustomer(country, language, rng);

  const lineCount = chooseLineCount(rng, receipt, options);
  const style = randomStyle(rng, { documentType, language, country, formats, layout: options.layout });
  const lines = randomLines(rng, { language, country, receipt, count: lineCount, formats });
  const pricesIncludeTax = receipt && country !== 'US' && rng.chance(0.75);
  const totals = computeTotals(lines, pricesIncludeTax);
  const depositCents =
    documentType === 'invoice' && totals.totalCents > 20_000 && rng.chance(0.1)
      ? Math.round((totals.totalCents * rng.pick([0.2, 0.25, 0.3, 0.5])) / 100) * 100
      : 0;

  const invoice: GeneratedInvoice = {
    seed,
    documentType,
    language,
    country,
    currency,
    invoiceId: randomDocumentNumber(documentType, language, invoiceDate, rng),
    invoiceDate,
    dueDate: hasDue ? addDays(invoiceDate, termDays) : undefined,
    deliveryDate: !receipt && rng.chance(0.25) ? addDays(invoiceDate, -rng.int(0, 20)) : undefined,
    time: receipt && rng.chance(0.8) ? `${pad(rng.int(7, 21))}:${pad(rng.int(0, 59))}` : undefined,
    purchaseOrder: !receipt && rng.chance(0.4) ? randomPurchaseOrder(invoiceDate, rng) : undefined,
    customerNumber: !receipt && rng.chance(0.4) ? randomCustomerNumber(rng) : undefined,
    paymentTerm: hasTerm ? paymentTermText(language, termDays, rng) : undefined,
    referenceInvoiceId:
      documentType === 'credit_note' && rng.chance(0.8)
        ? randomDocumentNumber('invoice', language, addDays(invoiceDate, -rng.int(5, 90)), rng)
        : undefined,
    contactPerson: !receipt && rng.chance(0.2) ? personName(language, rng) : undefined,
    vendor,
    customer,
    bank: !receipt && rng.chance(0.8) ? randomBank(country, language, rng) : undefined,
    lines,
    pricesIncludeTax,
    ...totals,
    depositCents,
    amountDueCents: totals.totalCents - depositCents,
    printAmountDue: documentType === 'invoice' && (depositCents > 0 || rng.chance(0.45)),
    sign: documentType === 'credit_note' && rng.chance(0.5) ? -1 : 1,
    payment: receipt ? randomPayment(totals.totalCents, rng) : undefined,
    style,
  };
  return invoice;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function numericDate(country: Country): DateStyle {
  return country === 'NL' ? 'DD-MM-YYYY' : ['DE', 'AT', 'CH'].includes(country) ? 'DD.MM.YYYY' : 'DD/MM/YYYY';
}

function randomDate(rng: Random): string {
  const start = Date.UTC(2019, 0, 1);
  const days = rng.int(0, 7 * 365);
  return new Date(start + days * 86_400_000).toISOString().slice(0, 10);
}

function chooseLineCount(rng: Random, receipt: boolean, options: RandomInvoiceOptions): number {
  const fallback = receipt
    ? rng.weighted<[number, number]>([
        [[1, 6], 70],
        [[7, 16], 30],
      ])
    : rng.weighted<[number, number]>([
        [[1, 6], 55],
        [[7, 18], 25],
        [[28, 50], 20], // long enough for a second page
      ]);
  const min = options.minLineItems ?? Math.min(fallback[0], options.maxLineItems ?? Infinity);
  const max = Math.max(min, options.maxLineItems ?? Math.max(fallback[1], min));
  return rng.int(min, max);
}

function contactDetails(party: Party, country: Country, rng: Random): void {
  const prefix: Record<Country, string> = {
    GB: '+44',
    IE: '+353',
    US: '+1',
    DE: '+49',
    AT: '+43',
    CH: '+41',
    FR: '+33',
    BE: '+32',
    NL: '+31',
    ES: '+34',
  };
  const tld: Record<Country, string> = {
    GB: 'co.uk',
    IE: 'ie',
    US: 'com',
    DE: 'de',
    AT: 'at',
    CH: 'ch',
    FR: 'fr',
    BE: 'be',
    NL: 'nl',
    ES: 'es',
  };
  const stem = domainStem(party.name);
  if (rng.chance(0.8)) {
    party.phone =
      country === 'US'
        ? `(${rng.int(201, 989)}) ${rng.int(200, 999)}-${rng.digits(4)}`
        : `${prefix[country]} ${rng.int(1, 9)}${rng.digits(rng.int(1, 2))} ${rng.digits(rng.int(6, 7))}`;
  }
  if (rng.chance(0.7)) {
    party.email = `${rng.pick(['info', 'billing', 'accounts', 'office', 'contact'])}@${stem.replace(/-/g, '')}.${tld[country]}`;
  }
  if (rng.chance(0.5)) party.website = `www.${stem}.${tld[country]}`;
}

function randomCompany(country: Country, language: InvoiceLanguage, rng: Random, contact: boolean): Party {
  const party: Party = {
    name: companyName(country, language, rng),
    addressLines: addressLines(country, language, rng, rng.chance(0.15)),
    country,
  };
  if (contact) contactDetails(party, country, rng);
  return party;
}

function randomShop(country: Country, language: InvoiceLanguage, rng: Random): Party {
  const party: Party = {
    name: shopName(country, language, rng),
    addressLines: addressLines(country, language, rng, false),
    country,
  };
  if (rng.chance(0.6)) contactDetails(party, country, rng);
  return party;
}

const EU_NEIGHBOURS: readonly Country[] = ['DE', 'AT', 'FR', 'BE', 'NL', 'ES', 'IE'];

function randomCustomer(vendorCountry: Country, language: InvoiceLanguage, rng: Random): Party {
  const abroad = vendorCountry !== 'US' && vendorCountry !== 'CH' && rng.chance(0.2);
  const country = abroad ? rng.pick(EU_NEIGHBOURS.filter((c) => c !== vendorCountry)) : vendorCountry;
  const person = !abroad && rng.chance(0.2);
  const party: Party = {
    name: person ? personName(language, rng) : companyName(country, language, rng),
    addressLines: addressLines(country, language, rng, abroad || rng.chance(0.1)),
    country,
  };
  if (!person && country !== 'US' && rng.chance(abroad ? 0.9 : 0.3)) {
    party.vatId = randomVatId(country, language, rng);
  }
  return party;
}

function randomBank(country: Country, language: InvoiceLanguage, rng: Random): BankAccount | undefined {
  const iban = randomIban(country, rng);
  if (!iban) return undefined;
  const names: Record<InvoiceLanguage, readonly string[]> = {
    en: ['Northern Savings Bank', 'City Commercial Bank', 'Harbour Bank plc', 'Westgate Building Society'],
    de: ['Stadtsparkasse', 'Volksbank eG', 'Handelsbank AG', 'Raiffeisenbank eG', 'Kreissparkasse'],
    fr: ['Banque Régionale', 'Crédit Mutuel', 'Banque du Commerce', "Caisse d'Épargne"],
    nl: ['Handelsbank', 'Spaarbank Noord', 'Coöperatieve Bank'],
    es: ['Banco Regional', 'Caja Rural', 'Banco del Comercio', 'Banca Mediterránea'],
  };
  return {
    bankName: rng.pick(names[language]),
    iban,
    ibanPrinted: rng.chance(0.75) ? groupIban(iban) : iban,
    bic: rng.chance(0.8) ? randomBic(country, rng) : undefined,
  };
}

function randomDocumentNumber(
  type: PrintedType,
  language: InvoiceLanguage,
  date: string,
  rng: Random,
): string {
  const year = date.slice(0, 4);
  const yy = date.slice(2, 4);
  const n = (k: number) => String(rng.int(1, 9)) + rng.digits(k - 1);
  const z = (k: number) => String(rng.int(1, 10 ** (k - 2))).padStart(k, '0');
  const patterns: Record<PrintedType, Record<InvoiceLanguage, readonly string[]>> = {
    invoice: {
      en: [`INV-${year}-${z(5)}`, n(5), `INV${z(6)}`, `${year}/${z(4)}`, `SI-${n(5)}`],
      de: [`RE-${year}-${z(4)}`, `${year}${z(4)}`, `R${z(6)}`, `RG-${n(5)}`, n(5)],
      fr: [`F${year}-${z(4)}`, `FA${yy}${z(5)}`, `FAC-${z(6)}`, `${year}-${z(4)}`],
      nl: [`${year}-${z(4)}`, `F${year}${z(4)}`, `FAC${z(6)}`, n(6)],
      es: [`F${year}/${z(4)}`, `A-${z(5)}`, `FV${yy}-${z(4)}`, `${year}-${z(5)}`],
    },
    credit_note: {
      en: [`CN-${year}-${z(4)}`, `CR${z(5)}`],
      de: [`GS-${year}-${z(4)}`, `G${z(6)}`],
      fr: [`AV${year}-${z(4)}`, `AV-${z(5)}`],
      nl: [`CN${year}${z(4)}`, `C-${z(5)}`],
      es: [`R${year}/${z(4)}`, `AB-${z(5)}`, `FR${yy}-${z(4)}`],
    },
    receipt: {
      en: [n(4), `${z(4)}-${z(6)}`, `T${z(6)}`],
      de: [n(4), `${z(4)}/${z(3)}`, n(6)],
      fr: [z(6), `${z(3)}-${z(5)}`, n(4)],
      nl: [n(5), `${z(4)}-${z(4)}`],
      es: [`T${yy}-${z(6)}`, z(6), `${z(3)}/${z(5)}`],
    },
  };
  return rng.pick(patterns[type][language]);
}

function randomPurchaseOrder(date: string, rng: Random): string {
  return rng.pick([
    `PO-${rng.digits(6)}`,
    `45${rng.digits(8)}`,
    rng.digits(5),
    `B-${date.slice(0, 4)}-${rng.digits(3)}`,
    `OC-${rng.digits(5)}`,
    `BC${rng.digits(6)}`,
  ]);
}

function randomCustomerNumber(rng: Random): string {
  return rng.pick([rng.digits(5), `K-${rng.digits(5)}`, `C${rng.digits(6)}`, `D${rng.digits(5)}`]);
}

function paymentTermText(language: InvoiceLanguage, days: number, rng: Random): string {
  const skonto = rng.pick([2, 3]);
  const texts: Record<InvoiceLanguage, readonly string[]> = {
    en: [
      `${days} days net`,
      `Net ${days}`,
      `Payment due within ${days} days`,
      `Payable within ${days} days of invoice date`,
    ],
    de: [
      `Zahlbar innerhalb von ${days} Tagen`,
      `${days} Tage netto`,
      `Zahlbar innerhalb ${days} Tagen ohne Abzug`,
      `Zahlung innerhalb von ${days} Tagen nach Rechnungsdatum`,
      `${days} Tage netto, ${skonto} % Skonto innerhalb von 7 Tagen`,
    ],
    fr: [
      `Paiement à ${days} jours`,
      `${days} jours net`,
      `Payable à ${days} jours date de facture`,
      `Règlement à ${days} jours`,
    ],
    nl: [
      `Betaling binnen ${days} dagen`,
      `${days} dagen netto`,
      `Te voldoen binnen ${days} dagen na factuurdatum`,
    ],
    es: [
      `Pago a ${days} días`,
      `${days} días netos`,
      `Vencimiento a ${days} días`,
      `Transferencia a ${days} días`,
    ],
  };
  return rng.pick(texts[language]);
}

function productCode(rng: Random): string {
  return rng.pick([
    `ART-${rng.digits(5)}`,
    `${rng.letters(1)}${rng.digits(4)}`,
    `${rng.digits(4)}-${rng.digits(3)}`,
    `SKU-${rng.digits(5)}`,
    `P-${rng.digits(6)}`,
    `${rng.letters(2)}${rng.digits(3)}`,
  ]);
}

/** Quantity in hundredths suited to the unit. */
function randomQuantity(item: CatalogItem, receipt: boolean, rng: Random): number {
  switch (item.unit) {
    case 'hour':
      return rng.int(2, 80) * 25;
    case 'day':
      return rng.int(1, 20) * 50;
    case 'kg':
      return receipt ? rng.int(2, 12) * 25 : rng.int(1, 200) * 100;
    case 'metre':
      return rng.int(1, 60) * 100;
    case 'flat':
      return 100;
    case 'month':
      return rng.int(1, 3) * 100;
    default:
      return receipt
        ? rng.weighted([
            [100, 6],
            [200, 3],
            [300, 1],
            [400, 1],
          ])
        : rng.int(1, 25) * 100;
  }
}

function randomLines(
  rng: Random,
  context: { language: InvoiceLanguage; country: Country; receipt: boolean; count: number; formats: Formats },
): InvoiceLine[] {
  const { language, country, receipt, count, formats } = context;
  const rates = TAX_RATES[country];
  const standard = country === 'US' ? rng.pick(rates) : (rates[0] as number);
  const singleRate = country === 'US' || rng.chance(0.5);
  const lines: InvoiceLine[] = [];
  // One name per unit in a document ("Stk." throughout, not "Stk." here and "Stück" there).
  const units = new Map<CatalogItem['unit'], string>();
  for (let i = 0; i < count; i++) {
    const item = catalogItem(language, receipt, rng);
    if (!units.has(item.unit)) units.set(item.unit, unitName(language, item.unit, rng));
    const descriptionLines = [item.name];
    if (!receipt && rng.chance(0.25)) {
      const from = randomDate(rng);
      descriptionLines.push(
        detailTemplate(language, rng)
          .replace('{from}', formatDate(from, formats.date, language))
          .replace('{to}', formatDate(addDays(from, rng.int(6, 30)), formats.date, language))
          .replace('{ref}', `${rng.letters(1)}${rng.digits(5)}`)
          .replace('{project}', rng.pick(['Alpha', 'Nord', 'Süd', 'Centro', 'Horizon', 'Delta', 'Atlas'])),
      );
    }
    const quantityHundredths = randomQuantity(item, receipt, rng);
    const [low, high] = item.price;
    const cents = rng.pick([0, 0, 50, 90, 95, 99, rng.int(0, 99)]);
    const unitPriceCents = receipt ? rng.int(low * 10, high * 10) * 10 : rng.int(low, high) * 100 + cents;
    const reduced = !singleRate && item.reduced === true && rates.length > 1 && rng.chance(0.8);
    lines.push({
      position: i + 1,
      productCode: productCode(rng),
      descriptionLines,
      quantityHundredths,
      unit: units.get(item.unit) ?? '',
      unitPriceCents,
      amountCents: Math.round((quantityHundredths * unitPriceCents) / 100),
      taxRate: reduced ? (rates[1] as number) : standard,
    });
  }
  return lines;
}

/**
 * Taxes per rate (rounded once per rate, as invoicing software does). Net prices: tax = base × rate.
 * Gross prices (receipts): the tax is the part of the gross sum, and the lines sum to the total.
 */
function computeTotals(
  lines: readonly InvoiceLine[],
  pricesIncludeTax: boolean,
): { taxes: TaxLine[]; subTotalCents: number; totalTaxCents: number; totalCents: number } {
  const byRate = new Map<number, number>();
  for (const line of lines) byRate.set(line.taxRate, (byRate.get(line.taxRate) ?? 0) + line.amountCents);
  const taxes: TaxLine[] = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, sum]) => {
      if (pricesIncludeTax) {
        const taxCents = Math.round((sum * rate) / (100 + rate));
        return { rate, baseCents: sum - taxCents, taxCents };
      }
      return { rate, baseCents: sum, taxCents: Math.round((sum * rate) / 100) };
    });
  const subTotalCents = taxes.reduce((s, t) => s + t.baseCents, 0);
  const totalTaxCents = taxes.reduce((s, t) => s + t.taxCents, 0);
  return { taxes, subTotalCents, totalTaxCents, totalCents: subTotalCents + totalTaxCents };
}

function randomPayment(totalCents: number, rng: Random): ReceiptPayment {
  if (rng.chance(0.5)) return { method: 'card', givenCents: totalCents, changeCents: 0 };
  const step = rng.pick([500, 1000, 2000, 5000]);
  const givenCents = Math.ceil((totalCents + 1) / step) * step;
  return { method: 'cash', givenCents, changeCents: givenCents - totalCents };
}

function randomStyle(
  rng: Random,
  context: {
    documentType: PrintedType;
    language: InvoiceLanguage;
    country: Country;
    formats: Formats;
    layout: string | undefined;
  },
): InvoiceStyle {
  const { documentType, language, country, formats } = context;
  const receipt = documentType === 'receipt';
  const layout = (context.layout as LayoutId | undefined) ?? (receipt ? 'receipt' : rng.pick(LAYOUTS));
  const narrow = layout === 'receipt';
  const family: FontFamily = narrow
    ? rng.weighted<FontFamily>([
        ['Courier', 65],
        ['Helvetica', 25],
        ['Times', 10],
      ])
    : rng.weighted<FontFamily>([
        ['Helvetica', 55],
        ['Times', 30],
        ['Courier', 15],
      ]);
  const quantityWithUnit = rng.chance(0.2);
  let columns = [...rng.pick(COLUMN_SETS)];
  if (quantityWithUnit) columns = columns.filter((c) => c !== 'unit');
  const size = narrow ? rng.pick([7, 7.5, 8, 8.5, 9]) : rng.pick([8, 8.5, 9, 9, 9.5, 10, 10.5]);
  return {
    layout,
    family,
    size: family === 'Courier' && !narrow ? Math.min(size, 9) : size,
    titleSize: narrow ? rng.pick([10, 11, 12, 14]) : rng.pick([14, 16, 18, 20, 24]),
    page: narrow ? { ...RECEIPT } : country === 'US' ? { ...LETTER } : { ...A4 },
    formats,
    tableCurrency: rng.chance(0.2),
    columns,
    rules: rng.pick(['grid', 'rows', 'header', 'header', 'none'] as const),
    headerFill: rng.chance(0.35),
    repeatHeader: rng.chance(0.6),
    metaStyle: rng.chance(0.35) ? 'stacked' : 'inline',
    metaValueAlign: rng.chance(0.3) ? 'right' : 'left',
    colon: rng.chance(0.6),
    customerRight: rng.chance(0.3),
    addressOneLine: rng.chance(0.3),
    quantityWithUnit,
    pageNumbers: rng.chance(0.5),
    accent: rng
      .pick([
        [0, 0, 0],
        [0, 0, 0],
        [0.1, 0.2, 0.45],
        [0.55, 0.1, 0.1],
        [0.1, 0.35, 0.25],
        [0.3, 0.3, 0.3],
      ] as const)
      .slice() as [number, number, number],
    receiptItems: rng.pick(['qty-x-name', 'name-then-qty', 'table', 'name-only'] as const),
    labels: chooseLabels(language, documentType, country, rng.fork('labels')),
  };
}

// The words of an invoice's line-item table in the five languages, as data: the column headers that find a
// table and tell its columns apart, and the labels that end it (totals block), that are page furniture
// ("Page 2 of 3") or carried-forward lines ("Übertrag"), and that mark a receipt line as payment or tax.
// Everything is compared as a "key": folded (lower case, no accents) with spaces and punctuation removed, so
// "Unit price", "UNIT PRICE", "Unit-Price" and "Unit price:" are one key, and so are "Art.-Nr." and "Art Nr".
import type { InvoiceLanguage } from './types.ts';
import { isCurrencyMarker } from './rules/currency.ts';
import { foldText } from './rules/text.ts';

export const TABLE_COLUMNS = [
  'position',
  'description',
  'quantity',
  'unit',
  'unitPrice',
  'amount',
  'taxRate',
  'productCode',
] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];

/** Columns whose cells hold numbers: a number in a gap between columns goes to one of these. */
export const NUMERIC_COLUMNS: ReadonlySet<TableColumn> = new Set([
  'position',
  'quantity',
  'unitPrice',
  'amount',
  'taxRate',
]);

type Vocabulary = Record<InvoiceLanguage, readonly string[]>;

/** Column header words per column and language. Multi-word headers are one entry ("Unit price"). */
export const COLUMN_HEADERS: Record<TableColumn, Vocabulary> = {
  position: {
    en: ['Pos.', 'Pos', '#', 'No.', 'Line', 'Ln'],
    de: ['Pos.', 'Position', 'Nr.', 'Lfd. Nr.', 'Pos.-Nr.'],
    fr: ['N°', 'Nº', 'Ligne'],
    nl: ['Nr.', 'Regel'],
    es: ['Nº', 'Núm.', 'Línea', 'Lín.'],
  },
  description: {
    en: ['Description', 'Item', 'Items', 'Article', 'Product', 'Products', 'Service', 'Services', 'Details',
      'Item description', 'Product description', 'Description of goods', 'Description of services'],
    de: ['Bezeichnung', 'Beschreibung', 'Artikel', 'Leistung', 'Leistungen', 'Produkt', 'Artikelbezeichnung',
      'Leistungsbeschreibung'],
    fr: ['Désignation', 'Description', 'Libellé', 'Article', 'Produit', 'Prestation', 'Prestations'],
    nl: ['Omschrijving', 'Artikel', 'Product', 'Dienst', 'Beschrijving', 'Artikelomschrijving'],
    es: ['Descripción', 'Concepto', 'Artículo', 'Producto', 'Servicio', 'Detalle'],
  },
  quantity: {
    en: ['Qty', 'Qty.', 'Quantity', 'Hours', 'Hrs', 'Units', 'Hrs/Qty', 'Qty/Hrs'],
    de: ['Menge', 'Anzahl', 'Anz.', 'Stück', 'Stk.', 'Std.', 'Stunden'],
    fr: ['Qté', 'Qte', 'Quantité', 'Nombre', 'Heures'],
    nl: ['Aantal', 'Aant.', 'Hoeveelheid', 'Uren'],
    es: ['Cantidad', 'Cant.', 'Uds.', 'Unidades', 'Horas'],
  },
  unit: {
    en: ['Unit', 'UoM', 'U/M'],
    de: ['Einheit', 'Einh.', 'ME', 'Mengeneinheit'],
    fr: ['Unité', 'U.', 'Un.'],
    nl: ['Eenheid', 'Eenh.'],
    es: ['Unidad', 'Ud.', 'Unid.'],
  },
  unitPrice: {
    en: ['Unit price', 'Price', 'Rate', 'Unit cost', 'Price per unit', 'Net price', 'Unit price net',
      'Hourly rate', 'Each', 'Price each'],
    de: ['Einzelpreis', 'Einzelpr.', 'E-Preis', 'EP', 'Preis', 'Stückpreis', 'Nettopreis', 'Preis/Einh.',
      'Preis/Einheit', 'Preis je Einheit', 'Einzelpreis netto', 'Stundensatz'],
    fr: ['Prix unitaire', 'Prix unit.', 'P.U.', 'PU', 'Prix', 'Prix unitaire HT', 'P.U. HT', 'PU HT', 'Tarif'],
    nl: ['Prijs', 'Stukprijs', 'Eenheidsprijs', 'Prijs per stuk', 'Prijs per eenheid', 'Prijs/eenh.', 'Tarief'],
    es: ['Precio unitario', 'Precio', 'Precio unit.', 'P. unitario', 'P. unit.', 'Precio ud.', 'Precio/ud.',
      'Tarifa'],
  },
  amount: {
    en: ['Amount', 'Total', 'Line total', 'Total price', 'Net amount', 'Amount net', 'Net', 'Subtotal', 'Sum'],
    de: ['Betrag', 'Gesamt', 'Gesamtpreis', 'Summe', 'Gesamtbetrag', 'Nettobetrag', 'Netto', 'Gesamtpreis netto',
      'Betrag netto'],
    fr: ['Montant', 'Total HT', 'Montant HT', 'Total', 'Prix total', 'Montant total'],
    nl: ['Bedrag', 'Totaal', 'Totaalprijs', 'Regeltotaal', 'Bedrag excl. BTW', 'Totaal excl. BTW', 'Subtotaal'],
    es: ['Importe', 'Total', 'Subtotal', 'Importe total', 'Precio total'],
  },
  taxRate: {
    en: ['VAT', 'VAT %', 'Tax', 'Tax %', 'Tax rate', 'VAT rate', 'GST', 'GST %'],
    de: ['MwSt.', 'MwSt. %', 'MwSt.-Satz', 'USt.', 'USt. %', 'USt.-Satz', 'Steuer', 'Steuersatz', 'St.-Satz'],
    fr: ['TVA', 'TVA %', 'Taux TVA', 'Taux de TVA', 'Taux'],
    nl: ['BTW', 'BTW %', 'BTW-tarief', 'Tarief BTW', '% BTW'],
    es: ['IVA', 'IVA %', 'Tipo IVA', '% IVA', 'Impuesto'],
  },
  productCode: {
    en: ['Code', 'SKU', 'Item no.', 'Item #', 'Item code', 'Product code', 'Part no.', 'Part #', 'Art. no.', 'Ref.',
      'Reference', 'Product no.'],
    de: ['Art.-Nr.', 'Artikelnummer', 'Artikel-Nr.', 'Art. Nr.', 'Artikelnr.', 'Produktnummer', 'Bestellnummer',
      'Best.-Nr.'],
    fr: ['Réf.', 'Référence', 'Code article', 'Réf. article'],
    nl: ['Artikelnr.', 'Artikelnummer', 'Art.nr.', 'Artikelcode', 'Code', 'Productcode'],
    es: ['Código', 'Ref.', 'Referencia', 'Cód.'],
  },
}; // prettier-ignore

/**
 * Headers that name the description in one table and the product code in another ("Artikel | Bezeichnung",
 * "Item | Description"): when another column is the description, these are the code.
 */
export const CODE_OR_DESCRIPTION_HEADERS: readonly string[] = [
  'Item',
  'Article',
  'Artikel',
  'Artículo',
  'Product',
];

/**
 * German and Dutch build compound headers freely ("Nettoeinzelpreis", "Leistungsbezeichnung",
 * "Rechnungsbetrag"): a key that is not listed above but ends with one of these is that column.
 */
export const COMPOUND_ENDINGS: readonly (readonly [string, TableColumn])[] = [
  ['beschreibung', 'description'],
  ['bezeichnung', 'description'],
  ['omschrijving', 'description'],
  ['gesamtpreis', 'amount'],
  ['totaalprijs', 'amount'],
  ['preis', 'unitPrice'],
  ['prijs', 'unitPrice'],
  ['betrag', 'amount'],
  ['bedrag', 'amount'],
  ['nummer', 'productCode'],
];

/** Words that decorate a header without changing its column: "Amount (EUR)", "Preis netto", "Montant HT". */
export const HEADER_DECORATIONS: ReadonlySet<string> = new Set(
  [
    'in',
    'net',
    'netto',
    'gross',
    'brutto',
    'ht',
    'ttc',
    'excl',
    'incl',
    'excl.',
    'incl.',
    'exkl.',
    'inkl.',
    '%',
  ].map(headerKey),
);

/**
 * Labels of the totals block's sums: a table row beginning with one of these ends the table, even when its
 * amount was read onto another row (skewed scans). The bare English "Balance" is not here, as items begin
 * with it ("Balance weights").
 */
export const SUM_LABELS: Vocabulary = {
  en: ['Subtotal', 'Sub-total', 'Sub total', 'Total', 'Totals', 'Grand total', 'Net total', 'Total net',
    'Net amount', 'Amount due', 'Balance due', 'Total due', 'Invoice total', 'Credit total', 'Tot', 'Tot. qty',
    'Total qty', 'Rounding', 'Round amt', 'Rounding adj', 'Gross amount', 'Gross total', 'Please pay',
    'Deposit paid', 'Less payment received', 'Paid on account'],
  de: ['Zwischensumme', 'Summe', 'Gesamt', 'Gesamtsumme', 'Gesamtbetrag', 'Nettobetrag', 'Nettosumme',
    'Summe netto', 'Rechnungsbetrag', 'Endbetrag', 'Gutschriftsbetrag', 'Warenwert netto', 'Zu zahlen',
    'Noch zu zahlen', 'Zahlbetrag', 'Offener Betrag', 'Rundung', 'abzgl. Anzahlung', 'Anzahlung erhalten',
    'bereits gezahlt'],
  fr: ['Sous-total', 'Total', 'Total HT', 'Total TTC', 'Total TVA', 'Montant total', 'Montant HT', 'Montant TTC',
    'Montant TVA', 'Montant dû', "Montant de l'avoir", 'Net TTC', 'Net à payer', 'Reste à payer', 'A payer',
    'Solde dû', 'Arrondi', 'Acompte versé', 'Acompte reçu', 'Déjà réglé'],
  nl: ['Subtotaal', 'Totaal', 'Totaalbedrag', 'Creditbedrag', 'Netto bedrag', 'Te betalen', 'Nog te betalen',
    'Openstaand bedrag', 'Afronding', 'Aanbetaling', 'Reeds betaald', 'Vooruitbetaling'],
  es: ['Subtotal', 'Base imponible', 'Total', 'Importe total', 'Importe neto', 'Importe pendiente',
    'Total a pagar', 'A pagar', 'Pendiente de pago', 'Total factura', 'Suma', 'Redondeo', 'Anticipo',
    'Pago a cuenta', 'Entregado a cuenta'],
}; // prettier-ignore

/**
 * Short sum labels that also begin descriptions ("Base de datos", "Amount of …"): they end the table only
 * as a label of their own, followed by nothing but numbers ("Base 18,08 €", "Netto: 100,00").
 */
export const LONE_SUM_LABELS: Vocabulary = {
  en: ['Net', 'Amount'],
  de: ['Netto', 'Betrag', 'Brutto'],
  fr: ['HT', 'TTC', 'Montant'],
  nl: ['Netto', 'Bedrag'],
  es: ['Base', 'Neto', 'Importe'],
}; // prettier-ignore

/**
 * Tax lines and qualifiers of the totals block ("zzgl. 19 % MwSt. 19,00"): they end the table only on a
 * row with a number, as a description's continuation line may begin with them ("inkl. Montage"). The bare
 * English "Tax" is not here, as items begin with it ("Tax return preparation").
 */
export const TAX_LINE_LABELS: Vocabulary = {
  en: ['Plus VAT', 'VAT', 'GST', 'Sales tax', 'Of which VAT', 'Incl. VAT'],
  de: ['zzgl.', 'inkl.', 'enth.', 'darin', 'MwSt.', 'USt.', 'Umsatzsteuer', 'Mehrwertsteuer'],
  fr: ['TVA', 'Dont TVA'],
  nl: ['BTW', 'Excl. BTW', 'Incl. BTW', 'Waarvan BTW'],
  es: ['IVA', 'Cuota IVA', 'Total impuestos'],
}; // prettier-ignore

/**
 * Lines that carry a running total from one page to the next; they are neither items nor totals. The bare
 * French "Report" and Dutch "Transport" are left out: as first words they name items too often.
 */
export const CARRIED_FORWARD_LABELS: Vocabulary = {
  en: ['Carried forward', 'Brought forward', 'Carry forward', 'Balance brought forward', 'Continued',
    'See next page'],
  de: ['Übertrag', 'Zwischenübertrag', 'Übertrag von Seite', 'Fortsetzung', 'Siehe nächste Seite'],
  fr: ['À reporter', 'Reporté', 'Report de la page', 'Report page', 'Suite page suivante',
    'Suite à la page suivante', 'Suite au verso', 'Voir page suivante'],
  nl: ['Van vorige pagina', 'Naar volgende pagina', 'Transport van vorige pagina', 'Overdracht', 'Vervolg',
    'Zie volgende pagina'],
  es: ['Suma y sigue', 'Suma anterior', 'Continúa', 'Continuación', 'Ver página siguiente'],
}; // prettier-ignore

/** Units of measure printed between a receipt line's quantity and its name: "2,5 kg Pommes". */
export const MEASURE_UNITS: ReadonlySet<string> = new Set(
  [
    'kg',
    'g',
    'gr',
    'l',
    'ml',
    'cl',
    'm',
    'cm',
    'm²',
    'm2',
    'lb',
    'lbs',
    'oz',
    'pc',
    'pcs',
    'stk',
    'st',
    'h',
    'x',
  ].map((u) => u.toLowerCase()),
);

/** Words for "page" in page headers and footers ("Page 2 of 3", "Seite 2 von 3", "Página 2 de 3"). */
export const PAGE_WORDS: readonly string[] = [
  'page',
  'seite',
  'blatt',
  'pagina',
  'blad',
  'pag',
  'pag.',
  'p.',
];

/** Receipt lines with an amount that are not items: payment, change, tax, rounding, tip. */
export const RECEIPT_NON_ITEM_WORDS: readonly string[] = [
  'cash', 'change', 'card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'maestro', 'tendered', 'paid',
  'payment', 'rounding', 'tip', 'gratuity', 'vat', 'tax', 'gst', 'sst', 'service charge',
  'bar', 'gegeben', 'rückgeld', 'wechselgeld', 'zahlung', 'ec-karte', 'karte', 'mwst', 'ust', 'rundung',
  'trinkgeld', 'espèces', 'especes', 'carte', 'rendu', 'monnaie', 'arrondi', 'pourboire', 'tva', 'cb',
  'contant', 'pin', 'wisselgeld', 'afronding', 'fooi', 'btw', 'efectivo', 'cambio', 'tarjeta', 'redondeo',
  'propina', 'iva', 'date', 'datum', 'fecha', 'time', 'tel', 'phone', 'fax', 'base', 'neto', 'netto', 'net',
  'subtotal', 'sub-total', 'subtotaal', 'sous-total', 'zwischensumme', 'deposit', 'anzahlung', 'acompte',
  'aanbetaling', 'anticipo',
]; // prettier-ignore

/** Folded, without spaces and punctuation: the form every header and label is compared in. */
export function headerKey(text: string): string {
  return foldText(text).replace(/[\s.:\-_/()'"’,;*]+/gu, '');
}

function keysOf(vocabulary: Vocabulary): Set<string> {
  return new Set(Object.values(vocabulary).flatMap((words) => words.map(headerKey)));
}

function buildHeaderIndex(): ReadonlyMap<string, TableColumn> {
  const index = new Map<string, TableColumn>();
  for (const column of TABLE_COLUMNS) {
    for (const word of Object.values(COLUMN_HEADERS[column]).flat()) {
      const key = headerKey(word);
      const known = index.get(key);
      if (known && known !== column) throw new Error(`Header "${word}" names both ${known} and ${column}`);
      index.set(key, column);
    }
  }
  return index;
}

const HEADER_INDEX = buildHeaderIndex();
const SUM_KEYS = keysOf(SUM_LABELS);
const LONE_SUM_KEYS = keysOf(LONE_SUM_LABELS);
const TAX_LINE_KEYS = keysOf(TAX_LINE_LABELS);
const CARRIED_FORWARD_KEYS = keysOf(CARRIED_FORWARD_LABELS);

/** The longest header, in words: how far a multi-word match needs to look ahead. */
export const MAX_HEADER_WORDS = Math.max(
  ...Object.values(COLUMN_HEADERS).flatMap((v) =>
    Object.values(v)
      .flat()
      .map((w) => w.split(/\s+/u).length),
  ),
);

/**
 * The column a header's text names, or null. `compounds` also accepts unlisted compounds by their ending
 * ("Nettoeinzelpreis"); only for a single word, as two words ("Artikel Preis") are two columns.
 */
export function columnOfHeader(text: string, options: { compounds: boolean }): TableColumn | null {
  const key = headerKey(text);
  if (!key) return null;
  const listed = HEADER_INDEX.get(key);
  if (listed) return listed;
  if (!options.compounds) return null;
  for (const [ending, column] of COMPOUND_ENDINGS) {
    if (key.length > ending.length && key.endsWith(ending)) return column;
  }
  return null;
}

const CODE_OR_DESCRIPTION_KEYS = new Set(CODE_OR_DESCRIPTION_HEADERS.map(headerKey));

/** Whether a description header may name the product code instead (see CODE_OR_DESCRIPTION_HEADERS). */
export function mayNameCode(text: string): boolean {
  return CODE_OR_DESCRIPTION_KEYS.has(headerKey(text));
}

export function isHeaderDecoration(text: string): boolean {
  return HEADER_DECORATIONS.has(headerKey(text));
}

/** Whether the words begin with a label of the totals block ("Total", "Sous-total :", "zzgl. 19 % MwSt."). */
export function startsWithTotalsLabel(words: readonly string[]): boolean {
  return startsWithSumLabel(words) || startsWithKey(words, TAX_LINE_KEYS);
}

/** Whether the words begin with the label of a sum ("Total", "Zwischensumme", "Base 18,08"), not a tax line. */
export function startsWithSumLabel(words: readonly string[]): boolean {
  if (startsWithKey(words, SUM_KEYS)) return true;
  const label = words
    .flatMap((w) => w.split(/\s+/u))
    .filter((t) => !/\d/u.test(t) && !isCurrencyMarker(t))
    .map(headerKey)
    .join('');
  return LONE_SUM_KEYS.has(label);
}

/** Whether the words begin with a carried-forward label ("Übertrag", "Carried forward"). */
export function startsWithCarriedForwardLabel(words: readonly string[]): boolean {
  return startsWithKey(words, CARRIED_FORWARD_KEYS);
}

function startsWithKey(words: readonly string[], keys: ReadonlySet<string>): boolean {
  // OCR words may be phrases ("TOTAL QTY. :"): compare token by token.
  const tokens = words.slice(0, 4).flatMap((w) => w.split(/\s+/u));
  let key = '';
  for (let n = 0; n < Math.min(tokens.length, 4); n++) {
    key += headerKey(tokens[n]!);
    if (keys.has(key)) return true;
  }
  return false;
}

const PAGE_WORD_KEYS = new Set(PAGE_WORDS.map(headerKey));

/** "Page 2 of 3", "Seite 2/3", "Página 2 de 3", "- 2 -", "2 / 3": a page number, not table content. */
export function isPageMarker(words: readonly string[]): boolean {
  const text = foldText(words.join(' ')).trim();
  if (/^[-–—]\s*\d{1,4}\s*[-–—]$/u.test(text) || /^\d{1,4}\s*\/\s*\d{1,4}$/u.test(text)) return true;
  const m = /^(\S+)\s*(\d{1,4})(?:\s*(?:of|von|sur|de|van|di|\/)\s*(\d{1,4}))?$/u.exec(text);
  return m !== null && PAGE_WORD_KEYS.has(headerKey(m[1]!));
}

/** Whether a receipt line's words name a payment, tax or other non-item line. */
export function mentionsReceiptNonItem(words: readonly string[]): boolean {
  const text = ` ${foldText(words.join(' ')).replace(/[.:;,()]+/gu, ' ')} `;
  return RECEIPT_NON_ITEM_FOLDED.some((w) => text.includes(` ${w} `));
}

const RECEIPT_NON_ITEM_FOLDED = RECEIPT_NON_ITEM_WORDS.map((w) => foldText(w));

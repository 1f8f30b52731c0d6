// Label keywords of invoices and receipts in English, German, French, Dutch and Spanish: which field a
// label ("Rechnungsnummer", "Total TTC", "N° de facture") introduces, which block ("Bill to") starts,
// which document type a title names, and the table's column headers.
//
// Matching is over one line's words, case- and accent-insensitive. Words are cut into pieces at spaces,
// '-', '/', '.', '(' and ')' (so "Rechnungs-Nr.", "Rechnungs Nr." and "Rechnungs-Nr" compare equal, and
// "USt.-IdNr." is "ust idnr"), with ':' '#' '%' as pieces of their own (so "Total:" and "Total" ":" are the
// same). "N°", "Nº" and "No" fold to "no". Where labels overlap, the longest wins ("Total HT" over
// "Total", "Invoice Date" over "Invoice" and "Date"). A trailing ':' and, after identifier labels, a
// number marker ("Invoice" "No" "#") are taken into the match so that the value starts after it.
import type { InvoiceFieldName, InvoiceLanguage } from '../types.ts';
import { foldText } from './text.ts';

export type KeywordKey =
  | InvoiceFieldName
  /** Cues that start a block of lines: the customer's (billing) address, the vendor's, the delivery address. */
  | 'customerBlock'
  | 'vendorBlock'
  | 'shipToBlock'
  /** Document titles. */
  | 'docInvoice'
  | 'docReceipt'
  | 'docCreditNote'
  /** Labels whose values look like the fields' but are not: kept apart so they are not mistaken. */
  | 'customerNumber'
  | 'deliveryDate'
  | 'cashPaid'
  | 'change'
  | 'rounding'
  | 'discount'
  | 'phone'
  | 'email'
  | 'postBox'
  /** Line-item table column headers. */
  | 'colDescription'
  | 'colQuantity'
  | 'colUnit'
  | 'colUnitPrice'
  | 'colAmount'
  | 'colTaxRate'
  | 'colProductCode';

export interface KeywordMatch {
  key: KeywordKey;
  /** Word indices [start, end) in the line. */
  start: number;
  end: number;
  /** The label's language; null when several languages share it ("Total", "Date", "IBAN"). */
  language: InvoiceLanguage | null;
  /** The label as printed. */
  text: string;
}

type Phrases = Partial<Record<InvoiceLanguage | 'any', string>>;

// Phrases are separated by ';'. "{no}" stands for any number marker (No, Nr., N°, #, Number, Nummer...).
// Spelling variants with or without '-' and '.' need not be listed (they are cut the same way).
export const KEYWORD_TABLE: Readonly<Partial<Record<KeywordKey, Phrases>>> = {
  invoiceId: {
    en: 'invoice {no}; invoice id; invoice ref; invoice reference; inv {no}; bill {no}; receipt {no}; document {no}; doc {no}; tax invoice {no}; credit note {no}; voucher {no}',
    de: 'rechnungsnummer; rechnungsnr; rechnung {no}; rechnungs {no}; rg {no}; rgnr; re {no}; renr; belegnummer; belegnr; beleg {no}; gutschrift {no}; gutschriftsnummer',
    fr: "{no} de facture; {no} facture; facture {no}; numero de facture; {no} de la facture; {no} d'avoir; avoir {no}",
    nl: 'factuurnummer; factuurnr; factuur {no}; nummer factuur; {no} factuur; creditnota {no}',
    es: '{no} de factura; {no} factura; factura {no}; numero de factura; num factura; {no} de ticket; ticket {no}',
  },
  invoiceDate: {
    en: 'invoice date; date of invoice; date; issue date; date of issue; issued on; bill date; tax point; tax point date; invoice dt; document date',
    de: 'rechnungsdatum; datum; belegdatum; ausstellungsdatum; rechnungs datum; re datum; rg datum',
    fr: "date de facture; date de facturation; date facture; date d'emission; date",
    nl: 'factuurdatum; datum; datum factuur',
    es: 'fecha; fecha de factura; fecha factura; fecha de emision; fecha emision; fecha de expedicion',
  },
  dueDate: {
    en: 'due date; due; payment due; payment due date; due by; due on; pay by; date due; payment due by',
    de: 'fallig am; fallig; falligkeitsdatum; fallig bis; faellig am; faelligkeitsdatum; zahlbar bis; zahlbar am; falligkeit; zahlungsziel bis; zahlungstermin',
    fr: "date d'echeance; echeance; date limite de paiement; a payer avant le; payable le; date limite de reglement",
    nl: 'vervaldatum; vervaldag; te betalen voor; uiterste betaaldatum; betalen voor; uiterlijk betalen voor',
    es: 'fecha de vencimiento; vencimiento; vto; fecha vto; fecha vencimiento; fecha limite de pago',
  },
  purchaseOrder: {
    en: 'po {no}; p o {no}; po; purchase order; purchase order {no}; order {no}; your order; order ref; your order {no}; your ref',
    de: 'bestellnummer; bestellnr; bestell {no}; bestellung {no}; ihre bestellung; ihre bestellnummer; auftragsnummer; auftrag {no}; auftragsnr',
    fr: 'bon de commande; {no} de commande; numero de commande; commande {no}; reference commande; votre commande; {no} bon de commande',
    nl: 'inkoopordernummer; inkoopordernr; inkooporder; bestelnummer; ordernummer; ordernr; order {no}; uw bestelling; uw referentie; inkoopnummer',
    es: 'numero de pedido; {no} de pedido; pedido {no}; pedido; orden de compra; {no} pedido; su pedido',
  },
  vendorTaxId: {
    en: 'vat {no}; vat reg {no}; vat registration {no}; vat id; vat reg; tax id; tax {no}; gst {no}; gst id; gst reg {no}; gst reg; gst registration {no}; co reg {no}; co reg; company reg {no}; company registration {no}; tin; sst {no}; sst id; sst reg {no}',
    de: 'ust idnr; ust id; ust id {no}; ustid; ustidnr; ust {no}; umsatzsteuer id; umsatzsteuer idnr; umsatzsteuer identifikationsnummer; steuernummer; steuer {no}; st {no}; stnr; uid; uid {no}; mwst {no}',
    fr: "{no} tva; {no} de tva; tva intracommunautaire; {no} tva intracommunautaire; numero de tva; tva intracom; {no} tva intracom; identifiant tva; {no} d'identification tva",
    nl: 'btw nummer; btw {no}; btw id; btwnr; btw identificatienummer; ondernemingsnummer; btw nummer leverancier',
    es: 'nif; cif; nif cif; {no} iva; {no} de iva; numero de iva; nif iva; {no} de identificacion fiscal',
  },
  customerTaxId: {
    en: 'customer vat {no}; customer vat id; your vat {no}; buyer vat {no}; client vat {no}; customer tax id; buyer vat id',
    de: 'ihre ust idnr; ihre ust id; kunden ust idnr; ust idnr des kunden; ust idnr kunde; ust id kunde',
    fr: 'tva client; {no} tva client; votre {no} tva; {no} tva du client; {no} tva intracommunautaire client',
    nl: 'btw nummer klant; uw btw nummer; btw {no} klant; btw nummer afnemer',
    es: 'nif cliente; cif cliente; nif del cliente; cif del cliente',
  },
  customerNumber: {
    en: 'customer {no}; customer id; customer number; account {no}; client {no}; customer ref; customer code; member {no}',
    de: 'kundennummer; kundennr; kunden {no}; kunde {no}; kd {no}; kdnr',
    fr: '{no} client; numero client; numero de client; code client; reference client; {no} de client',
    nl: 'klantnummer; klantnr; klant {no}; debiteurnummer; debiteurnr',
    es: '{no} cliente; numero de cliente; codigo cliente; codigo de cliente; {no} de cliente',
  },
  customerBlock: {
    en: 'bill to; billed to; invoice to; invoiced to; sold to; customer; client; buyer; billing address; bill to address',
    de: 'rechnungsempfanger; rechnungsadresse; rechnungsanschrift; kunde; empfanger; auftraggeber',
    fr: 'facture a; factures a; facturer a; client; adresse de facturation; destinataire',
    nl: 'factuur aan; gefactureerd aan; klant; factuuradres; afnemer',
    es: 'facturar a; facturado a; cliente; datos del cliente; destinatario',
  },
  vendorBlock: {
    en: 'from; seller; supplier; vendor; sold by',
    de: 'lieferant; verkaufer; absender; rechnungssteller',
    fr: 'fournisseur; vendeur; emetteur',
    nl: 'leverancier; verkoper; afzender',
    es: 'proveedor; vendedor; emisor',
  },
  shipToBlock: {
    en: 'ship to; shipped to; deliver to; delivery address; shipping address',
    de: 'lieferadresse; lieferanschrift; lieferung an',
    fr: 'livrer a; adresse de livraison; livre a',
    nl: 'afleveradres; leveradres; leveren aan',
    es: 'enviar a; direccion de envio; direccion de entrega; entregar a',
  },
  deliveryDate: {
    en: 'delivery date; ship date; shipping date; date of supply; service date; supply date; order date',
    de: 'lieferdatum; leistungsdatum; liefertag; leistungszeitraum; bestelldatum; auftragsdatum',
    fr: 'date de livraison; date de prestation; date de commande',
    nl: 'leverdatum; leveringsdatum; besteldatum; orderdatum',
    es: 'fecha de entrega; fecha de envio; fecha de servicio; fecha de pedido',
  },
  subTotal: {
    en: 'subtotal; sub total; net total; net amount; total net; total excl vat; total excluding vat; total excl tax; total before tax; amount excl vat; total excl gst; total excluding gst; total sales excluding gst; taxable amount; net',
    de: 'zwischensumme; zwischensumme netto; nettobetrag; netto; summe netto; gesamt netto; nettosumme; warenwert; rechnungsbetrag netto; gesamtbetrag netto; total netto; betrag netto; nettogesamtbetrag',
    fr: 'sous total; total ht; montant ht; total hors taxes; montant hors taxes; total h t; base ht; total hors tva',
    nl: 'subtotaal; totaal excl btw; totaal exclusief btw; netto bedrag; nettobedrag; bedrag excl btw; subtotaal excl btw; totaal excl',
    es: 'subtotal; base imponible; importe neto; total sin iva; total neto; base',
  },
  totalTax: {
    en: 'vat; tax; total vat; vat amount; tax amount; total tax; sales tax; gst; total gst; gst amount; sst; service tax; gst payable',
    de: 'mwst; mehrwertsteuer; ust; umsatzsteuer; zzgl mwst; zzgl ust; mwst betrag; steuer; steuerbetrag; enthaltene mwst; summe mwst; summe ust',
    fr: 'tva; montant tva; total tva; montant de la tva; taxe; taxes',
    nl: 'btw; btw bedrag; totaal btw; bedrag btw',
    es: 'iva; total iva; importe iva; cuota iva; cuota de iva; impuestos; impuesto',
  },
  invoiceTotal: {
    en: 'total; grand total; total amount; invoice total; total incl vat; total including vat; total inc vat; total incl tax; total rm; rounded total; rounded total rm; total rounded; nett total; total incl gst; total inclusive gst; total inclusive of gst; total sales inclusive of gst; total sales inclusive gst; total amt; total sales; amount incl vat',
    de: 'gesamtbetrag; rechnungsbetrag; summe; gesamtsumme; endbetrag; bruttobetrag; gesamt; gesamtbetrag brutto; summe brutto; brutto; betrag brutto; rechnungssumme; endsumme; gesamtbetrag inkl mwst; rechnungsbetrag brutto; total brutto',
    fr: 'total ttc; montant ttc; montant total; montant total ttc; total t t c; total general; total',
    nl: 'totaal; totaal incl btw; totaal inclusief btw; totaalbedrag; factuurbedrag; eindtotaal; bedrag incl btw; totaal bedrag',
    es: 'total; total factura; importe total; total con iva; total iva incluido; total general',
  },
  amountDue: {
    en: 'amount due; balance due; total due; amount payable; total payable; please pay; amount to pay; amount to be paid; balance outstanding; outstanding balance; total amount due; total amount payable',
    de: 'zahlbetrag; zu zahlen; zu zahlender betrag; offener betrag; restbetrag; noch zu zahlen; bitte zahlen; zahlbetrag brutto',
    fr: 'net a payer; montant du; total a payer; reste a payer; solde du; a payer; montant a payer',
    nl: 'te betalen; openstaand bedrag; totaal te betalen; nog te betalen; te voldoen; te betalen bedrag',
    es: 'importe a pagar; total a pagar; a pagar; saldo pendiente; importe pendiente; importe adeudado',
  },
  paymentTerm: {
    en: 'payment terms; terms; terms of payment; payment term; payment conditions',
    de: 'zahlungsbedingungen; zahlungsziel; zahlungsbedingung; zahlungskonditionen',
    fr: 'conditions de paiement; conditions de reglement; modalites de paiement; delai de paiement; mode de reglement',
    nl: 'betalingsvoorwaarden; betalingstermijn; betaaltermijn; betalingsconditie; betalingscondities',
    es: 'condiciones de pago; forma de pago; plazo de pago; terminos de pago; metodo de pago',
  },
  iban: { any: 'iban; iban {no}; iban code' },
  bic: { any: 'bic; swift; bic swift; swift bic; swift code; bic code; swift address' },
  currency: {
    en: 'currency',
    de: 'wahrung',
    fr: 'devise',
    nl: 'valuta; munteenheid',
    es: 'moneda; divisa',
  },
  docInvoice: {
    en: 'invoice; tax invoice; commercial invoice; vat invoice; sales invoice',
    de: 'rechnung; steuerrechnung',
    fr: 'facture',
    nl: 'factuur; verkoopfactuur',
    es: 'factura',
  },
  docReceipt: {
    en: 'receipt; cash receipt; sales receipt; simplified tax invoice; cash bill; official receipt; payment receipt',
    de: 'quittung; kassenbon; beleg; kassenbeleg; bon; kassenzettel',
    fr: 'recu; ticket de caisse; ticket; facture simplifiee; bon',
    nl: 'kassabon; bon; kwitantie; ontvangstbewijs; bonnetje',
    es: 'recibo; ticket; tique; factura simplificada; ticket de compra',
  },
  docCreditNote: {
    en: 'credit note; credit memo; credit invoice',
    de: 'gutschrift; rechnungskorrektur; stornorechnung; korrekturrechnung',
    fr: "avoir; note de credit; facture d'avoir",
    nl: 'creditnota; creditfactuur; credit nota',
    es: 'nota de credito; factura rectificativa; factura de abono; abono',
  },
  cashPaid: {
    en: 'cash; cash received; cash tendered; tendered; amount tendered; paid; amount paid; payment received',
    de: 'bar; bar gegeben; gegeben; bezahlt; erhalten',
    fr: 'especes; recu especes; montant recu; paye',
    nl: 'contant; betaald; ontvangen',
    es: 'efectivo; entregado; pagado; importe entregado',
  },
  change: {
    en: 'change; change due',
    de: 'ruckgeld; wechselgeld; zuruck',
    fr: 'rendu; monnaie rendue; a rendre',
    nl: 'wisselgeld; terug',
    es: 'cambio; vuelto; su cambio',
  },
  rounding: {
    en: 'rounding; rounding adj; rounding adjustment; round off; rounding adjustment rm',
    de: 'rundung; rundungsdifferenz',
    fr: 'arrondi',
    nl: 'afronding; afrondingsverschil',
    es: 'redondeo',
  },
  discount: {
    en: 'discount; total discount',
    de: 'rabatt; nachlass; skonto',
    fr: 'remise; rabais; escompte',
    nl: 'korting',
    es: 'descuento',
  },
  phone: {
    en: 'tel; tel {no}; phone; phone {no}; telephone; fax; fax {no}; mobile; mob; hp; h p; hp {no}; contact {no}',
    de: 'telefon; telefax; fon; handy; mobil',
    fr: 'tel; telephone; portable; telecopie',
    nl: 'telefoon; gsm; mobiel',
    es: 'telefono; tfno; tlf; telf; movil',
  },
  email: { any: 'email; e mail; mail' },
  postBox: {
    en: 'po box; p o box',
    de: 'postfach',
    fr: 'boite postale',
    nl: 'postbus',
    es: 'apartado de correos; apartado postal',
  },
  colDescription: {
    en: 'description; item; items; item description; product; products; service; services; details; particulars',
    de: 'beschreibung; bezeichnung; artikel; artikelbezeichnung; leistung; leistungsbeschreibung',
    fr: 'description; designation; libelle; article; prestation',
    nl: 'omschrijving; beschrijving; artikel; product',
    es: 'descripcion; concepto; articulo; producto',
  },
  colQuantity: {
    en: 'qty; quantity; qnty; hours; hrs',
    de: 'menge; anzahl; anz; stk; stuck',
    fr: 'quantite; qte; nombre',
    nl: 'aantal; hoeveelheid',
    es: 'cantidad; cant; uds; unidades',
  },
  colUnit: {
    en: 'unit; uom',
    de: 'einheit',
    fr: 'unite',
    nl: 'eenheid',
    es: 'unidad',
  },
  colUnitPrice: {
    en: 'unit price; price; rate; price per unit; u price; unit cost; price each',
    de: 'einzelpreis; preis; e preis; ep; stuckpreis; preis einheit; einzelpreis netto',
    fr: 'prix unitaire; p u; pu; prix unit; prix u ht; prix; pu ht; prix unitaire ht',
    nl: 'prijs; stukprijs; eenheidsprijs; prijs per stuk; prijs per eenheid',
    es: 'precio unitario; precio; p unitario; precio unit; precio ud',
  },
  colAmount: {
    en: 'amount; line total; total price; amt; ext price; extended price; amount rm',
    de: 'betrag; gesamtpreis; positionsbetrag',
    fr: 'montant; total ligne; prix total',
    nl: 'bedrag; regeltotaal',
    es: 'importe; total linea',
  },
  colTaxRate: {
    en: 'vat %; vat rate; tax rate; tax %; gst %; tax code',
    de: 'mwst %; ust %; steuersatz; mwst satz; ust satz',
    fr: 'taux tva; tva %; taux de tva; taux',
    nl: 'btw %; btw tarief; btw percentage',
    es: '% iva; tipo iva; iva %; tipo de iva',
  },
  colProductCode: {
    en: 'item code; product code; sku; part {no}; item {no}; art {no}; article {no}; code',
    de: 'artikelnummer; artikelnr; art {no}; artikel {no}',
    fr: 'code article; reference; ref; code produit',
    nl: 'artikelnummer; artikelcode; code',
    es: 'referencia; codigo; ref; codigo de articulo',
  },
};

/** What "{no}" stands for. */
const NUMBER_MARKERS = ['no', 'nr', 'n', '#', 'nro', 'num', 'number', 'numero', 'nummer', 'nbr'];
const NUMBER_MARKER_SET: ReadonlySet<string> = new Set(NUMBER_MARKERS);

/** Keys whose value is an identifier: a number marker after their label belongs to the label. */
const IDENTIFIER_KEYS: ReadonlySet<KeywordKey> = new Set([
  'invoiceId',
  'purchaseOrder',
  'vendorTaxId',
  'customerTaxId',
  'customerNumber',
  'iban',
  'phone',
  'colProductCode',
]);
const DOCUMENT_KEYS: ReadonlySet<KeywordKey> = new Set(['docInvoice', 'docReceipt', 'docCreditNote']);
const BLOCK_KEYS: ReadonlySet<KeywordKey> = new Set(['customerBlock', 'vendorBlock', 'shipToBlock']);
/** A title or a one-word block cue inside a long line is prose ("pour avoir", "the client agrees"). */
const MAX_TITLE_LINE_PIECES = 6;

interface Phrase {
  tokens: readonly string[];
  key: KeywordKey;
  language: InvoiceLanguage | null;
}

/** Keyword pieces: cut at spaces and . - / ( ) , ; with ':' '#' '%' kept as pieces; folded. */
const KEYWORD_PIECE = /[^\s:()#%./\\,;\-–—]+|[:#%]/gu;

function keywordTokens(text: string): string[] {
  return [...foldText(text).matchAll(KEYWORD_PIECE)].map((m) => m[0]);
}

function expand(phrase: string): string[] {
  if (!phrase.includes('{no}')) return [phrase];
  return NUMBER_MARKERS.flatMap((marker) => expand(phrase.replace('{no}', marker)));
}

/** First token → phrases starting with it (longest first). */
const PHRASES: ReadonlyMap<string, readonly Phrase[]> = buildPhrases();

function buildPhrases(): Map<string, Phrase[]> {
  const byText = new Map<string, { key: KeywordKey; languages: Set<string> }>();
  for (const [key, phrases] of Object.entries(KEYWORD_TABLE) as [KeywordKey, Phrases][]) {
    for (const [language, list] of Object.entries(phrases)) {
      for (const raw of list.split(';')) {
        for (const variant of expand(raw.trim())) {
          const tokens = keywordTokens(variant);
          if (tokens.length === 0) continue;
          const text = tokens.join(' ');
          const entry = byText.get(text);
          // The first key listed for a phrase keeps it; the table test checks there are no such clashes.
          if (entry && entry.key !== key) continue;
          if (entry) entry.languages.add(language);
          else byText.set(text, { key, languages: new Set([language]) });
        }
      }
    }
  }
  const byFirst = new Map<string, Phrase[]>();
  for (const [text, { key, languages }] of byText) {
    const tokens = text.split(' ');
    const only = languages.size === 1 ? [...languages][0]! : null;
    const phrase: Phrase = {
      tokens,
      key,
      language: only === 'any' ? null : (only as InvoiceLanguage | null),
    };
    const list = byFirst.get(tokens[0]!) ?? [];
    list.push(phrase);
    byFirst.set(tokens[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return byFirst;
}

/** Phrases that appear under two keys in the table (should be none): for the table's test. */
export function keywordClashes(): string[] {
  const seen = new Map<string, KeywordKey>();
  const clashes: string[] = [];
  for (const [key, phrases] of Object.entries(KEYWORD_TABLE) as [KeywordKey, Phrases][]) {
    for (const list of Object.values(phrases)) {
      for (const raw of list.split(';')) {
        for (const variant of expand(raw.trim())) {
          const text = keywordTokens(variant).join(' ');
          const other = seen.get(text);
          if (other && other !== key) clashes.push(`${text}: ${other} / ${key}`);
          else seen.set(text, key);
        }
      }
    }
  }
  return clashes;
}

interface KeywordPiece {
  token: string;
  word: number;
}

function linePieces(words: readonly string[]): KeywordPiece[] {
  const pieces: KeywordPiece[] = [];
  words.forEach((word, w) => {
    for (const token of keywordTokens(word)) pieces.push({ token, word: w });
  });
  return pieces;
}

interface PieceMatch {
  key: KeywordKey;
  language: InvoiceLanguage | null;
  start: number;
  end: number;
}

/** Every label in one line of words, longest first where they overlap, in reading order. */
export function findKeywords(words: readonly string[]): KeywordMatch[] {
  const pieces = linePieces(words);
  const candidates: PieceMatch[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const phrases = PHRASES.get(pieces[i]!.token);
    if (!phrases) continue;
    for (const phrase of phrases) {
      const n = phrase.tokens.length;
      if (i + n > pieces.length) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = pieces[i + k]!.token === phrase.tokens[k];
      if (ok) candidates.push({ key: phrase.key, language: phrase.language, start: i, end: i + n });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Array<boolean>(pieces.length).fill(false);
  const chosen: PieceMatch[] = [];
  for (const c of candidates) {
    let free = true;
    for (let k = c.start; k < c.end && free; k++) free = !taken[k];
    if (!free) continue;
    for (let k = c.start; k < c.end; k++) taken[k] = true;
    chosen.push(c);
  }
  chosen.sort((a, b) => a.start - b.start);

  const out: KeywordMatch[] = [];
  for (const match of chosen) {
    let { key, end } = match;
    const next = pieces[end];
    // "Invoice No", "Gutschrift Nr.", "Receipt #": a title followed by a number marker labels the number.
    if (DOCUMENT_KEYS.has(key) && next && NUMBER_MARKER_SET.has(next.token) && !taken[end]) {
      key = 'invoiceId';
      end++;
    } else if (IDENTIFIER_KEYS.has(key) && next && NUMBER_MARKER_SET.has(next.token) && !taken[end]) {
      end++;
    }
    if (pieces[end]?.token === ':' || (pieces[end]?.token === '#' && !taken[end])) end++;
    if (pieces[end]?.token === ':') end++;
    const isTitle = DOCUMENT_KEYS.has(key) || (BLOCK_KEYS.has(key) && match.end - match.start === 1);
    if (isTitle && match.start > 0 && pieces.length > MAX_TITLE_LINE_PIECES) continue;
    const start = pieces[match.start]!.word;
    let endWord = pieces[end - 1]!.word + 1;
    // A marker glued to the value ("Invoice #INV-42", "Invoice No:12345") leaves the value's word out.
    if (pieces[end]?.word === endWord - 1 && endWord - 1 > start) endWord--;
    out.push({
      key,
      start,
      end: endWord,
      language: match.language,
      text: words.slice(start, endWord).join(' '),
    });
  }
  return out;
}

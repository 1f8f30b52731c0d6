// The invoice rule layer: amounts, dates, identifiers, currencies, label keywords, one line's typed values
// and the document's language, each on concrete printed forms in the five languages, and on junk that
// must not be read as a value (phone numbers, postcodes, percentages, page numbers, times).
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../main/invoices/language.ts';
import { detectNumberFormat, parseAmount, readAmount } from '../../main/invoices/rules/amounts.ts';
import { CURRENCY_CODES, currencyOf } from '../../main/invoices/rules/currency.ts';
import { detectDateOrder, parseDate } from '../../main/invoices/rules/dates.ts';
import {
  checkVatId,
  isValidBic,
  isValidIban,
  normaliseIban,
  normaliseVatId,
} from '../../main/invoices/rules/identifiers.ts';
import { findKeywords, keywordClashes, type KeywordKey } from '../../main/invoices/rules/keywords.ts';
import {
  scanLine,
  type MatchKind,
  type RuleMatch,
  type ScanContext,
} from '../../main/invoices/rules/scan-line.ts';

describe('parseAmount', () => {
  it.each([
    ['1,234.56', 1234.56],
    ['1.234,56', 1234.56],
    ['1 234,56', 1234.56],
    ['1\u202F234,56', 1234.56],
    ['1\u00A0234,56', 1234.56],
    ["1'234.56", 1234.56],
    ['1’234.56', 1234.56],
    ['1234', 1234],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['-12.00', -12],
    ['−12.00', -12],
    ['(12.00)', -12],
    ['12.00-', -12],
    ['€12.50', 12.5],
    ['12,50 €', 12.5],
    ['12,50€', 12.5],
    ['EUR 12.50', 12.5],
    ['12.50 EUR', 12.5],
    ['RM 9.90', 9.9],
    ['RM9.90', 9.9],
    ['$1,000', 1000],
    ['US$ 1,000.00', 1000],
    ['-€12.50', -12.5],
    ['€ -12,50', -12.5],
    ['£0.99', 0.99],
    ['CHF 1’250.00', 1250],
    ['Fr. 12.50', 12.5],
    ['12,-', 12],
    ['1.234.567,89', 1234567.89],
    ['1,234,567', 1234567],
    ['0,50', 0.5],
    ['0.500', 0.5],
    ['1234,567', 1234.57],
    ['+5.00', 5],
    ['12.345', 12345],
    ['99.995', 99995],
  ])('%s → %s', (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });

  it('reads a single separator before three digits by the document format, thousands without one', () => {
    expect(parseAmount('1.000')).toBe(1000);
    expect(parseAmount('1,000')).toBe(1000);
    expect(parseAmount('1.000', 'comma-decimal')).toBe(1000);
    expect(parseAmount('1.000', 'dot-decimal')).toBe(1);
    expect(parseAmount('1,000', 'comma-decimal')).toBe(1);
    expect(parseAmount('1,000', 'dot-decimal')).toBe(1000);
    // The token's own evidence beats the document's format.
    expect(parseAmount('12,50', 'dot-decimal')).toBe(12.5);
    expect(parseAmount('1.234,56', 'dot-decimal')).toBe(1234.56);
  });

  it('rounds to cents half away from zero without float artefacts', () => {
    expect(parseAmount('0.125')).toBe(0.13);
    expect(parseAmount('-0.125')).toBe(-0.13);
    expect(parseAmount('1.005', 'dot-decimal')).toBe(1.01);
    expect(parseAmount('2.675', 'dot-decimal')).toBe(2.68);
    expect(parseAmount('0,1249')).toBe(0.12);
    expect(parseAmount('1234567.89')).toBe(1234567.89);
    expect(String(parseAmount('0.30'))).toBe('0.3');
  });

  it.each([
    '12.03.2024',
    '12/03/2024',
    '2024-03-12',
    '12.34.56',
    '19%',
    '19 %',
    'Total',
    '',
    '-',
    '€',
    '+49 30 1234567',
    '07-355 2616',
    '0123456789',
    '12:30',
    '1,23,456',
    '1.234.56',
    '12 34',
    '007',
    '1.2.3',
    'abc12.50',
    '12.50.',
    '12,345.678,9',
  ])('%j is not an amount', (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  it('tells what it read besides the number', () => {
    expect(readAmount('€ 1.234,56')).toEqual({
      value: 1234.56,
      currency: 'EUR',
      currencyMarker: '€',
      hasDecimals: true,
      decimals: 2,
      grouped: true,
    });
    expect(readAmount('12 kr')).toMatchObject({ value: 12, currency: null, currencyMarker: 'kr' });
    expect(readAmount('1234')).toMatchObject({ hasDecimals: false, grouped: false, currency: null });
  });
});

describe('detectNumberFormat', () => {
  it('votes by the decimal separator the numbers show', () => {
    expect(detectNumberFormat(['Total', '1.234,56', '€', '12,50'])).toBe('comma-decimal');
    expect(detectNumberFormat(['Total', '1,234.56', '12.50', 'RM9.90'])).toBe('dot-decimal');
    expect(detectNumberFormat(['Summe: 238,00 EUR', 'MwSt 19% 38,00'])).toBe('comma-decimal');
    expect(detectNumberFormat(['1.234.567'])).toBe('comma-decimal');
    expect(detectNumberFormat(['12,5', '12.50', '3,20'])).toBe('comma-decimal');
  });

  it('has no opinion without evidence or on a tie', () => {
    expect(detectNumberFormat([])).toBeNull();
    expect(detectNumberFormat(['Invoice', '1.000', '2024', '12.03.2024', '19%'])).toBeNull();
    expect(detectNumberFormat(['12.50', '12,50'])).toBeNull();
  });
});

describe('parseDate', () => {
  it.each([
    ['12.03.2024', '2024-03-12'],
    ['12/03/2024', '2024-03-12'],
    ['12-03-2024', '2024-03-12'],
    ['2024-03-12', '2024-03-12'],
    ['2024/02/22', '2024-02-22'],
    ['12.03.24', '2024-03-12'],
    ['1.3.2024', '2024-03-01'],
    ['12.03.2024.', '2024-03-12'],
    ['(06/12/2016)', '2016-12-06'],
    ['07-06-16', '2016-06-07'],
    ['12/03/99', '1999-03-12'],
    ['20180428', '2018-04-28'],
    ['25032018', '2018-03-25'],
    ['09/01/2019 8:01:11 PM', '2019-01-09'],
    ['12 March 2024', '2024-03-12'],
    ['March 12, 2024', '2024-03-12'],
    ['Mar 12th, 2024', '2024-03-12'],
    ['12th of March 2024', '2024-03-12'],
    ['Tuesday, 12 March 2024', '2024-03-12'],
    ['12. März 2024', '2024-03-12'],
    ['12. Mär. 2024', '2024-03-12'],
    ['1. Mai 2024', '2024-05-01'],
    ['3. Dez. 2023', '2023-12-03'],
    ['Dienstag, 12. März 2024', '2024-03-12'],
    ['12 mars 2024', '2024-03-12'],
    ['1er janvier 2024', '2024-01-01'],
    ['15 février 2024', '2024-02-15'],
    ['15 fevr. 2024', '2024-02-15'],
    ['mardi 12 mars 2024', '2024-03-12'],
    ['12 août 2024', '2024-08-12'],
    ['12 maart 2024', '2024-03-12'],
    ['12 mrt 2024', '2024-03-12'],
    ['1 mei 2024', '2024-05-01'],
    ['12 de marzo de 2024', '2024-03-12'],
    ['1 de enero de 2024', '2024-01-01'],
    ['5 dic 2023', '2023-12-05'],
    ['12-MAR-2024', '2024-03-12'],
    ['14/JUN/2017', '2017-06-14'],
    ['12 Mar 24', '2024-03-12'],
    ['24 MAR 18', '2018-03-24'],
    ['OCT 3, 2016', '2016-10-03'],
    ['12MAR2024', '2024-03-12'],
    ['2024 March 12', '2024-03-12'],
    ['29.02.2024', '2024-02-29'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it('reads ambiguous numeric dates in the given order, the other only when forced', () => {
    expect(parseDate('03/12/2024')).toBe('2024-12-03');
    expect(parseDate('03/12/2024', { order: 'DMY' })).toBe('2024-12-03');
    expect(parseDate('03/12/2024', { order: 'MDY' })).toBe('2024-03-12');
    expect(parseDate('12/25/2024')).toBe('2024-12-25');
    expect(parseDate('12-25-2024')).toBe('2024-12-25');
    expect(parseDate('25/12/2024', { order: 'MDY' })).toBe('2024-12-25');
    expect(parseDate('24/03/12', { order: 'YMD' })).toBe('2024-03-12');
    expect(parseDate('12 mars 2024', { language: 'fr' })).toBe('2024-03-12');
  });

  it.each([
    'Total 12',
    '12',
    '12 March',
    'March 2024',
    '12.03',
    '31.02.2024',
    '29.02.2023',
    '32.01.2024',
    '12.13.2024',
    '13.13.2024',
    '12.03.1850',
    '12.03.2150',
    '1,234.56',
    '19%',
    '12:30',
    'Page 1 of 2',
    '12-34-56',
    '07-355 2616',
    '+49 30 1234567',
    '10115 Berlin',
    '12.03/2024',
    'today',
    'tomorrow',
    'next Monday',
    '12 Foo 2024',
    '12345678',
    'INV-2024-0012',
  ])('%j is not a date', (text) => {
    expect(parseDate(text)).toBeNull();
  });
});

describe('detectDateOrder', () => {
  it('follows dates that can only be read one way', () => {
    expect(detectDateOrder(['Date', '25/12/2024', 'Due', '03/01/2025'])).toBe('DMY');
    expect(detectDateOrder(['Date', '12/25/2024', 'Due', '01/03/2025'], 'en')).toBe('MDY');
    expect(detectDateOrder(['Invoice date: March 12, 2024', 'Due: 04/11/2024'], 'en')).toBe('MDY');
    expect(detectDateOrder(['Rechnungsdatum', '12.', 'März', '2024'], 'de')).toBe('DMY');
  });

  it('is day-first without evidence, in English too', () => {
    expect(detectDateOrder([], 'en')).toBe('DMY');
    expect(detectDateOrder(['03/04/2024', '05/06/2024'], 'en')).toBe('DMY');
    expect(detectDateOrder(['Invoice', 'Total'], 'de')).toBe('DMY');
  });
});

describe('identifiers', () => {
  it('normalises valid IBANs and rejects bad checksums', () => {
    expect(normaliseIban('DE89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(normaliseIban('de89370400440532013000')).toBe('DE89370400440532013000');
    expect(normaliseIban('IBAN: GB29 NWBK 6016 1331 9268 19')).toBe('GB29NWBK60161331926819');
    expect(normaliseIban('FR14 2004 1010 0505 0001 3M02 606')).toBe('FR1420041010050500013M02606');
    expect(normaliseIban('NL91 ABNA 0417 1643 00')).toBe('NL91ABNA0417164300');
    expect(normaliseIban('ES91 2100 0418 4502 0005 1332')).toBe('ES9121000418450200051332');
    expect(normaliseIban('DE89 3704 0044 0532 0130 01')).toBeNull();
    expect(normaliseIban('DE88 3704 0044 0532 0130 00')).toBeNull();
    expect(normaliseIban('hello')).toBeNull();
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('DE89370400440532013001')).toBe(false);
  });

  it('checks BICs: 8 or 11 characters with a real country', () => {
    expect(isValidBic('DEUTDEFF')).toBe(true);
    expect(isValidBic('COBADEFFXXX')).toBe(true);
    expect(isValidBic('INGBNL2A')).toBe(true);
    expect(isValidBic('deutdeff')).toBe(true);
    expect(isValidBic('DEUTXXFF')).toBe(false);
    expect(isValidBic('DEUTDEF')).toBe(false);
    expect(isValidBic('DEUTDEFFXX')).toBe(false);
    expect(isValidBic('12345678')).toBe(false);
  });

  it('normalises VAT IDs by their shape, whatever the check digit', () => {
    expect(normaliseVatId('DE 136 695 976')).toBe('DE136695976');
    expect(normaliseVatId('de136695976')).toBe('DE136695976');
    expect(normaliseVatId('DE136695977')).toBe('DE136695977');
    expect(normaliseVatId('FR 40 303 265 045')).toBe('FR40303265045');
    expect(normaliseVatId('NL004495445B01')).toBe('NL004495445B01');
    expect(normaliseVatId('ESA28015865')).toBe('ESA28015865');
    expect(normaliseVatId('GB 980 7806 84')).toBe('GB980780684');
    expect(normaliseVatId('ATU13585627')).toBe('ATU13585627');
    expect(normaliseVatId('BE 0411.905.847')).toBe('BE0411905847');
    expect(normaliseVatId('CHE-116.281.710 MWST')).toBe('CHE116281710');
    expect(normaliseVatId('VAT: GB980780684')).toBe('GB980780684');
    expect(normaliseVatId('DE12345')).toBeNull();
    expect(normaliseVatId('136695976')).toBeNull();
    expect(normaliseVatId('US123456789')).toBeNull();
    expect(normaliseVatId('Total')).toBeNull();
  });

  it('checks VAT check digits where the country defines them', () => {
    expect(checkVatId('DE136695976')).toEqual({ valid: true, checked: true, country: 'DE' });
    expect(checkVatId('DE136695977')).toEqual({ valid: false, checked: true, country: 'DE' });
    expect(checkVatId('FR40303265045')).toEqual({ valid: true, checked: true, country: 'FR' });
    expect(checkVatId('FR41303265045')).toMatchObject({ valid: false, checked: true });
    expect(checkVatId('NL004495445B01')).toMatchObject({ valid: true, checked: true, country: 'NL' });
    expect(checkVatId('ESA28015865')).toMatchObject({ valid: true, checked: true, country: 'ES' });
    expect(checkVatId('ESB12345678')).toMatchObject({ valid: false, checked: true });
    expect(checkVatId('GB980780684')).toMatchObject({ valid: true, checked: true, country: 'GB' });
    expect(checkVatId('EL094259216')).toMatchObject({ valid: true, checked: true, country: 'GR' });
    expect(checkVatId('CHE-116.281.710 MWST')).toMatchObject({ valid: true, checked: true, country: 'CH' });
    expect(checkVatId('BE0411905847')).toMatchObject({ valid: true, checked: true });
    expect(checkVatId('BE0411905848')).toMatchObject({ valid: false, checked: true });
  });

  it('says when a VAT ID has no check digit to verify', () => {
    expect(checkVatId('EU372000041')).toEqual({ valid: true, checked: false, country: 'EU' });
    expect(checkVatId('FRXX999999999')).toEqual({ valid: true, checked: false, country: 'FR' });
    expect(checkVatId('DE1234')).toEqual({ valid: false, checked: false, country: 'DE' });
    expect(checkVatId('hello')).toEqual({ valid: false, checked: false, country: null });
  });
});

describe('currencyOf', () => {
  it.each([
    ['€', 'EUR'],
    ['EUR', 'EUR'],
    ['eur', 'EUR'],
    ['Euro', 'EUR'],
    ['euros', 'EUR'],
    ['$', 'USD'],
    ['US$', 'USD'],
    ['USD', 'USD'],
    ['£', 'GBP'],
    ['GBP', 'GBP'],
    ['CHF', 'CHF'],
    ['Fr.', 'CHF'],
    ['RM', 'MYR'],
    ['MYR', 'MYR'],
    ['zł', 'PLN'],
    ['PLN', 'PLN'],
    ['SEK', 'SEK'],
    ['DKK', 'DKK'],
    ['¥', 'JPY'],
  ])('%s → %s', (text, code) => {
    expect(currencyOf(text)).toBe(code);
  });

  it.each(['kr', 'kr.', 'Total', 'PEN', 'ALL', 'XYZ', '', '12', 'Fr'])('%j names no currency', (text) => {
    expect(currencyOf(text)).toBeNull();
  });

  it('lists common ISO codes', () => {
    for (const code of ['EUR', 'USD', 'GBP', 'CHF', 'MYR', 'SEK', 'NOK', 'DKK', 'PLN']) {
      expect(CURRENCY_CODES.has(code)).toBe(true);
    }
    expect(CURRENCY_CODES.has('PEN')).toBe(false);
  });
});

const keysOf = (line: string) => findKeywords(line.split(' ')).map((k) => k.key);
const only = (line: string): KeywordKey | undefined => {
  const found = findKeywords(line.split(' '));
  return found.length === 1 && found[0]!.start === 0 ? found[0]!.key : undefined;
};

describe('findKeywords', () => {
  it('has no phrase under two keys', () => {
    expect(keywordClashes()).toEqual([]);
  });

  it.each<[KeywordKey, string[]]>([
    [
      'invoiceId',
      [
        'Invoice No',
        'Invoice No.',
        'Invoice #',
        'Invoice#',
        'Invoice Number',
        'INVOICE NO:',
        'Rechnungsnummer',
        'Rechnung Nr.',
        'Rechnungs-Nr.',
        'Rechnungs-Nr.:',
        'Rechnungsnr.',
        'N° de facture',
        'Nº de facture',
        'Facture n°',
        'Numéro de facture',
        'Factuurnummer',
        'Factuurnr.',
        'Número de factura',
        'Nº factura',
        'Factura nº',
        'Gutschrift Nr.',
        'Receipt #',
      ],
    ],
    [
      'invoiceDate',
      [
        'Invoice Date',
        'Date',
        'Date:',
        'Rechnungsdatum',
        'Datum',
        'Date de facture',
        'Factuurdatum',
        'Fecha',
        'Fecha de factura',
      ],
    ],
    [
      'dueDate',
      [
        'Due Date',
        'Payment due',
        'Fällig am',
        'Fälligkeitsdatum',
        'Zahlbar bis',
        "Date d'échéance",
        'Date d’échéance',
        'Échéance',
        'Vervaldatum',
        'Fecha de vencimiento',
      ],
    ],
    [
      'purchaseOrder',
      [
        'PO Number',
        'P.O. No.',
        'Purchase Order',
        'Bestellnummer',
        'Bon de commande',
        'Inkoopordernummer',
        'Número de pedido',
      ],
    ],
    [
      'vendorTaxId',
      [
        'VAT No',
        'VAT Reg No',
        'VAT Reg. No.:',
        'USt-IdNr.',
        'USt.-IdNr.:',
        'Steuernummer',
        'N° TVA',
        'TVA intracommunautaire',
        'BTW-nummer',
        'BTW nr',
        'NIF',
        'CIF',
        'GST ID',
        'GST REG NO',
        'Co. Reg',
      ],
    ],
    ['customerTaxId', ['Customer VAT No', 'Ihre USt-IdNr.', 'N° TVA client', 'NIF cliente']],
    [
      'customerBlock',
      [
        'Bill to',
        'Bill To:',
        'Invoice to',
        'Customer',
        'Rechnungsempfänger',
        'Kunde',
        'Facturé à',
        'Client',
        'Factuur aan',
        'Klant',
        'Facturar a',
        'Cliente',
      ],
    ],
    [
      'subTotal',
      [
        'Subtotal',
        'Sub-total',
        'Zwischensumme',
        'Nettobetrag',
        'Total HT',
        'Sous-total',
        'Subtotaal',
        'Totaal excl. BTW',
        'Base imponible',
      ],
    ],
    ['totalTax', ['VAT', 'Tax', 'MwSt', 'MwSt.', 'USt', 'TVA', 'BTW', 'IVA', 'GST']],
    [
      'invoiceTotal',
      [
        'Total',
        'Total:',
        'Grand Total',
        'Total Amount',
        'Gesamtbetrag',
        'Rechnungsbetrag',
        'Summe',
        'Total TTC',
        'Montant total',
        'Totaal',
        'Totaal incl. BTW',
        'Total factura',
        'Importe total',
        'TOTAL',
        'ROUNDED TOTAL',
        'TOTAL (RM)',
        'TOTAL ( RM )',
        'NETT TOTAL',
        'TOTAL INCL. GST',
      ],
    ],
    [
      'amountDue',
      [
        'Amount Due',
        'Balance Due',
        'Zahlbetrag',
        'Zu zahlen',
        'Net à payer',
        'Montant dû',
        'Te betalen',
        'Importe a pagar',
      ],
    ],
    [
      'paymentTerm',
      [
        'Payment terms',
        'Zahlungsbedingungen',
        'Zahlungsziel',
        'Conditions de paiement',
        'Betalingsvoorwaarden',
        'Condiciones de pago',
        'Forma de pago',
      ],
    ],
    ['iban', ['IBAN', 'IBAN:']],
    ['bic', ['BIC', 'SWIFT', 'BIC/SWIFT', 'Swift code']],
    ['currency', ['Currency', 'Währung', 'Devise', 'Valuta', 'Moneda']],
    ['docInvoice', ['Invoice', 'Tax Invoice', 'Rechnung', 'Facture', 'Factuur', 'Factura', 'TAX INVOICE']],
    [
      'docReceipt',
      [
        'Receipt',
        'Cash Receipt',
        'Quittung',
        'Kassenbon',
        'Beleg',
        'Reçu',
        'Ticket de caisse',
        'Kassabon',
        'Bon',
        'Recibo',
        'Ticket',
        'Simplified Tax Invoice',
      ],
    ],
    [
      'docCreditNote',
      [
        'Credit Note',
        'Gutschrift',
        'Rechnungskorrektur',
        'Avoir',
        'Note de crédit',
        'Creditnota',
        'Creditfactuur',
        'Nota de crédito',
        'Factura rectificativa',
      ],
    ],
  ])('%s labels', (key, labels) => {
    for (const label of labels) expect(only(label), label).toBe(key);
  });

  it('reports word ranges, languages and the printed text', () => {
    expect(findKeywords(['Rechnungs-Nr.:', 'RE-2024-118'])).toEqual([
      { key: 'invoiceId', start: 0, end: 1, language: 'de', text: 'Rechnungs-Nr.:' },
    ]);
    expect(findKeywords(['Invoice', 'No', ':', 'INV-1'])).toEqual([
      { key: 'invoiceId', start: 0, end: 3, language: 'en', text: 'Invoice No :' },
    ]);
    expect(findKeywords(['Invoice', 'No:', 'INV-1'])).toEqual([
      { key: 'invoiceId', start: 0, end: 2, language: 'en', text: 'Invoice No:' },
    ]);
    expect(findKeywords(['Total:', '12.50'])).toEqual([
      { key: 'invoiceTotal', start: 0, end: 1, language: null, text: 'Total:' },
    ]);
    // A marker glued to the value leaves the value's word out of the label.
    expect(findKeywords(['Invoice', '#INV-0042'])).toEqual([
      { key: 'invoiceId', start: 0, end: 1, language: 'en', text: 'Invoice' },
    ]);
    expect(findKeywords(['Invoice', 'No:12345'])[0]).toMatchObject({ key: 'invoiceId', start: 0, end: 1 });
    expect(findKeywords(['Datum', '12.03.2024'])[0]!.language).toBeNull();
    expect(findKeywords(['Factuurdatum', '12-03-2024'])[0]!.language).toBe('nl');
  });

  it('takes the longest label where labels overlap', () => {
    expect(keysOf('Total HT 200,00')).toEqual(['subTotal']);
    expect(keysOf('Invoice Date 12/03/2024')).toEqual(['invoiceDate']);
    expect(keysOf('Total TTC 240,00')).toEqual(['invoiceTotal']);
    expect(keysOf('VAT No GB980780684')).toEqual(['vendorTaxId']);
    expect(keysOf('Total VAT 40.00')).toEqual(['totalTax']);
    expect(keysOf('Net à payer 240,00')).toEqual(['amountDue']);
    expect(keysOf('Total excl. VAT 200.00')).toEqual(['subTotal']);
    expect(keysOf('Payment due date 12/04/2024')).toEqual(['dueDate']);
  });

  it('finds several labels on one line', () => {
    const found = findKeywords([
      'Invoice',
      'No:',
      'INV-1',
      'Date:',
      '12.03.2024',
      'Due',
      'Date:',
      '12.04.2024',
    ]);
    expect(found.map((k) => [k.key, k.start, k.end])).toEqual([
      ['invoiceId', 0, 2],
      ['invoiceDate', 3, 4],
      ['dueDate', 5, 7],
    ]);
    expect(keysOf('IBAN: DE89 3704 BIC: COBADEFFXXX')).toEqual(['iban', 'bic']);
  });

  it('reads a document title only as a title, not inside prose', () => {
    expect(keysOf('We thank you for this invoice and look forward to working with you')).toEqual([]);
    expect(keysOf('Merci de nous avoir choisi pour votre projet cette année')).toEqual([]);
    expect(keysOf('INVOICE')).toEqual(['docInvoice']);
  });

  it('matches nothing in lines without labels', () => {
    expect(findKeywords([])).toEqual([]);
    expect(findKeywords(['ACME', 'Ltd', '12', 'High', 'Street'])).toEqual([]);
    expect(findKeywords(['12.50', '€'])).toEqual([]);
  });
});

const context: ScanContext = { numberFormat: null, dateOrder: 'DMY' };
const scan = (line: string, ctx: Partial<ScanContext> = {}) =>
  scanLine(line.split(' '), { ...context, ...ctx });
const kinds = (matches: RuleMatch[], kind: MatchKind) => matches.filter((m) => m.kind === kind);
const values = (line: string, kind: MatchKind, ctx: Partial<ScanContext> = {}) =>
  kinds(scan(line, ctx), kind).map((m) => m.value);

describe('scanLine', () => {
  it('finds dates in one word or spread over several', () => {
    expect(scan('Invoice Date: 12.03.2024')).toEqual([
      { kind: 'date', start: 2, end: 3, value: '2024-03-12', text: '12.03.2024' },
    ]);
    expect(kinds(scan('Datum: 12. März 2024'), 'date')).toEqual([
      { kind: 'date', start: 1, end: 4, value: '2024-03-12', text: '12. März 2024' },
    ]);
    expect(values('Fecha 12 de marzo de 2024', 'date')).toEqual(['2024-03-12']);
    expect(values('Date: March 12, 2024', 'date')).toEqual(['2024-03-12']);
    expect(values('le 1er janvier 2024', 'date')).toEqual(['2024-01-01']);
    expect(values('Factuurdatum 12 maart 2024', 'date')).toEqual(['2024-03-12']);
    expect(values('DATE 24-MAR-2018', 'date')).toEqual(['2018-03-24']);
    expect(values('Date:12/03/2024', 'date')).toEqual(['2024-03-12']);
    expect(values('03/12/2024', 'date', { dateOrder: 'MDY' })).toEqual(['2024-03-12']);
  });

  it('does not read a date’s words as amounts or ids', () => {
    const matches = scan('12 März 2024');
    expect(matches.map((m) => m.kind)).toEqual(['date']);
  });

  it('reads the SROIE receipt date beside its time, and not the time', () => {
    const matches = scanLine(['DATE', ':', '09/01/2019', '8', ':', '01', ':', '11', 'PM'], context);
    expect(matches).toEqual([{ kind: 'date', start: 2, end: 3, value: '2019-01-09', text: '09/01/2019' }]);
    expect(scan('Time 12:30')).toEqual([]);
    expect(scan('14.30 Uhr')).toEqual([]);
  });

  it('finds amounts with the currency beside them', () => {
    expect(scan('Total 1.234,56 €')).toEqual([
      { kind: 'amount', start: 1, end: 3, value: 1234.56, text: '1.234,56 €', currency: 'EUR' },
    ]);
    expect(kinds(scan('Total: € 12.50'), 'amount')).toEqual([
      { kind: 'amount', start: 1, end: 3, value: 12.5, text: '€ 12.50', currency: 'EUR' },
    ]);
    expect(kinds(scan('TOTAL RM9.90'), 'amount')).toEqual([
      { kind: 'amount', start: 1, end: 2, value: 9.9, text: 'RM9.90', currency: 'MYR' },
    ]);
    expect(values('Subtotal 200.00 VAT 40.00 Total 240.00', 'amount')).toEqual([200, 40, 240]);
    expect(values('Discount -12.00', 'amount')).toEqual([-12]);
    expect(values('Credit (12.00)', 'amount')).toEqual([-12]);
    expect(values('Credit 12.00-', 'amount')).toEqual([-12]);
    expect(values('Price 1,000', 'amount', { numberFormat: 'comma-decimal' })).toEqual([1]);
    expect(values('Price 1,000', 'amount', { numberFormat: 'dot-decimal' })).toEqual([1000]);
    expect(values('Total USD 50', 'amount')).toEqual([50]);
    expect(kinds(scan('Total Euro 12.50'), 'amount')[0]).toMatchObject({
      value: 12.5,
      currency: 'EUR',
      start: 1,
    });
    expect(kinds(scan('12,50 euros'), 'amount')[0]).toMatchObject({ value: 12.5, currency: 'EUR', end: 2 });
    expect(values('FREE 2016 CNY RED PACKET', 'amount')).toEqual([]);
    expect(values('JALAN EURO 1', 'amount')).toEqual([]);
    expect(values('DIESEL RON95', 'amount')).toEqual([]);
    expect(kinds(scan('Total: 12.50 kr'), 'amount')[0]).toMatchObject({ value: 12.5, end: 3 });
    expect(kinds(scan('Total: 12.50 kr'), 'amount')[0]!.currency).toBeUndefined();
  });

  it('joins an amount grouped with spaces across words, and reads its last group too', () => {
    const amounts = kinds(scan('Total TTC 1 234,56 €'), 'amount');
    expect(amounts).toContainEqual({
      kind: 'amount',
      start: 2,
      end: 5,
      value: 1234.56,
      text: '1 234,56 €',
      currency: 'EUR',
    });
    expect(amounts.map((a) => a.value)).toEqual([1234.56, 234.56]);
    expect(values('Qty 1 100.00', 'amount', { numberFormat: 'dot-decimal' })).toEqual([100]);
  });

  it('reads percentages as percent, not amounts', () => {
    expect(scan('MwSt 19%')).toEqual([{ kind: 'percent', start: 1, end: 2, value: 19, text: '19%' }]);
    expect(scan('TVA 5,5 %')).toEqual([{ kind: 'percent', start: 1, end: 3, value: 5.5, text: '5,5 %' }]);
    expect(values('GST @6% 1.80', 'percent')).toEqual([6]);
    expect(values('GST @6% 1.80', 'amount')).toEqual([1.8]);
  });

  it('finds IBANs printed in groups, BICs and VAT IDs with spaces', () => {
    expect(kinds(scan('IBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX'), 'iban')).toEqual([
      {
        kind: 'iban',
        start: 1,
        end: 7,
        value: 'DE89370400440532013000',
        text: 'DE89 3704 0044 0532 0130 00',
      },
    ]);
    expect(values('IBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX', 'bic')).toEqual(['COBADEFFXXX']);
    expect(values('BIC DEUTDEFF', 'bic')).toEqual(['DEUTDEFF']);
    expect(values('IBAN DE89370400440532013000', 'iban')).toEqual(['DE89370400440532013000']);
    expect(values('IBAN DE89 3704 0044 0532 0130 01', 'iban')).toEqual([]);
    expect(kinds(scan('USt-IdNr.: DE 136 695 976'), 'vatId')).toEqual([
      { kind: 'vatId', start: 1, end: 5, value: 'DE136695976', text: 'DE 136 695 976' },
    ]);
    expect(values('N° TVA FR40303265045', 'vatId')).toEqual(['FR40303265045']);
    expect(values('BTW NL004495445B01', 'vatId')).toEqual(['NL004495445B01']);
    expect(values('VAT DE136695977', 'vatId')).toEqual(['DE136695977']);
  });

  it('does not take capitalised words for BICs', () => {
    expect(values('CUSTOMER TERMINAL', 'bic')).toEqual([]);
    expect(values('INVOICE NO 123456789', 'vatId')).toEqual([]);
  });

  it('finds invoice-number-like ids', () => {
    expect(values('Invoice No: INV-2024-0012', 'id')).toEqual(['INV-2024-0012']);
    expect(values('Facture n° F-00045', 'id')).toEqual(['F-00045']);
    expect(values('Rechnung RE 2024/118', 'id')).toEqual(['RE 2024/118', '2024/118']);
    expect(values('CASH BILL : 01-143008', 'id')).toEqual(['01-143008']);
    expect(values('Invoice #12345', 'id')).toEqual(['12345']);
    expect(values('GST ID : 000306020352', 'id')).toEqual(['000306020352']);
    expect(values('Invoice 10045 Date 12.03.2024', 'id')).toEqual(['10045']);
  });

  it('reports a compact date as a date and an id', () => {
    const matches = scan('DATE 20180428');
    expect(kinds(matches, 'date').map((m) => m.value)).toEqual(['2018-04-28']);
    expect(kinds(matches, 'id').map((m) => m.value)).toEqual(['20180428']);
  });

  it('finds currencies standing alone', () => {
    expect(scan('Currency: EUR')).toEqual([
      { kind: 'currency', start: 1, end: 2, value: 'EUR', text: 'EUR' },
    ]);
    expect(values('TOTAL (RM)', 'currency')).toEqual(['MYR']);
    expect(values('Try our new menu', 'currency')).toEqual([]);
  });

  it.each([
    'Tel: +49 30 1234567',
    'Tel. 030 123 45 67',
    'Phone (555) 123-4567',
    '+44 20 7946 0958',
    '07-355 2616',
    'Fax: 03-7803 0218',
    '10115 Berlin',
    '81100 JOHOR BAHRU JOHOR',
    '1012 AB Amsterdam',
    'Page 1 of 2',
    'Page 1/2',
    'Time 12:30',
    'Hauptstraße 5',
    'Qty 2',
    '500g flour',
  ])('finds no value in %j', (line) => {
    expect(scan(line).filter((m) => m.kind !== 'currency')).toEqual([]);
  });

  it('finds nothing in an empty line', () => {
    expect(scanLine([], context)).toEqual([]);
  });

  it('is fast enough for every line of thousands of documents', () => {
    const lines = [
      'Invoice No: INV-2024-0012 Date: 12.03.2024',
      'ACME Consulting Ltd 12 High Street London',
      'Consulting services March 2024 2 100.00 200.00',
      'IBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX',
      'Total TTC 1 234,56 €',
      'Thank you for your business, please pay within 30 days',
    ].map((l) => l.split(' '));
    const start = performance.now();
    for (let i = 0; i < 2000; i++) for (const words of lines) scanLine(words, context);
    const perLine = (performance.now() - start) / (2000 * lines.length);
    expect(perLine).toBeLessThan(0.2);
  });
});

describe('detectLanguage', () => {
  const invoices: Record<string, string> = {
    en: 'ACME Ltd\n12 High Street\nLondon\nInvoice\nInvoice No: INV-001\nInvoice Date: 12/03/2024\nBill to: John Smith\nDescription Qty Unit price Amount\nConsulting services 2 100.00 200.00\nSubtotal 200.00\nVAT 20% 40.00\nTotal 240.00\nPayment terms: 30 days',
    de: 'Muster GmbH\nHauptstraße 5\n10115 Berlin\nRechnung\nRechnungsnummer: RE-2024-118\nRechnungsdatum: 12.03.2024\nBeschreibung Menge Einzelpreis Betrag\nBeratung 2 100,00 200,00\nZwischensumme 200,00\nMwSt 19% 38,00\nGesamtbetrag 238,00\nZahlungsbedingungen: 14 Tage netto',
    fr: 'Société Dupont SARL\n12 rue de la Paix\n75002 Paris\nFacture\nN° de facture : F-00045\nDate : 12/03/2024\nDésignation Quantité Prix unitaire Montant\nConseil 2 100,00 200,00\nTotal HT 200,00\nTVA 20% 40,00\nTotal TTC 240,00\nConditions de paiement : 30 jours',
    nl: 'Jansen BV\nKerkstraat 1\n1012 AB Amsterdam\nFactuur\nFactuurnummer: 2024-0012\nFactuurdatum: 12-03-2024\nOmschrijving Aantal Prijs Bedrag\nAdvies 2 100,00 200,00\nSubtotaal 200,00\nBTW 21% 42,00\nTotaal 242,00\nBetalingsvoorwaarden: 30 dagen',
    es: 'García SL\nCalle Mayor 3\n28013 Madrid\nFactura\nNúmero de factura: A-2024-7\nFecha: 12/03/2024\nDescripción Cantidad Precio Importe\nConsultoría 2 100,00 200,00\nBase imponible 200,00\nIVA 21% 42,00\nTotal 242,00\nForma de pago: transferencia',
  };

  it.each(Object.entries(invoices))('reads a %s invoice', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('reads short receipts by their labels', () => {
    expect(detectLanguage('Kassenbon\nSumme 12,50\nBar 20,00\nRückgeld 7,50')).toBe('de');
    expect(detectLanguage('Ticket de caisse\nTotal TTC 12,50\nEspèces 20,00')).toBe('fr');
    expect(detectLanguage('Kassabon\nTotaal 12,50\nTe betalen 12,50')).toBe('nl');
    expect(detectLanguage('Factura simplificada\nTotal 12,50\nEfectivo 20,00\nCambio 7,50')).toBe('es');
    expect(
      detectLanguage(
        'ABC HO TRADING\nCASH BILL : 01-143008\nDATE : 09/01/2019\nTOTAL : 31.00\nCHANGE : 70.00',
      ),
    ).toBe('en');
  });

  it('reads prose without labels through franc', () => {
    expect(
      detectLanguage(
        'Wir bedanken uns für Ihren Auftrag und stellen Ihnen die folgenden Leistungen in Rechnung. Bitte überweisen Sie den Betrag innerhalb von vierzehn Tagen auf unser Konto.',
      ),
    ).toBe('de');
    expect(
      detectLanguage(
        'Nous vous remercions de votre confiance et vous prions de bien vouloir régler cette somme dans les trente jours suivant la réception.',
      ),
    ).toBe('fr');
  });

  it('defaults to English', () => {
    expect(detectLanguage('')).toBe('en');
    expect(detectLanguage('12345 67.89')).toBe('en');
  });
});

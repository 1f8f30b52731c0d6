// The printed labels of invoices, receipts and credit notes in the five languages, several wordings each;
// one wording per label is chosen for a document. Templates hold {rate}, {n} and {total}.
import type { InvoiceDocumentType, InvoiceLanguage } from '../../../main/invoices/types.ts';
import type { ColumnId, Country } from './model.ts';
import type { Random } from './random.ts';

type ByType = Record<Exclude<InvoiceDocumentType, 'other'>, readonly string[]>;

interface LabelChoices {
  title: ByType;
  invoiceId: ByType;
  invoiceDate: ByType;
  total: ByType;
  dueDate: readonly string[];
  deliveryDate: readonly string[];
  purchaseOrder: readonly string[];
  customerNumber: readonly string[];
  referenceInvoice: readonly string[];
  contact: readonly string[];
  vendorTaxId: readonly string[];
  customerTaxId: readonly string[];
  billTo: readonly string[];
  from: readonly string[];
  subTotal: readonly string[];
  tax: readonly string[];
  totalTax: readonly string[];
  amountDue: readonly string[];
  deposit: readonly string[];
  paymentTerms: readonly string[];
  bank: readonly string[];
  accountHolder: readonly string[];
  bic: readonly string[];
  phone: readonly string[];
  email: readonly string[];
  web: readonly string[];
  currency: readonly string[];
  page: readonly string[];
  continued: readonly string[];
  thanks: readonly string[];
  intro: readonly string[];
  columns: Record<ColumnId, readonly string[]>;
  cash: readonly string[];
  change: readonly string[];
  card: readonly string[];
  taxIncluded: readonly string[];
  net: readonly string[];
}

export type Labels = { [K in Exclude<keyof LabelChoices, 'columns'>]: string } & {
  columns: Record<ColumnId, string>;
};

const en: LabelChoices = {
  title: {
    invoice: ['INVOICE', 'Invoice', 'Tax Invoice', 'VAT Invoice'],
    receipt: ['RECEIPT', 'Receipt', 'Sales Receipt'],
    credit_note: ['CREDIT NOTE', 'Credit Note', 'Credit Memo'],
  },
  invoiceId: {
    invoice: ['Invoice No.', 'Invoice number', 'Invoice #', 'Invoice no'],
    receipt: ['Receipt No.', 'Receipt #', 'Transaction', 'Receipt no'],
    credit_note: ['Credit note no.', 'Credit Note #', 'Credit memo number'],
  },
  invoiceDate: {
    invoice: ['Invoice date', 'Date', 'Date of issue', 'Issue date', 'Tax point'],
    receipt: ['Date', 'Date'],
    credit_note: ['Date', 'Credit note date', 'Date of issue'],
  },
  total: {
    invoice: ['Total', 'Invoice total', 'Total incl. VAT', 'Grand total', 'TOTAL'],
    receipt: ['TOTAL', 'Total', 'Amount'],
    credit_note: ['Total credit', 'Credit total', 'Total', 'TOTAL'],
  },
  dueDate: ['Due date', 'Payment due', 'Due'],
  deliveryDate: ['Delivery date', 'Service date', 'Date of supply'],
  purchaseOrder: ['PO number', 'Purchase order', 'Your order', 'PO #', 'Order ref.'],
  customerNumber: ['Customer No.', 'Account no.', 'Customer ID'],
  referenceInvoice: ['Original invoice', 'Relates to invoice', 'Invoice reference'],
  contact: ['Contact', 'Your contact', 'Sales rep'],
  vendorTaxId: ['VAT No.', 'VAT Reg. No.', 'VAT ID', 'VAT number'],
  customerTaxId: ['Customer VAT No.', 'Your VAT No.', 'VAT ID'],
  billTo: ['Bill to', 'Invoice to', 'Customer', 'To', 'Billed to'],
  from: ['From', 'Supplier', 'Seller'],
  subTotal: ['Subtotal', 'Net amount', 'Total excl. VAT', 'Net total', 'Sub-total'],
  tax: ['VAT {rate}', 'VAT ({rate})', 'VAT @ {rate}'],
  totalTax: ['Total VAT', 'VAT total', 'Total tax'],
  amountDue: ['Amount due', 'Balance due', 'Total due', 'Please pay'],
  deposit: ['Deposit paid', 'Less payment received', 'Paid on account'],
  paymentTerms: ['Payment terms', 'Terms'],
  bank: ['Bank', 'Bank details', 'Bank name'],
  accountHolder: ['Account name', 'Account holder', 'Payee'],
  bic: ['BIC', 'SWIFT', 'BIC/SWIFT', 'SWIFT/BIC'],
  phone: ['Tel', 'Phone', 'T'],
  email: ['Email', 'E-mail', 'E'],
  web: ['Web', 'W'],
  currency: ['Currency', 'All amounts in'],
  page: ['Page {n} of {total}', 'Page {n}/{total}'],
  continued: ['Continued on next page', 'continued overleaf', 'Continued'],
  thanks: ['Thank you for your business.', 'Thank you for your order.', 'We appreciate your business.'],
  intro: ['Please find below our invoice for the following items.', 'For services rendered as agreed.'],
  columns: {
    position: ['#', 'No.', 'Pos', 'Line'],
    productCode: ['Item code', 'SKU', 'Code', 'Part No.', 'Ref'],
    description: ['Description', 'Item', 'Service', 'Details'],
    quantity: ['Qty', 'Quantity', 'Units', 'Hrs/Qty'],
    unit: ['Unit', 'UoM'],
    unitPrice: ['Unit price', 'Price', 'Rate', 'Unit cost'],
    taxRate: ['VAT', 'VAT %', 'Tax'],
    amount: ['Amount', 'Total', 'Line total', 'Net'],
  },
  cash: ['Cash', 'CASH', 'Cash tendered'],
  change: ['Change', 'CHANGE', 'Change due'],
  card: ['Card', 'Visa', 'Mastercard', 'Debit card', 'Contactless'],
  taxIncluded: ['incl. VAT {rate}', 'VAT {rate} included', 'of which VAT {rate}'],
  net: ['Net', 'Net amount'],
};

const de: LabelChoices = {
  title: {
    invoice: ['Rechnung', 'RECHNUNG', 'Rechnung'],
    receipt: ['Kassenbon', 'Quittung', 'Beleg', 'Kassenbeleg'],
    credit_note: ['Gutschrift', 'GUTSCHRIFT', 'Rechnungskorrektur'],
  },
  invoiceId: {
    invoice: ['Rechnungsnummer', 'Rechnungs-Nr.', 'Rechnung Nr.', 'Belegnummer', 'Rechnungsnr.'],
    receipt: ['Bon-Nr.', 'Beleg-Nr.', 'Bonnummer', 'Belegnummer'],
    credit_note: ['Gutschrift-Nr.', 'Gutschriftsnummer', 'Belegnummer'],
  },
  invoiceDate: {
    invoice: ['Rechnungsdatum', 'Datum', 'Belegdatum'],
    receipt: ['Datum', 'Datum'],
    credit_note: ['Datum', 'Gutschriftsdatum', 'Belegdatum'],
  },
  total: {
    invoice: ['Gesamtbetrag', 'Rechnungsbetrag', 'Gesamt brutto', 'Endbetrag', 'Summe brutto'],
    receipt: ['SUMME', 'Summe', 'Gesamt', 'Total', 'Zu zahlen'],
    credit_note: ['Gutschriftsbetrag', 'Gesamtbetrag', 'Gesamt brutto'],
  },
  dueDate: ['Fälligkeitsdatum', 'Fällig am', 'Zahlbar bis', 'Fälligkeit'],
  deliveryDate: ['Lieferdatum', 'Leistungsdatum', 'Liefertermin'],
  purchaseOrder: ['Bestellnummer', 'Ihre Bestellung', 'Bestell-Nr.', 'Ihr Auftrag'],
  customerNumber: ['Kundennummer', 'Kunden-Nr.', 'Kd.-Nr.'],
  referenceInvoice: ['zu Rechnung', 'Bezug Rechnung', 'Ursprungsrechnung'],
  contact: ['Ansprechpartner', 'Bearbeiter', 'Ihr Kontakt'],
  vendorTaxId: ['USt-IdNr.', 'USt-ID', 'UID-Nr.', 'Umsatzsteuer-ID'],
  customerTaxId: ['Ihre USt-IdNr.', 'USt-IdNr. Kunde', 'Kunden-USt-ID'],
  billTo: ['Rechnungsempfänger', 'Kunde', 'Rechnungsadresse', 'An'],
  from: ['Von', 'Lieferant', 'Absender', 'Rechnungssteller'],
  subTotal: ['Zwischensumme', 'Nettobetrag', 'Summe netto', 'Gesamt netto', 'Warenwert netto'],
  tax: ['MwSt. {rate}', 'USt. {rate}', 'zzgl. {rate} MwSt.', 'Umsatzsteuer {rate}'],
  totalTax: ['MwSt. gesamt', 'Summe USt.', 'Umsatzsteuer gesamt'],
  amountDue: ['Zahlbetrag', 'Offener Betrag', 'Zu zahlen', 'Noch zu zahlen'],
  deposit: ['abzgl. Anzahlung', 'Anzahlung erhalten', 'bereits gezahlt'],
  paymentTerms: ['Zahlungsbedingungen', 'Zahlungsziel', 'Zahlungsbedingung'],
  bank: ['Bank', 'Bankverbindung', 'Kreditinstitut'],
  accountHolder: ['Kontoinhaber', 'Empfänger'],
  bic: ['BIC', 'SWIFT-BIC', 'BIC/SWIFT'],
  phone: ['Tel.', 'Telefon', 'Fon'],
  email: ['E-Mail', 'Mail'],
  web: ['Web', 'Internet'],
  currency: ['Währung', 'Beträge in'],
  page: ['Seite {n} von {total}', 'Seite {n}/{total}'],
  continued: ['Fortsetzung auf der nächsten Seite', 'Übertrag auf Seite {next}', 'Fortsetzung folgt'],
  thanks: [
    'Vielen Dank für Ihren Auftrag.',
    'Wir danken für Ihren Einkauf.',
    'Vielen Dank für Ihr Vertrauen.',
  ],
  intro: [
    'Sehr geehrte Damen und Herren, wir berechnen Ihnen folgende Leistungen:',
    'Vielen Dank für Ihren Auftrag. Wir erlauben uns, Ihnen folgendes in Rechnung zu stellen:',
  ],
  columns: {
    position: ['Pos.', 'Pos', 'Nr.'],
    productCode: ['Art.-Nr.', 'Artikelnr.', 'Artikel', 'Art.Nr.'],
    description: ['Bezeichnung', 'Beschreibung', 'Leistung', 'Artikelbezeichnung'],
    quantity: ['Menge', 'Anz.', 'Anzahl'],
    unit: ['Einheit', 'ME', 'Einh.'],
    unitPrice: ['Einzelpreis', 'E-Preis', 'Preis/Einh.', 'Einzelpr.'],
    taxRate: ['MwSt.', 'USt. %', 'MwSt.-Satz', 'USt.'],
    amount: ['Gesamtpreis', 'Betrag', 'Gesamt', 'Summe'],
  },
  cash: ['Bar', 'BAR', 'Gegeben bar'],
  change: ['Rückgeld', 'Zurück', 'RÜCKGELD'],
  card: ['EC-Karte', 'Kartenzahlung', 'Girocard', 'Visa'],
  taxIncluded: ['enth. MwSt. {rate}', 'darin MwSt. {rate}', 'inkl. {rate} MwSt.'],
  net: ['Netto', 'Nettobetrag'],
};

const fr: LabelChoices = {
  title: {
    invoice: ['FACTURE', 'Facture', 'Facture'],
    receipt: ['Ticket de caisse', 'TICKET', 'Reçu', 'Ticket'],
    credit_note: ['AVOIR', 'Avoir', "Facture d'avoir"],
  },
  invoiceId: {
    invoice: ['N° de facture', 'Facture n°', 'Numéro de facture', 'N° facture', 'Réf. facture'],
    receipt: ['Ticket n°', 'N° de ticket', 'Ticket', 'N° transaction'],
    credit_note: ["N° d'avoir", 'Avoir n°', "Numéro d'avoir"],
  },
  invoiceDate: {
    invoice: ['Date de facture', 'Date', "Date d'émission", 'Date de facturation'],
    receipt: ['Date', 'Le'],
    credit_note: ['Date', "Date de l'avoir", "Date d'émission"],
  },
  total: {
    invoice: ['Total TTC', 'Montant TTC', 'Net TTC', 'TOTAL TTC'],
    receipt: ['TOTAL', 'Total TTC', 'Total', 'A PAYER'],
    credit_note: ['Total avoir TTC', 'Total TTC', "Montant de l'avoir"],
  },
  dueDate: ["Date d'échéance", 'Échéance', 'À régler avant le', 'Date limite de paiement'],
  deliveryDate: ['Date de livraison', 'Date de prestation', 'Livré le'],
  purchaseOrder: ['Bon de commande', 'N° de commande', 'Votre commande', 'Réf. commande'],
  customerNumber: ['N° client', 'Code client', 'Réf. client'],
  referenceInvoice: ['Facture d’origine', 'Se rapporte à la facture', 'Facture concernée'],
  contact: ['Votre contact', 'Interlocuteur', 'Suivi par'],
  vendorTaxId: ['N° TVA intracommunautaire', 'TVA intracom.', 'N° TVA', 'Numéro de TVA'],
  customerTaxId: ['N° TVA client', 'TVA client', 'Votre n° TVA'],
  billTo: ['Facturé à', 'Client', 'Destinataire', 'Adresse de facturation'],
  from: ['Émetteur', 'Fournisseur', 'De', 'Vendeur'],
  subTotal: ['Total HT', 'Sous-total HT', 'Montant HT', 'Total hors taxes'],
  tax: ['TVA {rate}', 'TVA ({rate})', 'TVA à {rate}'],
  totalTax: ['Total TVA', 'Montant TVA', 'TVA totale'],
  amountDue: ['Net à payer', 'Reste à payer', 'Montant dû', 'Solde dû'],
  deposit: ['Acompte versé', 'Acompte reçu', 'Déjà réglé'],
  paymentTerms: ['Conditions de paiement', 'Conditions de règlement', 'Règlement'],
  bank: ['Banque', 'Domiciliation', 'Coordonnées bancaires'],
  accountHolder: ['Titulaire', 'Titulaire du compte', 'Bénéficiaire'],
  bic: ['BIC', 'Code BIC', 'BIC/SWIFT'],
  phone: ['Tél.', 'Tél', 'Téléphone'],
  email: ['E-mail', 'Courriel', 'Email'],
  web: ['Site', 'Web'],
  currency: ['Devise', 'Montants en'],
  page: ['Page {n}/{total}', 'Page {n} sur {total}'],
  continued: ['Suite page suivante', 'À reporter', 'Suite au verso'],
  thanks: ['Merci de votre confiance.', 'Merci pour votre commande.', 'Merci de votre visite.'],
  intro: [
    'Madame, Monsieur, veuillez trouver ci-dessous le détail de notre facture.',
    'Conformément à votre commande, nous vous facturons les prestations suivantes :',
  ],
  columns: {
    position: ['N°', 'Pos.', 'Ligne'],
    productCode: ['Réf.', 'Référence', 'Code', 'Code article'],
    description: ['Désignation', 'Description', 'Libellé', 'Article'],
    quantity: ['Qté', 'Quantité', 'Qté.'],
    unit: ['Unité', 'U.', 'Un.'],
    unitPrice: ['Prix unitaire', 'PU HT', 'P.U. HT', 'Prix unit.'],
    taxRate: ['TVA', 'Taux TVA', 'TVA %'],
    amount: ['Montant HT', 'Total HT', 'Montant', 'Total'],
  },
  cash: ['Espèces', 'ESPECES', 'Payé en espèces'],
  change: ['Rendu', 'Monnaie rendue', 'RENDU'],
  card: ['Carte bancaire', 'CB', 'Paiement CB', 'Carte'],
  taxIncluded: ['dont TVA {rate}', 'TVA {rate} incluse', 'Dont TVA {rate}'],
  net: ['HT', 'Montant HT'],
};

const nl: LabelChoices = {
  title: {
    invoice: ['Factuur', 'FACTUUR', 'Factuur'],
    receipt: ['Kassabon', 'Bon', 'KASSABON', 'Kwitantie'],
    credit_note: ['Creditnota', 'CREDITNOTA', 'Creditfactuur'],
  },
  invoiceId: {
    invoice: ['Factuurnummer', 'Factuurnr.', 'Factuur nr.', 'Nummer'],
    receipt: ['Bonnr.', 'Bonnummer', 'Transactie', 'Kassabon nr.'],
    credit_note: ['Creditnotanummer', 'Creditnota nr.', 'Creditfactuurnummer'],
  },
  invoiceDate: {
    invoice: ['Factuurdatum', 'Datum', 'Datum factuur'],
    receipt: ['Datum', 'Datum'],
    credit_note: ['Datum', 'Creditnotadatum', 'Datum creditnota'],
  },
  total: {
    invoice: ['Totaal incl. BTW', 'Totaal', 'Totaalbedrag', 'Totaal incl. btw', 'TOTAAL'],
    receipt: ['TOTAAL', 'Totaal', 'Te betalen'],
    credit_note: ['Totaal credit', 'Totaal incl. BTW', 'Creditbedrag'],
  },
  dueDate: ['Vervaldatum', 'Uiterste betaaldatum', 'Te betalen voor'],
  deliveryDate: ['Leverdatum', 'Leveringsdatum', 'Datum levering'],
  purchaseOrder: ['Ordernummer', 'Inkoopordernummer', 'Uw referentie', 'Uw ordernr.'],
  customerNumber: ['Klantnummer', 'Debiteurnummer', 'Klantnr.'],
  referenceInvoice: ['Betreft factuur', 'Oorspronkelijke factuur', 'Correctie op factuur'],
  contact: ['Contactpersoon', 'Behandeld door', 'Uw contact'],
  vendorTaxId: ['BTW-nummer', 'BTW-nr.', 'Btw-id', 'BTW nr'],
  customerTaxId: ['BTW-nummer klant', 'Uw BTW-nummer', 'BTW-nr. klant'],
  billTo: ['Factuuradres', 'Klant', 'Aan', 'Gefactureerd aan'],
  from: ['Van', 'Leverancier', 'Afzender'],
  subTotal: ['Subtotaal', 'Totaal excl. BTW', 'Netto bedrag', 'Totaal excl. btw'],
  tax: ['BTW {rate}', 'BTW ({rate})', '{rate} BTW', 'Btw {rate}'],
  totalTax: ['Totaal BTW', 'BTW totaal', 'Totaal btw'],
  amountDue: ['Te betalen', 'Openstaand bedrag', 'Totaal te betalen', 'Nog te betalen'],
  deposit: ['Aanbetaling', 'Reeds betaald', 'Vooruitbetaling'],
  paymentTerms: ['Betalingstermijn', 'Betalingsvoorwaarden', 'Betaling'],
  bank: ['Bank', 'Bankgegevens'],
  accountHolder: ['Rekeninghouder', 't.n.v.', 'Ten name van'],
  bic: ['BIC', 'BIC-code', 'SWIFT'],
  phone: ['Tel.', 'Telefoon', 'T'],
  email: ['E-mail', 'Email', 'E'],
  web: ['Website', 'Web'],
  currency: ['Valuta', 'Bedragen in'],
  page: ['Pagina {n} van {total}', 'Pagina {n}/{total}', 'Blad {n} van {total}'],
  continued: ['Vervolg op volgende pagina', 'Zie volgende pagina', 'Vervolg'],
  thanks: ['Bedankt voor uw bestelling.', 'Hartelijk dank voor uw aankoop.', 'Bedankt en tot ziens!'],
  intro: [
    'Geachte heer/mevrouw, hierbij factureren wij u de volgende werkzaamheden:',
    'Volgens afspraak brengen wij u het onderstaande in rekening.',
  ],
  columns: {
    position: ['Nr.', '#', 'Regel'],
    productCode: ['Artikelnr.', 'Code', 'Art.nr.', 'Artikelcode'],
    description: ['Omschrijving', 'Beschrijving', 'Artikel', 'Product'],
    quantity: ['Aantal', 'Aant.', 'Hoeveelheid'],
    unit: ['Eenheid', 'Eenh.'],
    unitPrice: ['Prijs', 'Stukprijs', 'Prijs per eenheid', 'Tarief'],
    taxRate: ['BTW', 'BTW %', 'Btw'],
    amount: ['Bedrag', 'Totaal', 'Regeltotaal'],
  },
  cash: ['Contant', 'CONTANT', 'Contant betaald'],
  change: ['Wisselgeld', 'Terug', 'WISSELGELD'],
  card: ['Pin', 'PIN', 'Pinbetaling', 'Maestro'],
  taxIncluded: ['incl. BTW {rate}', 'waarvan BTW {rate}', 'BTW {rate} inbegrepen'],
  net: ['Netto', 'Excl. BTW'],
};

const es: LabelChoices = {
  title: {
    invoice: ['FACTURA', 'Factura', 'Factura'],
    receipt: ['Ticket', 'Factura simplificada', 'TICKET', 'Recibo'],
    credit_note: ['Factura rectificativa', 'ABONO', 'Nota de crédito', 'Factura de abono'],
  },
  invoiceId: {
    invoice: ['Número de factura', 'Nº factura', 'Factura nº', 'Nº de factura', 'Núm. factura'],
    receipt: ['Nº ticket', 'Ticket nº', 'Nº factura simplificada', 'Nº operación'],
    credit_note: ['Nº factura rectificativa', 'Nº abono', 'Número de abono'],
  },
  invoiceDate: {
    invoice: ['Fecha de factura', 'Fecha', 'Fecha de emisión', 'Fecha factura'],
    receipt: ['Fecha', 'Fecha'],
    credit_note: ['Fecha', 'Fecha de emisión', 'Fecha abono'],
  },
  total: {
    invoice: ['Total factura', 'Total', 'Importe total', 'TOTAL', 'Total (IVA incluido)'],
    receipt: ['TOTAL', 'Total', 'Total a pagar', 'IMPORTE'],
    credit_note: ['Total abono', 'Total', 'Importe total'],
  },
  dueDate: ['Fecha de vencimiento', 'Vencimiento', 'Fecha de pago'],
  deliveryDate: ['Fecha de entrega', 'Fecha de servicio', 'Fecha de operación'],
  purchaseOrder: ['Nº de pedido', 'Pedido', 'Orden de compra', 'Su referencia'],
  customerNumber: ['Nº de cliente', 'Código cliente', 'Cliente nº'],
  referenceInvoice: ['Factura rectificada', 'Rectifica a la factura', 'Factura original'],
  contact: ['Contacto', 'Atendido por', 'Comercial'],
  vendorTaxId: ['NIF', 'CIF', 'NIF-IVA', 'N.I.F.'],
  customerTaxId: ['NIF cliente', 'CIF cliente', 'NIF del cliente'],
  billTo: ['Facturar a', 'Cliente', 'Datos del cliente', 'Destinatario'],
  from: ['Emisor', 'Proveedor', 'De', 'Datos del emisor'],
  subTotal: ['Base imponible', 'Subtotal', 'Importe neto', 'Base'],
  tax: ['IVA {rate}', 'IVA ({rate})', 'Cuota IVA {rate}'],
  totalTax: ['Total IVA', 'Cuota IVA total', 'Total impuestos'],
  amountDue: ['Total a pagar', 'Importe pendiente', 'A pagar', 'Pendiente de pago'],
  deposit: ['Anticipo', 'Pago a cuenta', 'Entregado a cuenta'],
  paymentTerms: ['Condiciones de pago', 'Forma de pago', 'Plazo de pago'],
  bank: ['Banco', 'Entidad', 'Datos bancarios'],
  accountHolder: ['Titular', 'Beneficiario'],
  bic: ['BIC', 'SWIFT', 'BIC/SWIFT'],
  phone: ['Tel.', 'Teléfono', 'Tlf.'],
  email: ['Email', 'Correo', 'E-mail'],
  web: ['Web', 'www'],
  currency: ['Moneda', 'Importes en'],
  page: ['Página {n} de {total}', 'Pág. {n}/{total}'],
  continued: ['Continúa en la página siguiente', 'Suma y sigue', 'Continúa'],
  thanks: ['Gracias por su confianza.', 'Gracias por su visita.', 'Gracias por su compra.'],
  intro: [
    'Le remitimos la factura correspondiente a los siguientes conceptos:',
    'Según lo acordado, le facturamos los siguientes servicios:',
  ],
  columns: {
    position: ['Nº', 'Lín.', 'Pos.'],
    productCode: ['Código', 'Ref.', 'Referencia', 'Cód.'],
    description: ['Descripción', 'Concepto', 'Artículo', 'Detalle'],
    quantity: ['Cantidad', 'Cant.', 'Uds.'],
    unit: ['Unidad', 'Ud.', 'Unid.'],
    unitPrice: ['Precio unitario', 'Precio', 'P. unit.', 'Precio ud.'],
    taxRate: ['IVA', '% IVA', 'IVA %'],
    amount: ['Importe', 'Total', 'Subtotal'],
  },
  cash: ['Efectivo', 'EFECTIVO', 'Entregado'],
  change: ['Cambio', 'CAMBIO', 'Devolución'],
  card: ['Tarjeta', 'TARJETA', 'Pago con tarjeta', 'Visa'],
  taxIncluded: ['IVA incluido {rate}', 'IVA {rate} incluido', 'Incluye IVA {rate}'],
  net: ['Base', 'Base imponible'],
};

const CHOICES: Record<InvoiceLanguage, LabelChoices> = { en, de, fr, nl, es };

/** Wordings a country uses instead of its language's (US sales tax, Swiss and Austrian terms). */
const COUNTRY_OVERRIDES: Partial<Record<Country, Partial<Record<keyof LabelChoices, readonly string[]>>>> = {
  US: {
    tax: ['Sales Tax {rate}', 'Tax ({rate})', 'Sales tax @ {rate}'],
    totalTax: ['Total tax', 'Total sales tax'],
    taxIncluded: ['Tax {rate}', 'Sales tax {rate}'],
    subTotal: ['Subtotal', 'Sub-total', 'Net total'],
    vendorTaxId: ['Tax ID', 'EIN'],
  },
  CH: {
    tax: ['MWST {rate}', 'MwSt. {rate}', 'MWST {rate} auf'],
    totalTax: ['MWST total', 'Total MWST'],
    vendorTaxId: ['MWST-Nr.', 'UID', 'MWST/UID'],
    customerTaxId: ['Ihre UID', 'UID Kunde'],
  },
  AT: {
    vendorTaxId: ['UID-Nr.', 'UID', 'USt-IdNr.'],
    customerTaxId: ['Ihre UID-Nr.', 'UID Kunde'],
    tax: ['USt. {rate}', 'MwSt. {rate}', '{rate} USt.'],
  },
};

/** Swiss French and Belgian wordings only differ in tax-ID labels; kept with the language's. */
const FRENCH_SWISS_TAX: readonly string[] = ['N° TVA', 'IDE', 'N° IDE TVA'];

/** One wording for every label of a document in `language`, printed in `country`. */
export function chooseLabels(
  language: InvoiceLanguage,
  documentType: Exclude<InvoiceDocumentType, 'other'>,
  country: Country,
  rng: Random,
): Labels {
  const base = CHOICES[language];
  const overrides = language === 'de' || language === 'en' ? (COUNTRY_OVERRIDES[country] ?? {}) : {};
  const options = (key: Exclude<keyof LabelChoices, 'columns'>): readonly string[] => {
    if (language === 'fr' && country === 'CH' && key === 'vendorTaxId') return FRENCH_SWISS_TAX;
    const own = overrides[key];
    if (own) return own;
    const value = base[key];
    return Array.isArray(value) ? value : (value as ByType)[documentType];
  };
  const pick = (key: Exclude<keyof LabelChoices, 'columns'>): string => rng.pick(options(key));
  const columns = Object.fromEntries(
    Object.entries(base.columns).map(([id, names]) => [id, rng.pick(names)]),
  ) as Record<ColumnId, string>;
  const keys = Object.keys(base).filter((k) => k !== 'columns') as Exclude<keyof LabelChoices, 'columns'>[];
  const labels = Object.fromEntries(keys.map((key) => [key, pick(key)])) as Omit<Labels, 'columns'>;
  return { ...labels, columns };
}

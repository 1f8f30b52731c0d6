// The checks an accounts-payable clerk makes by eye: do the totals add up, do the lines add up, is the due
// date after the invoice date, do the IBAN and VAT numbers pass their checksums. A failed check is reported
// and lowers the confidence of the fields involved; it never changes a value.
import { checkVatId, isValidIban } from './rules/identifiers.ts';
import {
  VALIDATION_RULE_FIELDS,
  type ExtractedField,
  type InvoiceFieldName,
  type LineItem,
  type ValidationResult,
} from './types.ts';

/** Amounts on invoices are rounded per line or per rate; a few cents either way is still "adds up". */
const ROUNDING = 0.02;
/** How much a failed check lowers the confidence of a field the model or a rule found. */
const FAILED_CHECK_FACTOR = 0.5;

type Fields = Partial<Record<InvoiceFieldName, ExtractedField>>;

const money = (n: number) => n.toFixed(2);
const numberOf = (f: ExtractedField | undefined) => (typeof f?.value === 'number' ? f.value : null);

function totals(fields: Fields): ValidationResult | null {
  const sub = numberOf(fields.subTotal);
  const tax = numberOf(fields.totalTax);
  const total = numberOf(fields.invoiceTotal);
  if (sub === null || tax === null || total === null) return null;
  const ok = Math.abs(sub + tax - total) <= ROUNDING;
  return {
    rule: 'totals',
    ok,
    message: ok
      ? `Subtotal ${money(sub)} + tax ${money(tax)} = total ${money(total)}.`
      : `Subtotal ${money(sub)} + tax ${money(tax)} = ${money(sub + tax)}, but the total is ${money(total)}.`,
  };
}

function lineItemsSum(fields: Fields, items: readonly LineItem[]): ValidationResult | null {
  const amounts = items.map((i) => i.amount).filter((a): a is number => a !== null);
  if (amounts.length === 0 || amounts.length !== items.length) return null;
  // Without a subtotal, lines on a receipt add up to the total (prices include tax).
  const target = numberOf(fields.subTotal) ?? (fields.totalTax ? null : numberOf(fields.invoiceTotal));
  if (target === null) return null;
  const sum = amounts.reduce((a, b) => a + b, 0);
  const name = fields.subTotal ? 'subtotal' : 'total';
  const ok = Math.abs(sum - target) <= ROUNDING + 0.005 * amounts.length;
  return {
    rule: 'lineItemsSum',
    ok,
    message: ok
      ? `The ${amounts.length} line amounts add up to the ${name} (${money(target)}).`
      : `The ${amounts.length} line amounts add up to ${money(sum)}, but the ${name} is ${money(target)}.`,
  };
}

function lineItemAmounts(items: readonly LineItem[]): ValidationResult | null {
  const checked = items
    .map((item, index) => ({ item, line: index + 1 }))
    .filter(({ item }) => item.quantity !== null && item.unitPrice !== null && item.amount !== null);
  if (checked.length === 0) return null;
  const wrong = checked.filter(
    ({ item }) => Math.abs(item.quantity! * item.unitPrice! - item.amount!) > ROUNDING,
  );
  if (wrong.length === 0) {
    return {
      rule: 'lineItemAmounts',
      ok: true,
      message: `Quantity × unit price = amount on ${checked.length} lines.`,
    };
  }
  const shown = wrong
    .slice(0, 3)
    .map(
      ({ item, line }) =>
        `line ${line}: ${item.quantity} × ${money(item.unitPrice!)} = ${money(item.quantity! * item.unitPrice!)}, not ${money(item.amount!)}`,
    );
  return {
    rule: 'lineItemAmounts',
    ok: false,
    message: `Quantity × unit price ≠ amount on ${wrong.length} of ${checked.length} lines (${shown.join('; ')}${wrong.length > 3 ? '; …' : ''}).`,
  };
}

function dueDate(fields: Fields): ValidationResult | null {
  const issued = fields.invoiceDate?.value;
  const due = fields.dueDate?.value;
  if (typeof issued !== 'string' || typeof due !== 'string') return null;
  // ISO dates compare as strings.
  const ok = due >= issued;
  return {
    rule: 'dueDate',
    ok,
    message: ok
      ? `Due ${due}, on or after the invoice date ${issued}.`
      : `The due date ${due} is before the invoice date ${issued}.`,
  };
}

function iban(fields: Fields): ValidationResult | null {
  const value = fields.iban?.value;
  if (typeof value !== 'string') return null;
  const ok = isValidIban(value);
  return {
    rule: 'iban',
    ok,
    message: ok
      ? `The IBAN ${value} passes its check digits.`
      : `The IBAN ${value} fails its check digits (mod 97): a digit is probably misread or mistyped.`,
  };
}

function taxId(fields: Fields, field: 'vendorTaxId' | 'customerTaxId'): ValidationResult | null {
  const value = fields[field]?.value;
  if (typeof value !== 'string') return null;
  const whose = field === 'vendorTaxId' ? "vendor's" : "customer's";
  const check = checkVatId(value);
  // Numbers that are not EU VAT IDs (a Malaysian GST number, a national tax number) have no check to run.
  if (!check.country) return null;
  if (!check.checked) {
    return {
      rule: field,
      ok: check.valid,
      message: check.valid
        ? `The ${whose} VAT ID ${value} has the right form (${check.country} defines no check digit).`
        : `The ${whose} VAT ID ${value} does not have the form ${check.country} uses.`,
    };
  }
  return {
    rule: field,
    ok: check.valid,
    message: check.valid
      ? `The ${whose} VAT ID ${value} passes its check digits.`
      : `The ${whose} VAT ID ${value} fails its check digits.`,
  };
}

/** Every check whose inputs are present, passed or failed. */
export function validateInvoice(fields: Fields, items: readonly LineItem[]): ValidationResult[] {
  return [
    totals(fields),
    lineItemsSum(fields, items),
    lineItemAmounts(items),
    dueDate(fields),
    iban(fields),
    taxId(fields, 'vendorTaxId'),
    taxId(fields, 'customerTaxId'),
  ].filter((r): r is ValidationResult => r !== null);
}

/**
 * The fields with their confidence lowered where a check involving them failed. Values the user typed keep
 * their confidence: the warning still shows, but the user has seen the value.
 */
export function applyValidation(fields: Fields, results: readonly ValidationResult[]): Fields {
  const out: Fields = { ...fields };
  for (const result of results) {
    if (result.ok) continue;
    // The line sum is compared with the subtotal when there is one, else with the total.
    const involved =
      result.rule === 'lineItemsSum'
        ? [fields.subTotal ? 'subTotal' : 'invoiceTotal']
        : VALIDATION_RULE_FIELDS[result.rule];
    for (const name of (involved ?? []) as InvoiceFieldName[]) {
      const field = out[name];
      if (field && field.source !== 'user')
        out[name] = { ...field, confidence: field.confidence * FAILED_CHECK_FACTOR };
    }
  }
  return out;
}

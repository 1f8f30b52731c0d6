// Bank and tax identifiers: IBAN (ISO 13616, mod-97 check), BIC (ISO 9362) and EU/GB/CH/NO VAT IDs
// with the check digits their countries define (through ibantools and jsvat).
//
// normaliseVatId returns the ID whenever its shape is right, even if its check digit is wrong: a printed
// VAT ID with a typo is still the vendor's VAT ID, and the validation step reports the failed check
// (lowering confidence) instead of the value silently disappearing. checkVatId says whether it checks out.
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { checkVAT, countries } from 'jsvat';

/** The IBAN without spaces, upper case, when its mod-97 check and country format hold; null otherwise. */
export function normaliseIban(text: string): string | null {
  const compact = electronicFormatIBAN(
    text.replace(/^iban\s*:?\s*/iu, '').replace(/[\s.\-\u00A0\u202F]/gu, ''),
  );
  if (!compact || compact.length < 15 || compact.length > 34) return null;
  return isValidIBAN(compact) ? compact : null;
}

export function isValidIban(text: string): boolean {
  return normaliseIban(text) !== null;
}

/** 8 or 11 characters: bank (4 letters), a valid country, location, optional branch. */
export function isValidBic(text: string): boolean {
  const compact = text.trim().toUpperCase();
  return /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/u.test(compact) && isValidBIC(compact);
}

/** Country prefixes of the VAT IDs Docket reads: the EU's (Greece is EL), GB and XI, CH (CHE), NO. */
export const VAT_PREFIXES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'GB', 'XI', 'HR', 'HU', 'IE', 'IT',
  'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'CHE', 'NO', 'EU',
]); // prettier-ignore

/** VAT prefixes that are not the country's ISO 3166 code. */
const COUNTRY_OF_PREFIX: Readonly<Record<string, string>> = { EL: 'GR', CHE: 'CH', XI: 'GB' };

/** Prefixes whose VAT IDs have no check digit jsvat can verify: only their shape is checked. */
const SHAPE_ONLY: ReadonlySet<string> = new Set(['EU']);

interface VatReading {
  /** The ID as jsvat checks it (Northern Ireland's XI is checked as GB). */
  checked: string;
  /** The ID as printed, compacted. */
  normalised: string;
  country: string;
}

function readVat(text: string): VatReading | null {
  const compact = text
    .toUpperCase()
    .replace(/[\s.\-/\u00A0\u202F]/gu, '')
    // Swiss IDs end in MWST, TVA or IVA (the language of the register entry); the number is the ID.
    .replace(/^(CHE\d{9})(?:MWST|TVA|IVA)$/u, '$1');
  const prefix = /^(CHE|[A-Z]{2})/u.exec(compact)?.[1];
  if (!prefix || !VAT_PREFIXES.has(prefix) || !/^[A-Z0-9]{4,16}$/u.test(compact)) return null;
  const checked = prefix === 'XI' ? `GB${compact.slice(2)}` : compact;
  return { checked, normalised: compact, country: COUNTRY_OF_PREFIX[prefix] ?? prefix };
}

/**
 * A VAT ID with spaces, dots and dashes removed and upper-cased ("DE 136 695 976" → "DE136695976") when it
 * has its country's shape, whether or not its check digit holds; null otherwise. A country prefix is
 * required: nine digits alone are not a VAT ID here.
 */
export function normaliseVatId(text: string): string | null {
  const reading = readVat(text.replace(/^(?:vat|ust-?id(?:nr)?|tva|btw|iva|nif)\s*:?\s*/iu, ''));
  if (!reading) return null;
  return checkVAT(reading.checked, countries).isValidFormat ? reading.normalised : null;
}

/**
 * Whether a VAT ID checks out. `checked` is false where the country defines no check digit (or jsvat knows
 * none: EU-wide MOSS IDs, French IDs with a letter key); `valid` then only says the shape is right.
 */
export function checkVatId(text: string): { valid: boolean; checked: boolean; country: string | null } {
  // country: the ISO 3166 code (Greece's EL prefix → GR, Swiss CHE → CH, Northern Ireland's XI → GB).
  const reading = readVat(text);
  if (!reading) return { valid: false, checked: false, country: null };
  const result = checkVAT(reading.checked, countries);
  if (!result.isValidFormat) return { valid: false, checked: false, country: reading.country };
  const frenchLetterKey = reading.checked.startsWith('FR') && !/^FR\d{11}$/u.test(reading.checked);
  const checked = !SHAPE_ONLY.has(reading.country) && !frenchLetterKey;
  return { valid: checked ? result.isValid : true, checked, country: reading.country };
}

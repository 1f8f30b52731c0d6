// Made-up but valid identifiers: IBANs (mod-97 and national checks, via ibantools), BICs and EU VAT IDs
// whose check digits pass jsvat. Random digits are drawn until the checks pass.
import { composeIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import {
  austria,
  belgium,
  checkVAT,
  france,
  germany,
  ireland,
  netherlands,
  spain,
  switzerland,
  unitedKingdom,
  type Country as VatCountry,
} from 'jsvat';
import type { InvoiceLanguage } from '../../../main/invoices/types.ts';
import type { Country, TaxId } from './model.ts';
import type { Random } from './random.ts';

const MAX_TRIES = 10_000;

function until<T>(make: () => T, ok: (value: T) => boolean, what: string): T {
  for (let i = 0; i < MAX_TRIES; i++) {
    const value = make();
    if (ok(value)) return value;
  }
  throw new Error(`could not generate a valid ${what}`);
}

/** BBAN shapes per country: 9 = digit, A = letter. */
const BBAN: Partial<Record<Country, string>> = {
  DE: '999999999999999999',
  AT: '9999999999999999',
  CH: '99999999999999999',
  FR: '99999999999999999999999',
  BE: '999999999999',
  NL: 'AAAA9999999999',
  ES: '99999999999999999999',
  GB: 'AAAA99999999999999',
  IE: 'AAAA99999999999999',
};

/** An IBAN (electronic format) for an account in `country`; undefined where IBANs are not used (US). */
export function randomIban(country: Country, rng: Random): string | undefined {
  const shape = BBAN[country];
  if (!shape) return undefined;
  return until(
    () => {
      const bban = shape.replace(/[9A]/g, (c) => (c === '9' ? rng.digits(1) : rng.letters(1)));
      return composeIBAN({ countryCode: country, bban }) ?? '';
    },
    (iban) => iban !== '' && isValidIBAN(iban),
    `IBAN for ${country}`,
  );
}

/** "DE89 3704 0044 0532 0130 00" */
export function groupIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/** A BIC: 4-letter bank code, country, 2-character location, sometimes a branch code. */
export function randomBic(country: Country, rng: Random): string {
  return until(
    () => {
      const location = rng.letters(1) + (rng.chance(0.5) ? rng.letters(1) : String(rng.int(1, 9)));
      const branch = rng.weighted([
        ['', 5],
        ['XXX', 3],
        [rng.letters(1) + rng.digits(2), 1],
      ] as const);
      return `${rng.letters(4)}${country}${location}${branch}`;
    },
    isValidBIC,
    `BIC for ${country}`,
  );
}

interface VatShape {
  check: VatCountry;
  /** The number without its country prefix: 9 = digit, U/B/T are literal, L = letter A–W (Ireland). */
  make: (rng: Random) => string;
  /** Printed forms of a normalised id. */
  print: (value: string, language: InvoiceLanguage, rng: Random) => string;
}

const asIs = (value: string): string => value;

const VAT: Partial<Record<Country, VatShape>> = {
  DE: {
    check: germany,
    make: (rng) => `DE${rng.int(1, 9)}${rng.digits(8)}`,
    print: (v, _l, rng) => (rng.chance(0.25) ? `DE ${v.slice(2, 5)} ${v.slice(5, 8)} ${v.slice(8)}` : v),
  },
  AT: { check: austria, make: (rng) => `ATU${rng.digits(8)}`, print: asIs },
  CH: {
    check: switzerland,
    make: (rng) => `CHE${rng.digits(9)}`,
    print: (v, language) =>
      `CHE-${v.slice(3, 6)}.${v.slice(6, 9)}.${v.slice(9, 12)} ${language === 'fr' ? 'TVA' : 'MWST'}`,
  },
  FR: {
    check: france,
    make: (rng) => `FR${rng.digits(2)}${rng.int(1, 9)}${rng.digits(8)}`,
    print: (v, _l, rng) => (rng.chance(0.4) ? `FR ${v.slice(2, 4)} ${v.slice(4)}` : v),
  },
  BE: {
    check: belgium,
    make: (rng) => `BE0${rng.int(2, 9)}${rng.digits(8)}`,
    print: (v, _l, rng) => (rng.chance(0.4) ? `BE ${v.slice(2, 6)}.${v.slice(6, 9)}.${v.slice(9)}` : v),
  },
  NL: {
    check: netherlands,
    make: (rng) => `NL${rng.digits(9)}B${rng.pick(['01', '02', '03'])}`,
    print: asIs,
  },
  ES: {
    check: spain,
    make: (rng) => `ES${rng.pick(['A', 'B', 'B', 'B'])}${rng.digits(8)}`,
    print: (v, _l, rng) => (rng.chance(0.3) ? `ES-${v.slice(2)}` : v),
  },
  GB: {
    check: unitedKingdom,
    make: (rng) => `GB${rng.int(1, 9)}${rng.digits(8)}`,
    print: (v, _l, rng) => (rng.chance(0.4) ? `GB ${v.slice(2, 5)} ${v.slice(5, 9)} ${v.slice(9)}` : v),
  },
  IE: {
    check: ireland,
    make: (rng) => `IE${rng.int(1, 9)}${rng.digits(6)}${String.fromCharCode(65 + rng.int(0, 22))}`,
    print: asIs,
  },
};

/** The canonical form Docket outputs: no spaces, dots, hyphens or slashes (what jsvat checks). */
export function normaliseTaxId(printed: string): string {
  return printed.replace(/[\s.\-/]+/g, '').toUpperCase();
}

/** A VAT id valid for `country` (jsvat), printed in a form usual there; undefined where there is none (US). */
export function randomVatId(country: Country, language: InvoiceLanguage, rng: Random): TaxId | undefined {
  const shape = VAT[country];
  if (!shape) return undefined;
  const value = until(
    () => shape.make(rng),
    (v) => checkVAT(v, [shape.check]).isValid,
    `VAT id for ${country}`,
  );
  const printed = shape.print(value, language, rng);
  return { printed, value: normaliseTaxId(printed) };
}

/** Every jsvat country these generators use, for checks. */
export const VAT_COUNTRIES: VatCountry[] = Object.values(VAT).map((shape) => shape.check);

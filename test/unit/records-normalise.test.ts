// Normalised contact fields: the same address, number, company or person written differently must
// compare equal, and text that is not one must not pass as one.
import { describe, expect, it } from 'vitest';
import {
  companyKey,
  nameKey,
  normaliseDate,
  normaliseEmail,
  normalisePhone,
} from '../../main/records/normalise.ts';

describe('normaliseEmail', () => {
  it('trims, lower-cases and strips display names, mailto: and brackets', () => {
    expect(normaliseEmail('  Ana.Lopez@ACME.com ')).toBe('ana.lopez@acme.com');
    expect(normaliseEmail('"López, Ana" <Ana.Lopez@acme.com>')).toBe('ana.lopez@acme.com');
    expect(normaliseEmail('mailto:Bob@Beta.org?subject=Hello')).toBe('bob@beta.org');
    expect(normaliseEmail('<cy+crm@gamma.io>')).toBe('cy+crm@gamma.io');
    expect(normaliseEmail("o'brien@example.ie")).toBe("o'brien@example.ie");
    expect(normaliseEmail('info@münchen.de')).toBe('info@münchen.de');
  });

  it('gives null for what is not an address', () => {
    for (const raw of [
      'bob@',
      '@acme.com',
      'ana lopez',
      'ana@localhost',
      'a@@b.com',
      'two@a.com; three@b.com',
      '',
    ]) {
      expect(normaliseEmail(raw), raw).toBeNull();
    }
  });
});

describe('normalisePhone', () => {
  it('writes national numbers in E.164 with the default region', () => {
    expect(normalisePhone('030 1234567', 'DE')).toBe('+49301234567');
    expect(normalisePhone('0176 / 123 456 78', 'DE')).toBe('+4917612345678');
    expect(normalisePhone('0049 30 1234567', 'de')).toBe('+49301234567');
    expect(normalisePhone('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(normalisePhone('415.555.2671 ext. 12', 'US')).toBe('+14155552671');
    expect(normalisePhone('tel:+1-415-555-2671', 'US')).toBe('+14155552671');
  });

  it('reads numbers with a country code whatever the region', () => {
    expect(normalisePhone('+49 30 1234567', 'US')).toBe('+49301234567');
    expect(normalisePhone('+1 415 555 2671', 'DE')).toBe('+14155552671');
    expect(normalisePhone('+44 20 7946 0958', 'not a region')).toBe('+442079460958');
  });

  it('gives null for invalid numbers and for text that merely contains one', () => {
    expect(normalisePhone('12', 'DE')).toBeNull();
    expect(normalisePhone('555-0000000000000', 'US')).toBeNull();
    expect(normalisePhone('call me on 030 1234567', 'DE')).toBeNull();
    expect(normalisePhone('n/a', 'US')).toBeNull();
    expect(normalisePhone('030 1234567', 'ZZ')).toBeNull(); // no region to read a national number with
  });
});

describe('companyKey', () => {
  it('makes spellings of the same company equal', () => {
    expect(companyKey('ACME, Inc.')).toBe('acme');
    expect(companyKey('Acme Inc')).toBe('acme');
    expect(companyKey('acme')).toBe('acme');
    expect(companyKey('Acme Corporation')).toBe('acme');
    expect(companyKey('Müller GmbH & Co. KG')).toBe('muller');
    expect(companyKey('Société Générale S.A.')).toBe('societe generale');
    expect(companyKey('Koninklijke Foo B.V.')).toBe('koninklijke foo');
    expect(companyKey('Ferrari S.p.A.')).toBe('ferrari');
    expect(companyKey('AB Volvo')).toBe(companyKey('Volvo AB'));
    expect(companyKey("McDonald's Corp.")).toBe(companyKey('McDonalds'));
    expect(companyKey('Smith & Co')).toBe('smith');
  });

  it('keeps what is not a legal form and a name that is only one', () => {
    expect(companyKey('Co-operative Bank')).toBe('co operative bank');
    expect(companyKey('Acme Holdings Ltd')).toBe('acme holdings');
    expect(companyKey('Company')).toBe('company');
    expect(companyKey('  ')).toBeNull();
    expect(companyKey('---')).toBeNull();
  });
});

describe('nameKey', () => {
  it('ignores accents, case, punctuation, titles and word order', () => {
    expect(nameKey('Ana López')).toBe('ana lopez');
    expect(nameKey('LOPEZ, Ana')).toBe('ana lopez');
    expect(nameKey('Dr. Jürgen Groß')).toBe(nameKey('Jurgen Gross'));
    expect(nameKey("Seán O'Brien")).toBe(nameKey('Sean OBrien'));
    expect(nameKey('')).toBeNull();
  });
});

describe('normaliseDate', () => {
  it('reads unambiguous formats', () => {
    expect(normaliseDate('2024-03-05')).toBe('2024-03-05');
    expect(normaliseDate('2024-03-05 14:22')).toBe('2024-03-05T14:22:00');
    expect(normaliseDate('2024/3/5')).toBe('2024-03-05');
    expect(normaliseDate('2024-03-05T14:22:05.250+01:00')).toBe('2024-03-05T13:22:05.250Z');
    expect(normaliseDate('Tue, 05 Mar 2024 14:22:00 +0100')).toBe('2024-03-05T13:22:00.000Z');
    expect(normaliseDate('5 Mar 2024')).toBe('2024-03-05');
    expect(normaliseDate('March 5, 2024')).toBe('2024-03-05');
    expect(normaliseDate('Tuesday, March 5, 2024 2:22 PM')).toBe('2024-03-05T14:22:00');
  });

  it('does not guess day/month order or impossible dates', () => {
    expect(normaliseDate('05/03/2024')).toBeNull();
    expect(normaliseDate('3/5/24')).toBeNull();
    expect(normaliseDate('2024-02-30')).toBeNull();
    expect(normaliseDate('2024-03-05 25:00')).toBeNull();
    expect(normaliseDate('yesterday')).toBeNull();
  });
});

// Likely duplicate contacts: each is sent to the earliest contact it shares an email, a phone, or (within
// one company) a name or a nearly identical name with; chains end at the earliest original.
import { describe, expect, it } from 'vitest';
import { findLikelyDuplicates, jaroWinkler, MAX_FUZZY_BLOCK } from '../../main/records/duplicates.ts';
import type { DuplicateCandidate } from '../../main/records/duplicates.ts';
import { companyKey } from '../../main/records/normalise.ts';

function contact(
  id: number,
  fields: Partial<Omit<DuplicateCandidate, 'id'>> & { company?: string },
): DuplicateCandidate {
  return {
    id,
    name: fields.name ?? null,
    email: fields.email ?? null,
    phone: fields.phone ?? null,
    companyKey: fields.companyKey ?? (fields.company ? companyKey(fields.company) : null),
  };
}

describe('jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('same', 'same')).toBe(1);
    expect(jaroWinkler('abc', '')).toBe(0);
  });
});

describe('findLikelyDuplicates', () => {
  it('matches on email and phone, sending each to the earliest contact', () => {
    const found = findLikelyDuplicates([
      contact(30, { name: 'A. Lopez', email: 'ana.lopez@acme.com' }),
      contact(12, { name: 'Ana López', email: 'ana.lopez@acme.com' }),
      contact(20, { name: 'Bob', phone: '+49301234567' }),
      contact(25, { name: 'Robert Miller', phone: '+49301234567' }),
      contact(40, { name: 'Someone else', email: 'other@acme.com', phone: '+14155552671' }),
    ]);
    expect(found).toEqual(
      new Map([
        [30, { originalId: 12, reason: 'same email as #12 (ana.lopez@acme.com)' }],
        [25, { originalId: 20, reason: 'same phone as #20 (+49301234567)' }],
      ]),
    );
  });

  it('matches the same name only within the same company', () => {
    const found = findLikelyDuplicates([
      contact(1, { name: 'Ana López', company: 'ACME, Inc.' }),
      contact(2, { name: 'LOPEZ, Ana', company: 'Acme Inc' }),
      contact(3, { name: 'Ana Lopez', company: 'Beta GmbH' }),
      contact(4, { name: 'Ana Lopez' }),
    ]);
    expect(found).toEqual(
      new Map([[2, { originalId: 1, reason: 'same name at the same company as #1 (Ana López)' }]]),
    );
  });

  it('matches nearly identical names within the same company', () => {
    const found = findLikelyDuplicates([
      contact(1, { name: 'Jonathan Smith', company: 'Acme' }),
      contact(2, { name: 'Jonathon Smith', company: 'ACME Ltd' }),
      contact(3, { name: 'Jonathon Smith', company: 'Beta' }),
      contact(4, { name: 'Maria Garcia', company: 'Acme' }),
      contact(5, { name: 'Peter Jones', company: 'Acme' }),
    ]);
    expect(found).toEqual(
      new Map([
        [
          2,
          {
            originalId: 1,
            reason: 'nearly the same name at the same company as #1 (Jonathan Smith / Jonathon Smith)',
          },
        ],
      ]),
    );
  });

  it('resolves chains to the earliest original', () => {
    const found = findLikelyDuplicates([
      contact(1, { name: 'Ana Lopez', email: 'ana@acme.com' }),
      contact(5, { name: 'Ana L.', email: 'ana@acme.com', phone: '+49301234567' }),
      contact(9, { name: 'Reception', phone: '+49301234567' }),
      contact(11, { name: 'Front desk', phone: '+49301234567', email: 'desk@acme.com' }),
    ]);
    expect(found.get(5)).toEqual({ originalId: 1, reason: 'same email as #1 (ana@acme.com)' });
    expect(found.get(9)).toEqual({
      originalId: 1,
      reason: 'same phone as #5 (+49301234567), itself a likely duplicate of #1',
    });
    expect(found.get(11)?.originalId).toBe(1);
    expect(found.has(1)).toBe(false);
  });

  it('prefers the match with the earliest original when a contact matches several', () => {
    const found = findLikelyDuplicates([
      contact(1, { name: 'Ana', phone: '+49301234567' }),
      contact(2, { name: 'Bob', email: 'shared@acme.com' }),
      contact(3, { name: 'Cy', email: 'shared@acme.com', phone: '+49301234567' }),
    ]);
    expect(found.get(3)).toEqual({ originalId: 1, reason: 'same phone as #1 (+49301234567)' });
    expect(found.has(2)).toBe(false);
  });

  it('still finds exact names in a company too large for near-name comparison', () => {
    // Made-up names far apart from each other: twelve letters from a fixed pseudo-random sequence.
    let seed = 11;
    const letter = () => String.fromCharCode(97 + (((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % 26));
    const names = Array.from({ length: MAX_FUZZY_BLOCK * 3 }, () =>
      Array.from({ length: 12 }, letter).join(''),
    );
    const contacts = names.map((name, i) => contact(i + 1, { name, company: 'Self-employed' }));
    const late = MAX_FUZZY_BLOCK * 2; // beyond the names kept for near-name comparison
    contacts.push(contact(100_000, { name: names[late]!.toUpperCase(), company: 'Self employed' }));
    const found = findLikelyDuplicates(contacts);
    expect(found).toEqual(
      new Map([
        [
          100_000,
          { originalId: late + 1, reason: `same name at the same company as #${late + 1} (${names[late]})` },
        ],
      ]),
    );
  });

  it('checks 100,000 contacts, finding exactly the planted duplicates', () => {
    const first = ['Ana', 'Bartholomew', 'Chen', 'Dmitri', 'Emeka'];
    const last = ['Lopez', 'Whitaker', 'Wei', 'Ivanov', 'Okafor'];
    const contacts: DuplicateCandidate[] = [];
    // 20,000 companies of 5 people whose names are far apart; unique emails and phones.
    for (let i = 0; i < 100_000; i++) {
      const company = Math.floor(i / 5);
      const k = i % 5;
      contacts.push(
        contact(i + 1, {
          name: `${first[k]} ${last[k]}`,
          email: `${first[k]!.toLowerCase()}.${i}@example.com`,
          phone: `+4930${String(1_000_000 + i)}`,
          companyKey: `company ${company}`,
        }),
      );
    }
    // Plant 400 duplicates, one of each kind per 1,000 originals, as later ids.
    const expected = new Map<number, number>();
    let next = 200_001;
    for (let i = 0; i < 100_000; i += 1_000) {
      const original = contacts[i]!;
      const [firstName, lastName] = original.name!.split(' ');
      const plant = (fields: Partial<Omit<DuplicateCandidate, 'id'>>) => {
        contacts.push({
          id: next,
          name: 'New Person',
          email: null,
          phone: null,
          companyKey: null,
          ...fields,
        });
        expected.set(next++, original.id);
      };
      plant({ email: original.email });
      plant({ phone: original.phone });
      plant({ name: `${lastName}, ${firstName}`, companyKey: original.companyKey });
      plant({ name: `${firstName}a ${lastName}`, companyKey: original.companyKey });
    }
    const found = findLikelyDuplicates(contacts);
    expect(new Map([...found].map(([id, match]) => [id, match.originalId]))).toEqual(expected);
  });
});

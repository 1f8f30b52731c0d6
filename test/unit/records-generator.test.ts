// The fictional help-desk and CRM exports that tests, the Playwright suite and the benchmark import:
// deterministic for a seed, valid CSV that the mappings fit, labels a model can learn but not perfectly,
// contact data written the many ways real CRMs hold it, and duplicates that really are duplicates.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { simpleParser } from 'mailparser';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { recordMappingSchema } from '../../main/records/types.ts';
import {
  CONTACT_COLUMNS,
  COUNTRIES,
  CRM_TAGS,
  NOTE_COLUMNS,
  PRIORITIES,
  QUEUES,
  TICKET_COLUMNS,
  contactsCsv,
  contactsMapping,
  crmTaxonomy,
  generateContacts,
  generateNotes,
  generateTickets,
  notesCsv,
  notesMapping,
  ticketsCsv,
  ticketsMapping,
  ticketsMbox,
  type ContactRow,
} from '../fixtures/records/generate.ts';

function readCsv(text: string): { columns: string[]; rows: Record<string, string>[] } {
  const records = parse(text, { relax_column_count: false }) as string[][];
  const [columns = [], ...data] = records;
  return {
    columns,
    rows: data.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']))),
  };
}

const share = (count: number, total: number) => count / total;

/** Levenshtein distance, for "a typo away". */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

describe('tickets', () => {
  const rows = generateTickets({ n: 3000, seed: 11 });
  const labelled = rows.filter((r) => r.group !== '');

  it('gives the same CSV for the same seed and a different one for another seed', () => {
    const a = ticketsCsv(generateTickets({ n: 300, seed: 5 }));
    expect(ticketsCsv(generateTickets({ n: 300, seed: 5 }))).toBe(a);
    expect(ticketsCsv(generateTickets({ n: 300, seed: 6 }))).not.toBe(a);
  });

  it('writes a CSV that parses back to the same cells, quotes, commas and line breaks included', () => {
    const { columns, rows: parsed } = readCsv(ticketsCsv(rows));
    expect(columns).toEqual([...TICKET_COLUMNS]);
    expect(parsed).toHaveLength(rows.length);
    parsed.forEach((cells, i) => {
      const r = rows[i]!;
      expect(cells).toEqual({
        'Ticket ID': r.id,
        Subject: r.subject,
        Description: r.description,
        'Requester email': r.requesterEmail,
        'Created at': r.createdAt,
        Group: r.group,
        Priority: r.priority,
        Status: r.status,
      });
    });
    const descriptions = rows.map((r) => r.description);
    expect(descriptions.some((d) => d.includes('"'))).toBe(true);
    expect(descriptions.some((d) => d.includes(','))).toBe(true);
    expect(descriptions.some((d) => d.includes('\n'))).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('comes with a mapping the record schema accepts, naming columns the CSV has', () => {
    expect(recordMappingSchema.parse(ticketsMapping)).toEqual(ticketsMapping);
    for (const column of Object.values(ticketsMapping.columns)) expect(TICKET_COLUMNS).toContain(column);
  });

  it('spreads tickets over every queue and priority', () => {
    for (const queue of QUEUES) {
      expect(share(labelled.filter((r) => r.group === queue).length, labelled.length)).toBeGreaterThanOrEqual(
        0.05,
      );
    }
    for (const priority of PRIORITIES) expect(labelled.some((r) => r.priority === priority)).toBe(true);
  });

  it('ties priority to the words: outages, double charges and lockouts run high, plan questions low', () => {
    const pressing = labelled.filter((r) =>
      /charged twice|double charge|cannot log ?in|can't log|locked out|outage|dashboard down/i.test(
        r.subject,
      ),
    );
    const relaxed = labelled.filter((r) =>
      /question about|which plan|demo request|book a demo/i.test(r.subject),
    );
    expect(pressing.length).toBeGreaterThan(50);
    expect(relaxed.length).toBeGreaterThan(20);
    const high = (list: typeof rows) =>
      share(list.filter((r) => /High|Urgent/.test(r.priority)).length, list.length);
    expect(high(pressing)).toBeGreaterThan(0.6);
    expect(share(relaxed.filter((r) => r.priority === 'Low').length, relaxed.length)).toBeGreaterThan(0.5);
  });

  it('has learnable but imperfect labels: a few ambiguous or misrouted tickets', () => {
    const agree = share(labelled.filter((r) => r.group === r.truth.writtenFor).length, labelled.length);
    expect(agree).toBeGreaterThan(0.9);
    expect(agree).toBeLessThan(0.98);
    const ambiguous = share(rows.filter((r) => r.truth.ambiguous).length, rows.length);
    expect(ambiguous).toBeGreaterThan(0.03);
    expect(ambiguous).toBeLessThan(0.07);
  });

  it('leaves the newest share of tickets unrouted, with empty Group and Priority', () => {
    const unrouted = rows.filter((r) => r.group === '');
    expect(unrouted).toHaveLength(300);
    expect(unrouted.every((r) => r.priority === '' && r.status === 'New' && !r.truth.labelled)).toBe(true);
    expect(rows.slice(-300)).toEqual(unrouted);
    expect(generateTickets({ n: 40, seed: 1, unlabelledShare: 0 }).every((r) => r.group !== '')).toBe(true);
    expect(
      generateTickets({ n: 40, seed: 1, unlabelledShare: 0.5 }).filter((r) => r.group === ''),
    ).toHaveLength(20);
    // Only the labels change, not the tickets.
    const text = (unlabelledShare: number) =>
      generateTickets({ n: 40, seed: 1, unlabelledShare }).map((r) => [r.subject, r.description]);
    expect(text(0.5)).toEqual(text(0));
  });

  it('has about 15% of tickets in German, French, Dutch and Spanish, routed to the same queues', () => {
    const foreign = rows.filter((r) => r.truth.language !== 'en');
    expect(share(foreign.length, rows.length)).toBeGreaterThan(0.1);
    expect(share(foreign.length, rows.length)).toBeLessThan(0.2);
    const many = generateTickets({ n: 6000, seed: 2 });
    for (const lang of ['de', 'fr', 'nl', 'es'] as const) {
      const queues = new Set(many.filter((r) => r.truth.language === lang).map((r) => r.truth.writtenFor));
      expect([...queues].sort()).toEqual([...QUEUES].sort());
    }
    expect(rows.some((r) => /Rechnung|Bestellung/.test(r.description))).toBe(true);
  });

  it('uses only fictional addresses, with a few big customers writing many tickets', () => {
    const domains = rows.map((r) => r.requesterEmail.split('@')[1]!);
    expect(domains.every((d) => /\.test$|^example\.(com|org|net)$/.test(d))).toBe(true);
    const perDomain = new Map<string, number>();
    for (const d of domains) perDomain.set(d, (perDomain.get(d) ?? 0) + 1);
    const big = [...perDomain].filter(([d, count]) => d.endsWith('.test') && count > rows.length * 0.04);
    expect(big.length).toBeGreaterThanOrEqual(3);
  });

  it('dates tickets over about twelve months, oldest first', () => {
    expect(rows.every((r) => /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(r.createdAt))).toBe(true);
    const sorted = [...rows.map((r) => r.createdAt)].sort();
    expect(rows.map((r) => r.createdAt)).toEqual(sorted);
    const first = Date.parse(`${sorted[0]!.replace(' ', 'T')}Z`);
    const last = Date.parse(`${sorted.at(-1)!.replace(' ', 'T')}Z`);
    expect((last - first) / 86_400_000).toBeGreaterThan(300);
    expect((last - first) / 86_400_000).toBeLessThanOrEqual(366);
  });

  it('has subjects and descriptions that start like spreadsheet formulas', () => {
    const subjects = generateTickets({ n: 200, seed: 3 }).map((r) => r.subject);
    for (const start of ['=', '+', '-', '@']) expect(subjects.some((s) => s.startsWith(start))).toBe(true);
    expect(rows.some((r) => /^[=+]/.test(r.description))).toBe(true);
  });

  it('varies the text: greetings, typos, quoted replies', () => {
    expect(new Set(rows.map((r) => r.description)).size).toBeGreaterThan(rows.length * 0.95);
    expect(rows.some((r) => /^> On \w+day, .* wrote:$/m.test(r.description))).toBe(true);
    expect(rows.some((r) => /^(Re|RE|AW): /.test(r.subject))).toBe(true);
  });

  it('refuses options it cannot honour, saying which', () => {
    expect(() => generateTickets({ n: -1, seed: 1 })).toThrow(/n must be a whole number/);
    expect(() => generateTickets({ n: 10, seed: 1.5 })).toThrow(/seed must be a whole number/);
    expect(() => generateTickets({ n: 10, seed: 1, unlabelledShare: 2 })).toThrow(/unlabelledShare/);
    expect(generateTickets({ n: 0, seed: 1 })).toEqual([]);
  });

  it('generates and writes 10,000 tickets in under 2 seconds', () => {
    generateTickets({ n: 300, seed: 1 }); // compile first: the limit is about throughput
    const started = performance.now();
    const csv = ticketsCsv(generateTickets({ n: 10_000, seed: 9 }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(csv.length).toBeGreaterThan(1_000_000);
  });
});

describe('tickets mbox', () => {
  const n = 30;
  const mbox = ticketsMbox(n, 4);
  const messages = mbox.split(/^(?=From )/m).filter((m) => m.trim() !== '');

  it('splits into one message per ticket on "From " lines, deterministically', () => {
    expect(messages).toHaveLength(n);
    expect(ticketsMbox(n, 4)).toBe(mbox);
    expect(mbox.split(/^From /m)).toHaveLength(n + 1);
  });

  it('gives each message RFC 2822 headers and escapes a body line starting with "From "', () => {
    for (const message of messages) {
      const header = message.slice(0, message.indexOf('\n\n'));
      for (const name of ['From', 'To', 'Subject', 'Date', 'Message-ID']) {
        expect(header).toMatch(new RegExp(`^${name}: .+`, 'm'));
      }
    }
    expect(mbox.match(/^>From /gm)).toHaveLength(1);
    const ids = messages.map((m) => /^Message-ID: (.+)$/m.exec(m)![1]);
    expect(new Set(ids).size).toBe(n);
  });

  it('encodes subjects in other scripts so a mail parser reads them back', async () => {
    const tickets = generateTickets({ n, seed: 4, unlabelledShare: 1 });
    const i = tickets.findIndex((t) => /[^\x20-\x7e]/.test(t.subject));
    expect(i).toBeGreaterThanOrEqual(0);
    const raw = messages[i]!.slice(messages[i]!.indexOf('\n') + 1);
    const parsed = await simpleParser(Buffer.from(raw, 'utf8'));
    expect(parsed.subject).toBe(tickets[i]!.subject);
    expect(parsed.text?.trim()).toBe(tickets[i]!.description.trim());
  });
});

describe('CRM contacts', () => {
  const n = 2000;
  const { rows, duplicates } = generateContacts({ n, seed: 21 });
  const byPhoneCountry = (r: ContactRow) => r.truth.country as CountryCode;

  it('gives the same CSV for the same seed', () => {
    const a = generateContacts({ n: 200, seed: 8 });
    const b = generateContacts({ n: 200, seed: 8 });
    expect(contactsCsv(b.rows)).toBe(contactsCsv(a.rows));
    expect(b.duplicates).toEqual(a.duplicates);
  });

  it('writes a CSV that parses back, with a mapping the record schema accepts', () => {
    const { columns, rows: parsed } = readCsv(contactsCsv(rows));
    expect(columns).toEqual([...CONTACT_COLUMNS]);
    expect(parsed).toHaveLength(n);
    expect(parsed.map((c) => [c['Email'], c['Phone'], c['Notes'], c['Company']])).toEqual(
      rows.map((r) => [r.email, r.phone, r.notes, r.company]),
    );
    expect(recordMappingSchema.parse(contactsMapping)).toEqual(contactsMapping);
    for (const column of Object.values(contactsMapping.columns)) expect(CONTACT_COLUMNS).toContain(column);
  });

  it('writes phone numbers in many national formats that still parse to the same number', () => {
    const phones = rows.filter((r) => r.phone !== '');
    expect(new Set(phones.map((r) => r.truth.country))).toEqual(new Set(COUNTRIES));
    for (const country of COUNTRIES) {
      const shapes = new Set(
        phones.filter((r) => r.truth.country === country).map((r) => r.phone.replace(/\d/g, '9')),
      );
      expect(shapes.size, country).toBeGreaterThanOrEqual(4);
    }
    for (const r of phones) {
      const parsed = parsePhoneNumberFromString(r.phone, byPhoneCountry(r));
      expect(parsed?.isValid(), r.phone).toBe(true);
      expect(parsed?.number).toBe(r.truth.phoneE164);
    }
    expect(phones.some((r) => r.phone.startsWith('+44 20 7946 0'))).toBe(true);
    expect(phones.some((r) => /^\(\d{3}\) 555-01\d\d$/.test(r.phone))).toBe(true);
  });

  it('writes emails in mixed case and with spaces around, and companies in variant forms', () => {
    const emails = rows.filter((r) => r.email !== '');
    expect(emails.every((r) => r.email.trim().toLowerCase() === r.truth.email)).toBe(true);
    expect(emails.some((r) => r.email !== r.email.toLowerCase())).toBe(true);
    expect(emails.some((r) => r.email !== r.email.trim())).toBe(true);
    const spellings = new Map<number, Set<string>>();
    for (const r of rows) {
      if (r.truth.companyId === null) continue;
      const set = spellings.get(r.truth.companyId) ?? new Set();
      set.add(r.company);
      spellings.set(r.truth.companyId, set);
    }
    expect([...spellings.values()].filter((s) => s.size >= 3).length).toBeGreaterThan(10);
  });

  it('lists about 5% likely duplicates, each sharing an email, a phone number or a near-identical name', () => {
    expect(duplicates).toHaveLength(Math.round(n * 0.05));
    const kinds = new Set(duplicates.map((d) => d.kind));
    expect(kinds).toEqual(new Set(['email', 'phone', 'name']));
    for (const d of duplicates) {
      const dup = rows[d.row]!;
      const original = rows[d.original]!;
      expect(d.original).toBeLessThan(d.row);
      expect([dup.id, original.id]).toEqual([d.rowId, d.originalId]);
      expect(dup.truth.personId).toBe(original.truth.personId);
      if (d.kind === 'email') {
        expect(dup.email.trim().toLowerCase()).toBe(original.email.trim().toLowerCase());
        expect(dup.email).not.toBe(original.email);
      } else if (d.kind === 'phone') {
        expect(parsePhoneNumberFromString(dup.phone, byPhoneCountry(dup))?.number).toBe(
          original.truth.phoneE164,
        );
        expect(dup.phone).not.toBe(original.phone);
      } else {
        expect(dup.truth.companyId).toBe(original.truth.companyId);
        const a = `${dup.firstName} ${dup.lastName}`;
        const b = `${original.firstName} ${original.lastName}`;
        expect(a).not.toBe(b);
        expect(editDistance(a, b)).toBeLessThanOrEqual(2);
      }
    }
  });

  it('has no unlisted duplicates: other rows share no email or phone number', () => {
    const listed = new Set(duplicates.map((d) => d.row));
    const seenEmail = new Set<string>();
    const seenPhone = new Set<string>();
    for (const [i, r] of rows.entries()) {
      const again =
        (r.truth.email !== null && seenEmail.has(r.truth.email)) ||
        (r.truth.phoneE164 !== null && seenPhone.has(r.truth.phoneE164));
      if (again) expect(listed.has(i), `row ${i}`).toBe(true);
      if (r.truth.email) seenEmail.add(r.truth.email);
      if (r.truth.phoneE164) seenPhone.add(r.truth.phoneE164);
    }
  });

  it('tags about 60% of the rows from the taxonomy, up to three tags, following the notes', () => {
    const names = crmTaxonomy.map((t) => t.name);
    expect(names).toEqual([...CRM_TAGS]);
    const tagged = rows.filter((r) => r.tags !== '');
    expect(share(tagged.length, n)).toBeGreaterThan(0.55);
    expect(share(tagged.length, n)).toBeLessThan(0.65);
    const cells = tagged.map((r) => r.tags.split(';').map((t) => t.trim()));
    expect(
      cells.every((tags) => tags.length >= 1 && tags.length <= 3 && tags.every((t) => names.includes(t))),
    ).toBe(true);
    expect(cells.some((tags) => tags.length >= 2)).toBe(true);
    // The keywords of a tag turn up far more often in the notes of rows that have it.
    for (const tag of crmTaxonomy) {
      const mentions = (r: ContactRow) => tag.keywords.some((k) => r.notes.toLowerCase().includes(k));
      const withTag = rows.filter((r) => r.truth.tags.includes(tag.name as (typeof CRM_TAGS)[number]));
      const without = rows.filter((r) => !r.truth.tags.includes(tag.name as (typeof CRM_TAGS)[number]));
      const hit = share(withTag.filter(mentions).length, withTag.length);
      expect(hit, tag.name).toBeGreaterThan(0.2);
      expect(hit, tag.name).toBeGreaterThan(5 * share(without.filter(mentions).length, without.length));
    }
  });

  it('has notes that start like spreadsheet formulas', () => {
    for (const start of ['=', '+', '@', '-']) expect(rows.some((r) => r.notes.startsWith(start))).toBe(true);
  });
});

describe('CRM notes', () => {
  const { rows: contacts } = generateContacts({ n: 400, seed: 5 });
  const notes = generateNotes({ n: 300, seed: 5, contacts });

  it('writes an activity log about the contacts, with a mapping the record schema accepts', () => {
    const { columns, rows: parsed } = readCsv(notesCsv(notes));
    expect(columns).toEqual([...NOTE_COLUMNS]);
    expect(parsed).toHaveLength(300);
    expect(recordMappingSchema.parse(notesMapping)).toEqual(notesMapping);
    const emails = new Set(contacts.map((c) => c.truth.email));
    expect(parsed.every((r) => emails.has(r['Contact email']!.toLowerCase()))).toBe(true);
    expect(parsed.every((r) => /^\d{4}-\d\d-\d\d$/.test(r['Date']!))).toBe(true);
    expect(notesCsv(generateNotes({ n: 300, seed: 5, contacts }))).toBe(notesCsv(notes));
  });

  it('tags part of the notes and has formula-looking subjects', () => {
    const tagged = share(notes.filter((r) => r.tags !== '').length, notes.length);
    expect(tagged).toBeGreaterThan(0.3);
    expect(tagged).toBeLessThanOrEqual(0.6);
    expect(notes.some((r) => /^[=+@-]/.test(r.subject))).toBe(true);
    expect(generateNotes({ n: 20, seed: 5 })).toHaveLength(20);
  });
});

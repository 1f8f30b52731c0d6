// The help-desk and CRM exports of the sample workspace, from the records fixture generator: a ticket
// history to learn routing from (the newest tenth still to route), a few support emails, and CRM contacts
// and notes with tags filled in for part of them.
import {
  contactsCsv,
  contactsMapping,
  generateContacts,
  generateNotes,
  generateTickets,
  notesCsv,
  notesMapping,
  ticketsCsv,
  ticketsMapping,
  ticketsMbox,
} from '../../test/fixtures/records/generate.ts';

export const TICKET_COUNT = 300;
export const SUPPORT_EMAIL_COUNT = 8;
export const CONTACT_COUNT = 200;
export const NOTE_COUNT = 100;
const SEED = 7;

export interface RecordSamples {
  /** Path under samples/ → file text. */
  files: Record<string, string>;
  unlabelledTickets: number;
  taggedContacts: number;
}

export interface RecordCounts {
  tickets: number;
  emails: number;
  contacts: number;
  notes: number;
}

const SAMPLE_COUNTS: RecordCounts = {
  tickets: TICKET_COUNT,
  emails: SUPPORT_EMAIL_COUNT,
  contacts: CONTACT_COUNT,
  notes: NOTE_COUNT,
};

/** The sample exports; tests ask for fewer rows in the same layout. */
export function recordSamples(counts: RecordCounts = SAMPLE_COUNTS): RecordSamples {
  const json = (value: unknown) => JSON.stringify(value);
  const tickets = generateTickets({ n: counts.tickets, seed: SEED, unlabelledShare: 0.1 });
  const contacts = generateContacts({ n: counts.contacts, seed: SEED }).rows;
  const files = {
    'tickets/helpdesk-tickets.csv': ticketsCsv(tickets),
    'tickets/helpdesk-tickets.mapping.json': json(ticketsMapping),
    // Another seed than the CSV, so the emails are not copies of tickets already in the history.
    'tickets/support-inbox.mbox': ticketsMbox(counts.emails, SEED + 1),
    'crm/contacts.csv': contactsCsv(contacts),
    'crm/contacts.mapping.json': json(contactsMapping),
    'crm/notes.csv': notesCsv(generateNotes({ n: counts.notes, seed: SEED, contacts })),
    'crm/notes.mapping.json': json(notesMapping),
  };
  return {
    files,
    unlabelledTickets: tickets.filter((t) => !t.truth.labelled).length,
    taggedContacts: contacts.filter((c) => c.tags !== '').length,
  };
}

// Small help-desk and CRM exports whose labels follow clear words, for tests that need to know what a
// model trained on them will say. (Realistic, larger exports: test/fixtures/records/generate.ts.)
import { stringify } from 'csv-stringify/sync';
import { seededRandom } from '../../main/engine/random.ts';
import type { RecordMappingInput } from '../../main/records/types.ts';

export const QUEUE_PHRASES: Record<string, string[]> = {
  Billing: [
    'I was charged twice for invoice',
    'please refund my payment for order',
    'my credit card payment failed for subscription',
    'the amount on my bill is wrong for invoice',
    'send me a copy of invoice',
  ],
  Access: [
    'I cannot log in to my account',
    'the password reset link does not work for user',
    'I am locked out after two-factor login on account',
    'my username is not recognised at sign in for account',
    'single sign-on login error for workspace',
  ],
  Shipping: [
    'my parcel has not arrived for order',
    'the tracking number shows no update for shipment',
    'please change the delivery address for order',
    'the package arrived damaged, order',
    'the courier left my parcel at the wrong address, order',
  ],
};

const OPENINGS = ['Hello,', 'Hi team,', 'Good morning,', 'Dear support,', ''];
const CLOSINGS = ['Thanks', 'Regards', 'Best wishes', 'Cheers', ''];

export interface TicketRow {
  id: string;
  subject: string;
  description: string;
  requester: string;
  created: string;
  group: string;
  priority: string;
}

export function priorityOf(text: string): string {
  if (/failed|cannot|damaged|locked/i.test(text)) return 'High';
  if (/copy|change|update/i.test(text)) return 'Low';
  return 'Normal';
}

/** `n` tickets; the last `unlabelled` have no group or priority (new tickets waiting to be routed). */
export function makeTickets(n: number, unlabelled: number, seed = 7): TicketRow[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const queues = Object.keys(QUEUE_PHRASES);
  return Array.from({ length: n }, (_, i) => {
    const queue = queues[i % queues.length]!;
    const phrase = pick(QUEUE_PHRASES[queue]!);
    const number = 10000 + Math.floor(random() * 89999);
    const subject = `${phrase.split(' ').slice(0, 6).join(' ')} ${number}`;
    const description = [pick(OPENINGS), `${phrase} ${number}.`, pick(CLOSINGS)].filter(Boolean).join('\n');
    const labelled = i < n - unlabelled;
    return {
      id: `T-${1000 + i}`,
      subject,
      description,
      requester: `customer${i % 40}@example${i % 5}.com`,
      created: `2026-0${1 + (i % 9)}-1${i % 10} 09:${String(i % 60).padStart(2, '0')}`,
      group: labelled ? queue : '',
      priority: labelled ? priorityOf(phrase) : '',
    };
  });
}

export function ticketsCsv(rows: TicketRow[]): string {
  return stringify([
    ['Ticket ID', 'Subject', 'Description', 'Requester email', 'Created at', 'Group', 'Priority'],
    ...rows.map((r) => [r.id, r.subject, r.description, r.requester, r.created, r.group, r.priority]),
  ]);
}

export const ticketsMapping: RecordMappingInput = {
  kind: 'tickets',
  source: 'Helpdesk',
  columns: {
    id: 'Ticket ID',
    subject: 'Subject',
    body: 'Description',
    requester: 'Requester email',
    created: 'Created at',
    queue: 'Group',
    priority: 'Priority',
  },
};

export const crmMapping: RecordMappingInput = {
  kind: 'crm',
  source: 'CRM contacts',
  recordType: 'contact',
  tagSeparator: ';',
  columns: {
    id: 'Record ID',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    phone: 'Phone',
    company: 'Company',
    notes: 'Notes',
    tags: 'Tags',
  },
};

export function contactsCsv(rows: string[][]): string {
  return stringify([
    ['Record ID', 'First name', 'Last name', 'Email', 'Phone', 'Company', 'Notes', 'Tags'],
    ...rows,
  ]);
}

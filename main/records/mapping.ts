// Column mappings: checking one against a file's columns, turning each row of the file into a
// RecordDraft with it, and guessing a first mapping from the column names of common help desks and CRMs
// (Zendesk, Freshdesk, Jira Service Management, HubSpot, Salesforce, Pipedrive).
//
// A bad cell never stops an import: an email or phone that does not read is stored as null (the raw row
// keeps it for the export) and listed in `problems`; a row with no text at all is skipped and listed.
import type { z } from 'zod';
import { DocketError } from '../api/errors.ts';
import { companyKey, normaliseDate, normaliseEmail, normalisePhone, phoneRegion } from './normalise.ts';
import type { LineUnit, SourceProblem } from './read-source.ts';
import type {
  crmColumnsSchema,
  RecordDraft,
  RecordKind,
  RecordMapping,
  RecordType,
  SourceRow,
  SourceTable,
  ticketColumnsSchema,
} from './types.ts';

export type TicketColumns = z.infer<typeof ticketColumnsSchema>;
export type CrmColumns = z.infer<typeof crmColumnsSchema>;
type TicketField = keyof TicketColumns;
type CrmField = keyof CrmColumns;

/** The fields as the window names them, for messages. */
const FIELD_LABELS: Record<TicketField | CrmField, string> = {
  id: 'ID',
  subject: 'subject',
  body: 'body',
  requester: 'requester',
  created: 'created',
  queue: 'queue',
  category: 'category',
  priority: 'priority',
  type: 'record type',
  name: 'name',
  firstName: 'first name',
  lastName: 'last name',
  email: 'email',
  phone: 'phone',
  company: 'company',
  title: 'title',
  country: 'country',
  notes: 'notes',
  tags: 'tags',
};

const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join(', ');

/** Throws BAD_INPUT naming every mapped column that the file does not have, and listing those it has. */
export function checkMapping(mapping: RecordMapping, columns: string[]): void {
  const present = new Set(columns);
  const missing = Object.entries(mapping.columns).filter(
    (entry): entry is [TicketField | CrmField, string] => entry[1] !== undefined && !present.has(entry[1]),
  );
  if (missing.length === 0) return;
  const byLowerCase = new Map(columns.map((column) => [column.trim().toLowerCase(), column]));
  const described = missing.map(([field, column]) => {
    const near = byLowerCase.get(column.trim().toLowerCase());
    return `"${column}" (for ${FIELD_LABELS[field]}${near ? `; did you mean "${near}"?` : ''})`;
  });
  throw new DocketError(
    'BAD_INPUT',
    `The mapping "${mapping.source}" names ${missing.length === 1 ? 'a column that is' : 'columns that are'} ` +
      `not in the file: ${described.join(', ')}. The file's columns are: ${quoted(columns)}.`,
    {
      issues: missing.map(([field, column]) => ({
        path: `columns.${field}`,
        message: `"${column}" is not a column of the file`,
      })),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Rows to drafts

export interface ApplyMappingResult {
  drafts: RecordDraft[];
  problems: SourceProblem[];
}

/** The words a CRM's type column uses (compared in lower case) for each record type. */
const TYPE_WORD_LISTS: Record<Exclude<RecordType, 'ticket'>, string> = {
  contact: 'contact contacts person persons people lead leads',
  account: 'account accounts company companies organisation organisations organization organizations org',
  note: 'note notes activity activities call calls meeting meetings task tasks email emails engagement',
};
const TYPE_WORDS = new Map(
  Object.entries(TYPE_WORD_LISTS).flatMap(([type, words]) =>
    words.split(' ').map((word) => [word, type as Exclude<RecordType, 'ticket'>] as const),
  ),
);

/** Mapped columns whose text makes a record worth importing. */
const TICKET_TEXT_FIELDS: readonly TicketField[] = ['subject', 'body'];
const CRM_TEXT_FIELDS: readonly CrmField[] = [
  'name',
  'firstName',
  'lastName',
  'email',
  'phone',
  'company',
  'title',
  'subject',
  'notes',
];

type Cells = (field: string) => string | null;

/** The trimmed text of a mapped field in a row, null when unmapped or blank. */
function cellsOf(row: SourceRow, columns: Record<string, string | undefined>): Cells {
  return (field) => {
    const column = columns[field];
    const value = column === undefined ? undefined : row.cells[column]?.trim();
    return value ? value : null;
  };
}

/** "a; b;;B " → ["a", "b"]: trimmed, empties dropped, the first spelling of each tag (any case) kept. */
export function splitTags(cell: string, separator: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of cell.split(separator)) {
    const tag = part.trim();
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

function emptyDraft(kind: RecordKind, recordType: RecordType, row: SourceRow, text: Cells): RecordDraft {
  const created = text('created');
  return {
    kind,
    recordType,
    externalId: text('id'),
    subject: null,
    body: null,
    requester: null,
    created: created === null ? null : (normaliseDate(created) ?? created),
    name: null,
    email: null,
    phone: null,
    company: null,
    companyKey: null,
    history: {},
    raw: { ...row.cells },
  };
}

function ticketDraft(row: SourceRow, text: Cells): RecordDraft {
  const draft = emptyDraft('tickets', 'ticket', row, text);
  draft.subject = text('subject');
  draft.body = text('body');
  draft.requester = text('requester');
  // The requester's address, when it has one ("Ana <ana@acme.com>"), for sender and domain rules.
  draft.email = draft.requester === null ? null : normaliseEmail(draft.requester);
  const queue = text('queue') ?? text('category');
  const priority = text('priority');
  if (queue !== null) draft.history.queue = queue;
  if (priority !== null) draft.history.priority = priority;
  return draft;
}

function crmDraft(
  row: SourceRow,
  text: Cells,
  mapping: Extract<RecordMapping, { kind: 'crm' }>,
  defaultRegion: string,
  report: (message: string) => void,
): RecordDraft {
  const typeCell = text('type');
  let recordType: RecordType = mapping.recordType;
  if (typeCell !== null) {
    const known = TYPE_WORDS.get(typeCell.toLowerCase());
    if (known) recordType = known;
    else {
      const fallback = mapping.recordType === 'account' ? 'an account' : `a ${mapping.recordType}`;
      report(`type '${typeCell}' is not a contact, account or note; imported as ${fallback}`);
    }
  }
  const draft = emptyDraft('crm', recordType, row, text);
  draft.company = text('company');
  draft.companyKey = draft.company === null ? null : companyKey(draft.company);
  const fullName = [text('firstName'), text('lastName')].filter((part) => part !== null).join(' ');
  // An account's name is its company when the export has no separate name column.
  draft.name = text('name') ?? (fullName || (recordType === 'account' ? draft.company : null));
  draft.subject = text('subject') ?? text('title');
  draft.body = text('notes');

  const email = text('email');
  if (email !== null) {
    draft.email = normaliseEmail(email);
    if (draft.email === null) report(`'${email}' is not an email address; kept as written in the export`);
  }
  const phone = text('phone');
  if (phone !== null) {
    // A national number ("(030) 2312 5678") is read in the row's own country when the export says it.
    const region = phoneRegion(text('country'), defaultRegion);
    draft.phone = normalisePhone(phone, region);
    if (draft.phone === null) {
      report(
        `'${phone}' is not a phone number (read as a number in ${region}${region === defaultRegion ? ', the default region' : ''}); ` +
          'kept as written in the export',
      );
    }
  }
  const tags = text('tags');
  // An empty tags cell is no label at all, not "none of the tags": it teaches the model nothing.
  if (tags !== null) {
    const list = splitTags(tags, mapping.tagSeparator);
    if (list.length > 0) draft.history.tags = list;
  }
  return draft;
}

/**
 * One RecordDraft per row of the table. Rows with no text in any mapped text column are skipped; bad
 * emails, phones and record types are kept (see the file comment). Problems are worded with the
 * table's `unit` ("line 7: ...", "message 3: ..."), which readSourceTable returns with the table.
 */
export function applyMapping(
  table: SourceTable & { unit?: LineUnit },
  mapping: RecordMapping,
  options: { defaultRegion: string },
): ApplyMappingResult {
  checkMapping(mapping, table.columns);
  const unit = table.unit ?? 'line';
  const columns: Record<string, string | undefined> = mapping.columns;
  const textFields = mapping.kind === 'tickets' ? TICKET_TEXT_FIELDS : CRM_TEXT_FIELDS;
  const mappedText = textFields.filter((field) => columns[field] !== undefined);
  const drafts: RecordDraft[] = [];
  const problems: SourceProblem[] = [];

  for (const row of table.rows) {
    const report = (message: string) =>
      problems.push({ line: row.line, message: `${unit} ${row.line}: ${message}` });
    const text = cellsOf(row, columns);
    if (mappedText.every((field) => text(field) === null)) {
      const names = quoted(mappedText.map((field) => columns[field]!));
      report(`no text in the mapped columns (${names}); the row was skipped`);
      continue;
    }
    drafts.push(
      mapping.kind === 'tickets'
        ? ticketDraft(row, text)
        : crmDraft(row, text, mapping, options.defaultRegion, report),
    );
  }
  return { drafts, problems };
}

// ---------------------------------------------------------------------------------------------
// Suggestions

/** Column names folded for comparison: lower case, letters and digits only ("E-mail" → "email"). */
function foldColumn(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * For each field, in the order fields pick, the folded column names that usually hold it, best
 * first. Earlier fields take their column first, so "Email" goes to the requester of a ticket, and
 * "Title" to a CRM contact's job title before a note's subject.
 */
const TICKET_NAMES: Array<[TicketField, string[]]> = [
  [
    'id',
    ['ticketid', 'id', 'recordid', 'issueid', 'issuekey', 'key', 'ticketnumber', 'ticketno', 'messageid'],
  ],
  ['subject', ['subject', 'summary', 'title', 'ticketsubject', 'emailsubject', 'issuesummary']],
  ['body', ['description', 'body', 'message', 'ticketdescription', 'content', 'text', 'details', 'comment']],
  [
    'requester',
    [
      'requesteremail',
      'requester',
      'from',
      'reporteremail',
      'reporter',
      'contactemail',
      'customeremail',
      'email',
      'requestername',
      'customer',
      'contact',
      'sender',
    ],
  ],
  [
    'created',
    [
      'createdat',
      'created',
      'createddate',
      'createdtime',
      'datecreated',
      'createdon',
      'date',
      'creationdate',
    ],
  ],
  ['queue', ['queue', 'group', 'assignmentgroup', 'team', 'queuename', 'groupname', 'department']],
  ['category', ['category', 'type', 'tickettype', 'issuetype', 'requesttype', 'topic']],
  ['priority', ['priority', 'urgency', 'severity', 'prio']],
];

const CRM_NAMES: Array<[CrmField, string[]]> = [
  ['id', ['recordid', 'id', 'contactid', 'accountid', 'companyid', 'personid', 'leadid', 'externalid']],
  ['type', ['type', 'recordtype', 'objecttype', 'activitytype', 'kind']],
  ['email', ['email', 'emailaddress', 'workemail', 'primaryemail', 'email1', 'personemail', 'mail']],
  [
    'phone',
    [
      'phone',
      'phonenumber',
      'mobile',
      'mobilephone',
      'mobilephonenumber',
      'telephone',
      'tel',
      'workphone',
      'businessphone',
      'cellphone',
      'personphone',
    ],
  ],
  ['firstName', ['firstname', 'givenname', 'forename', 'first']],
  ['lastName', ['lastname', 'surname', 'familyname', 'last']],
  ['name', ['fullname', 'name', 'contactname', 'personname', 'displayname']],
  [
    'company',
    [
      'company',
      'companyname',
      'accountname',
      'organization',
      'organisation',
      'organizationname',
      'organisationname',
      'account',
      'employer',
    ],
  ],
  ['title', ['jobtitle', 'title', 'position', 'role']],
  ['country', ['country', 'countryregion', 'countrycode', 'mailingcountry', 'billingcountry']],
  ['subject', ['subject', 'summary', 'activitysubject']],
  ['notes', ['notes', 'note', 'description', 'body', 'comments', 'comment', 'content', 'details']],
  ['created', ['createdat', 'created', 'createdate', 'createddate', 'datecreated', 'createdon', 'date']],
  ['tags', ['tags', 'labels', 'tag', 'label', 'categories', 'segments']],
];

/**
 * A first mapping guessed from the column names (case, spaces and punctuation ignored); no column
 * is used twice, and only "queue" or "category" is guessed for tickets. The person confirms it.
 */
export function suggestMapping(columns: string[], kind: 'tickets'): TicketColumns;
export function suggestMapping(columns: string[], kind: 'crm'): CrmColumns;
export function suggestMapping(columns: string[], kind: RecordKind): TicketColumns | CrmColumns;
export function suggestMapping(columns: string[], kind: RecordKind): TicketColumns | CrmColumns {
  const byFolded = new Map<string, string>();
  for (const column of columns) {
    const folded = foldColumn(column);
    if (folded !== '' && !byFolded.has(folded)) byFolded.set(folded, column);
  }
  const used = new Set<string>();
  const suggestion: Record<string, string> = {};
  const table: Array<[string, string[]]> = kind === 'tickets' ? TICKET_NAMES : CRM_NAMES;
  for (const [field, names] of table) {
    if (field === 'category' && suggestion.queue !== undefined) continue; // the same task as queue
    const column = names.map((name) => byFolded.get(name)).find((c) => c !== undefined && !used.has(c));
    if (column === undefined) continue;
    suggestion[field] = column;
    used.add(column);
  }
  return suggestion;
}

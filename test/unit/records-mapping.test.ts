// Column mappings: rows of real exports become records; a bad cell is reported and kept, never fatal;
// a mapping that names missing columns is refused with the columns the file does have.
import { describe, expect, it } from 'vitest';
import { DocketError } from '../../main/api/errors.ts';
import { applyMapping, checkMapping, splitTags, suggestMapping } from '../../main/records/mapping.ts';
import { emailTicketMapping, readSourceTable } from '../../main/records/read-source.ts';
import { recordMappingSchema } from '../../main/records/types.ts';
import type { RecordMappingInput } from '../../main/records/types.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const csv = (text: string) => readSourceTable({ fileName: 'export.csv', bytes: utf8(text) });
const mapping = (input: RecordMappingInput) => recordMappingSchema.parse(input);

describe('checkMapping', () => {
  it('names each missing column and lists the columns the file has', () => {
    const tickets = mapping({
      kind: 'tickets',
      source: 'Zendesk',
      columns: { subject: 'Subject', body: 'Description', priority: 'Prio', requester: 'requester email' },
    });
    let error: unknown;
    try {
      checkMapping(tickets, ['Subject', 'Description', 'Requester email', 'Priority']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DocketError);
    const { code, message, issues } = error as DocketError;
    expect(code).toBe('BAD_INPUT');
    expect(message).toContain('"Prio" (for priority)');
    expect(message).toContain('"requester email" (for requester; did you mean "Requester email"?)');
    expect(message).toContain(
      `The file's columns are: "Subject", "Description", "Requester email", "Priority".`,
    );
    expect(issues).toEqual([
      { path: 'columns.requester', message: '"requester email" is not a column of the file' },
      { path: 'columns.priority', message: '"Prio" is not a column of the file' },
    ]);
    expect(() => checkMapping(tickets, ['Subject', 'Description', 'Prio', 'requester email'])).not.toThrow();
  });

  it('is checked by applyMapping too', async () => {
    const table = await csv('Subject,Body\nHello,World\n');
    const crm = mapping({ kind: 'crm', source: 'HubSpot', columns: { email: 'Email' } });
    expect(() => applyMapping(table, crm, { defaultRegion: 'DE' })).toThrow(/"Email" \(for email\)/);
  });
});

describe('applyMapping: tickets', () => {
  const zendesk = mapping({
    kind: 'tickets',
    source: 'Zendesk',
    columns: {
      id: 'Id',
      subject: 'Subject',
      body: 'Description',
      requester: 'Requester',
      created: 'Created at',
      queue: 'Group',
      priority: 'Priority',
    },
  });

  it('turns rows into ticket drafts with history labels', async () => {
    const table = await csv(
      'Id,Subject,Description,Requester,Created at,Group,Priority\n' +
        '7,Cannot log in, Password reset mail never arrives ,Ana López <Ana@Acme.com>,2024-03-05 14:22,Accounts, High \n' +
        '8,Refund,,bob,05/03/2024,, \n' +
        '9,,,carl@x.org,2024-03-06,Billing,Low\n',
    );
    const { drafts, problems } = applyMapping(table, zendesk, { defaultRegion: 'DE' });
    expect(drafts).toEqual([
      {
        kind: 'tickets',
        recordType: 'ticket',
        externalId: '7',
        subject: 'Cannot log in',
        body: 'Password reset mail never arrives',
        requester: 'Ana López <Ana@Acme.com>',
        created: '2024-03-05T14:22:00',
        name: null,
        email: 'ana@acme.com',
        phone: null,
        company: null,
        companyKey: null,
        history: { queue: 'Accounts', priority: 'High' },
        raw: table.rows[0]!.cells,
      },
      expect.objectContaining({
        externalId: '8',
        subject: 'Refund',
        body: null,
        requester: 'bob',
        email: null, // a requester without an address is fine for a ticket: no problem line
        created: '05/03/2024', // day/month order unknown: kept as written
        history: {},
      }),
    ]);
    expect(problems).toEqual([
      {
        line: 4,
        message: 'line 4: no text in the mapped columns ("Subject", "Description"); the row was skipped',
      },
    ]);
  });

  it('takes the category column as the queue task', async () => {
    const table = await csv('Summary,Issue Type\nVPN drops every hour,Network\n');
    const jira = mapping({
      kind: 'tickets',
      source: 'Jira',
      columns: { subject: 'Summary', category: 'Issue Type' },
    });
    expect(applyMapping(table, jira, { defaultRegion: 'US' }).drafts[0]!.history).toEqual({
      queue: 'Network',
    });
  });

  it('imports emails with the built-in mapping, problems counted in messages', async () => {
    const mbox =
      'From a@acme.com Tue Mar  5 14:22:00 2024\nFrom: Ana <ana@acme.com>\nSubject: Invoice wrong\n' +
      'Date: Tue, 05 Mar 2024 14:22:00 +0100\nMessage-ID: <1@acme.com>\n\nThe total is off.\n\n' +
      'From b@beta.org Tue Mar  5 15:00:00 2024\nFrom: b@beta.org\nMessage-ID: <2@beta.org>\n\n\n';
    const table = await readSourceTable({ fileName: 'inbox.mbox', bytes: utf8(mbox) });
    const { drafts, problems } = applyMapping(table, emailTicketMapping('Support inbox'), {
      defaultRegion: 'DE',
    });
    expect(drafts).toEqual([
      expect.objectContaining({
        externalId: '<1@acme.com>',
        subject: 'Invoice wrong',
        body: 'The total is off.',
        requester: '"Ana" <ana@acme.com>',
        email: 'ana@acme.com',
        created: '2024-03-05T13:22:00.000Z',
      }),
    ]);
    expect(problems).toEqual([{ line: 2, message: expect.stringMatching(/^message 2: no text/) }]);
    expect(recordMappingSchema.parse(emailTicketMapping('Support inbox'))).toEqual(
      emailTicketMapping('Support inbox'),
    );
  });
});

describe('applyMapping: CRM', () => {
  const hubspot = mapping({
    kind: 'crm',
    source: 'HubSpot',
    tagSeparator: ';',
    columns: {
      id: 'Record ID',
      type: 'Type',
      firstName: 'First Name',
      lastName: 'Last Name',
      email: 'Email',
      phone: 'Phone',
      company: 'Company',
      title: 'Job Title',
      notes: 'Notes',
      created: 'Create Date',
      tags: 'Tags',
    },
  });
  const header = 'Record ID,Type,First Name,Last Name,Email,Phone,Company,Job Title,Notes,Create Date,Tags\n';

  it('normalises contacts and splits tags', async () => {
    const table = await csv(
      header +
        '1,Lead,Ana,López, Ana.Lopez@ACME.com ,030 1234567,"ACME, Inc.",CFO,Wants a demo,5 Mar 2024,"vip; Demo ;;VIP;renewal"\n',
    );
    const { drafts, problems } = applyMapping(table, hubspot, { defaultRegion: 'DE' });
    expect(problems).toEqual([]);
    expect(drafts).toEqual([
      {
        kind: 'crm',
        recordType: 'contact',
        externalId: '1',
        subject: 'CFO',
        body: 'Wants a demo',
        requester: null,
        created: '2024-03-05',
        name: 'Ana López',
        email: 'ana.lopez@acme.com',
        phone: '+49301234567',
        company: 'ACME, Inc.',
        companyKey: 'acme',
        history: { tags: ['vip', 'Demo', 'renewal'] },
        raw: table.rows[0]!.cells,
      },
    ]);
  });

  it('reads the record type from the type column and reports words it does not know', async () => {
    const table = await csv(
      header +
        '1,Person,Ana,Lopez,,,,,,,\n' +
        '2,Organization,,,,,Beta GmbH,,,,\n' +
        '3,Call,,,,,,,Called about pricing,,\n' +
        '4,Partner,Cy,Gray,,,,,,,\n' +
        '5,,Di,Ray,,,,,,,\n',
    );
    const { drafts, problems } = applyMapping(table, hubspot, { defaultRegion: 'DE' });
    expect(drafts.map((d) => [d.externalId, d.recordType, d.name])).toEqual([
      ['1', 'contact', 'Ana Lopez'],
      ['2', 'account', 'Beta GmbH'],
      ['3', 'note', null],
      ['4', 'contact', 'Cy Gray'],
      ['5', 'contact', 'Di Ray'],
    ]);
    expect(problems).toEqual([
      { line: 5, message: "line 5: type 'Partner' is not a contact, account or note; imported as a contact" },
    ]);
  });

  it('keeps rows with a bad email or phone, reporting them, with the raw cells intact', async () => {
    const table = await csv(
      header + '1,,Bob,Smith,bob@,12,,,,,\n' + '2,,Eve,Stone,eve@stone.io,(415) 555-2671,,,,,\n',
    );
    const us = applyMapping(table, hubspot, { defaultRegion: 'US' });
    expect(us.drafts.map((d) => [d.email, d.phone, d.raw.Email, d.raw.Phone])).toEqual([
      [null, null, 'bob@', '12'],
      ['eve@stone.io', '+14155552671', 'eve@stone.io', '(415) 555-2671'],
    ]);
    expect(us.problems).toEqual([
      { line: 2, message: "line 2: 'bob@' is not an email address; kept as written in the export" },
      {
        line: 2,
        message:
          "line 2: '12' is not a phone number (read as a number in US, the default region); kept as written in the export",
      },
    ]);
    // The default region decides how a number without a country code is read.
    const de = applyMapping(table, hubspot, { defaultRegion: 'DE' });
    expect(de.drafts[1]!.phone).toBe('+494155552671');
  });

  it("reads national phone numbers in the row's country when a country column is mapped", async () => {
    const table = await csv(
      'Name,Phone,Country\nA,(030) 23125678,Germany\nB,020 7946 0958,United Kingdom\nC,06 12 34 56 78,FR\nD,202-555-0148,Atlantis\n',
    );
    const crm = mapping({
      kind: 'crm',
      source: 'CRM',
      columns: { name: 'Name', phone: 'Phone', country: 'Country' },
    });
    const { drafts, problems } = applyMapping(table, crm, { defaultRegion: 'US' });
    expect(drafts.map((d) => d.phone)).toEqual([
      '+493023125678',
      '+442079460958',
      '+33612345678',
      '+12025550148',
    ]);
    expect(problems).toEqual([]);
  });

  it('uses the mapping record type, name column and subject/title as written', async () => {
    const table = await csv('Name,Company,Subject,Title,Tags\nAcme deal,Acme Ltd,Q3 renewal,Ignored,a|b|a\n');
    const notes = mapping({
      kind: 'crm',
      source: 'Pipedrive',
      recordType: 'note',
      tagSeparator: '|',
      columns: { name: 'Name', company: 'Company', subject: 'Subject', title: 'Title', tags: 'Tags' },
    });
    const [draft] = applyMapping(table, notes, { defaultRegion: 'DE' }).drafts;
    expect(draft).toMatchObject({
      recordType: 'note',
      name: 'Acme deal',
      subject: 'Q3 renewal',
      companyKey: 'acme',
      history: { tags: ['a', 'b'] },
    });
  });
});

describe('splitTags', () => {
  it('trims, drops empties and repeats', () => {
    expect(splitTags(' a ; b;;A; c ', ';')).toEqual(['a', 'b', 'c']);
    expect(splitTags('', ';')).toEqual([]);
  });
});

describe('suggestMapping', () => {
  it('recognises help-desk exports', () => {
    expect(
      suggestMapping(
        ['Ticket ID', 'Subject', 'Description', 'Requester email', 'Created at', 'Group', 'Type', 'Priority'],
        'tickets',
      ),
    ).toEqual({
      id: 'Ticket ID',
      subject: 'Subject',
      body: 'Description',
      requester: 'Requester email',
      created: 'Created at',
      queue: 'Group',
      priority: 'Priority',
    });
    // Jira Service Management: no queue column, so the issue type is the category.
    expect(
      suggestMapping(['Issue key', 'Summary', 'Description', 'Reporter', 'Created', 'Issue Type'], 'tickets'),
    ).toEqual({
      id: 'Issue key',
      subject: 'Summary',
      body: 'Description',
      requester: 'Reporter',
      created: 'Created',
      category: 'Issue Type',
    });
    expect(suggestMapping(['Message-ID', 'From', 'Subject', 'Date', 'Body'], 'tickets')).toEqual(
      emailTicketMapping('x').columns,
    );
  });

  it('recognises CRM exports, case- and punctuation-insensitively, using no column twice', () => {
    expect(
      suggestMapping(
        [
          'Record ID',
          'First Name',
          'Last Name',
          'E-mail',
          'Mobile',
          'Company Name',
          'Job title',
          'Notes',
          'TAGS',
        ],
        'crm',
      ),
    ).toEqual({
      id: 'Record ID',
      firstName: 'First Name',
      lastName: 'Last Name',
      email: 'E-mail',
      phone: 'Mobile',
      company: 'Company Name',
      title: 'Job title',
      notes: 'Notes',
      tags: 'TAGS',
    });
    // Salesforce contacts: "Account Name" is the company; "Full name" the name.
    expect(
      suggestMapping(['Full name', 'Account name', 'Email', 'Phone', 'Title', 'Description'], 'crm'),
    ).toEqual({
      name: 'Full name',
      company: 'Account name',
      email: 'Email',
      phone: 'Phone',
      title: 'Title',
      notes: 'Description',
    });
    expect(suggestMapping(['Name', 'Organization', 'Labels', 'Note', 'Type'], 'crm')).toEqual({
      name: 'Name',
      company: 'Organization',
      tags: 'Labels',
      notes: 'Note',
      type: 'Type',
    });
    expect(suggestMapping(['Colour', 'Size'], 'crm')).toEqual({});
  });
});

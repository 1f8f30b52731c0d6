// Reading help-desk and CRM exports: CSV/TSV in the encodings exports come in, XLSX, .eml and .mbox.
// Files a person could hand in by mistake are refused with a message that says what is wrong and where.
import CFB from 'cfb';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { DocketError } from '../../main/api/errors.ts';
import { EMAIL_COLUMNS, MAX_SOURCE_BYTES, readSourceTable } from '../../main/records/read-source.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const read = (fileName: string, bytes: Uint8Array) => readSourceTable({ fileName, bytes });

/** The BAD_INPUT message readSourceTable throws for a file (fails the test when it does not throw). */
async function refusal(fileName: string, bytes: Uint8Array): Promise<string> {
  const error = await read(fileName, bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocketError);
  expect((error as DocketError).code).toBe('BAD_INPUT');
  return (error as DocketError).message;
}

describe('readSourceTable: CSV and TSV', () => {
  it('reads a comma CSV with a quoted multi-line cell, numbering rows by their first file line', async () => {
    const csv =
      'Ticket ID,Subject,Description\n' +
      '101,Printer jam,"Paper stuck in tray 2.\nTried twice, still stuck."\n' +
      '\n' +
      '102,"Refund, please",Order 5521 arrived broken\n';
    const table = await read('zendesk.csv', utf8(csv));
    expect(table.format).toBe('csv');
    expect(table.unit).toBe('line');
    expect(table.columns).toEqual(['Ticket ID', 'Subject', 'Description']);
    expect(table.rows).toEqual([
      {
        line: 2,
        cells: {
          'Ticket ID': '101',
          Subject: 'Printer jam',
          Description: 'Paper stuck in tray 2.\nTried twice, still stuck.',
        },
      },
      {
        line: 5,
        cells: { 'Ticket ID': '102', Subject: 'Refund, please', Description: 'Order 5521 arrived broken' },
      },
    ]);
    expect(table.problems).toEqual([]);
  });

  it('detects semicolons and tabs, and keeps cells exactly as written', async () => {
    const semicolon = await read('export.csv', utf8('Name;Notes\nAna; =1+2 \nBob;"5"" screen"\n'));
    expect(semicolon.columns).toEqual(['Name', 'Notes']);
    expect(semicolon.rows.map((row) => row.cells.Notes)).toEqual([' =1+2 ', '5" screen']);

    const tsv = await read('export.tsv', utf8('Name\tEmail\tPhone\nAna\tana@acme.com\t030 1234567\n'));
    expect(tsv.columns).toEqual(['Name', 'Email', 'Phone']);
    expect(tsv.rows[0]!.cells).toEqual({ Name: 'Ana', Email: 'ana@acme.com', Phone: '030 1234567' });
  });

  it('drops a UTF-8 byte order mark and reads CRLF line endings', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Subject,Body\r\nHallo,Grüße\r\nZwei,Drei\r\n')]);
    const table = await read('bom.csv', bytes);
    expect(table.columns).toEqual(['Subject', 'Body']);
    expect(table.rows.map((row) => [row.line, row.cells.Body])).toEqual([
      [2, 'Grüße'],
      [3, 'Drei'],
    ]);
  });

  it('reads a Windows-1252 export with accents', async () => {
    const text =
      'Name;Company;City\n' +
      'José Müller;Société Générale;Besançon\n' +
      'Zoë Ångström;Café Noël GmbH;Göteborg\n' +
      'François Lefèvre;Crème Brûlée SARL;Orléans\n';
    const table = await read('crm-export.csv', new Uint8Array(Buffer.from(text, 'latin1')));
    expect(table.rows.map((row) => row.cells.Name)).toEqual([
      'José Müller',
      'Zoë Ångström',
      'François Lefèvre',
    ]);
    expect(table.rows[1]!.cells.Company).toBe('Café Noël GmbH');
  });

  it('reads UTF-16 with a byte order mark (Excel "Unicode text")', async () => {
    const text = 'Subject\tPriority\nÜberweisung fehlt\tHigh\nLogin geht nicht\tLow\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const table = await read('tickets.txt', bytes);
    expect(table.columns).toEqual(['Subject', 'Priority']);
    expect(table.rows.map((row) => row.cells.Subject)).toEqual(['Überweisung fehlt', 'Login geht nicht']);
  });

  it('keeps rows with too few or too many cells and lists them as problems', async () => {
    const csv =
      'Name,Email,Phone\nAna,ana@acme.com,030 1\nBob,bob@acme.com\nCy,cy@acme.com,1,EXTRA,more\nDi,,\n';
    const table = await read('ragged.csv', utf8(csv));
    expect(table.rows.map((row) => row.cells)).toEqual([
      { Name: 'Ana', Email: 'ana@acme.com', Phone: '030 1' },
      { Name: 'Bob', Email: 'bob@acme.com' },
      { Name: 'Cy', Email: 'cy@acme.com', Phone: '1' },
      { Name: 'Di', Email: '', Phone: '' },
    ]);
    expect(table.problems).toEqual([
      {
        line: 3,
        message: expect.stringMatching(/^line 3: the row has 2 cells but the header has 3 columns.*"Phone"/),
      },
      {
        line: 4,
        message: expect.stringMatching(/^line 4: the row has 5 cells .*left out \("EXTRA", "more"\)/),
      },
    ]);
  });

  it('tolerates a trailing delimiter on every line', async () => {
    const table = await read('trailing.csv', utf8('Name,Email,\nAna,ana@acme.com,\nBob,bob@acme.com,\n'));
    expect(table.columns).toEqual(['Name', 'Email']);
    expect(table.rows).toHaveLength(2);
    expect(table.problems).toEqual([]);
  });

  it('refuses unbalanced quotes, naming the line where the quote opens', async () => {
    const unclosed = 'Subject,Body\nOk,Fine\nBroken,"starts here\nOther,Row\nLast,Row\n';
    expect(await refusal('tickets.csv', utf8(unclosed))).toMatch(/line 3: a quoted cell .* never closed/);
    // Left open, the quote would swallow lines 3 to 5 into one cell up to the next quote.
    const swallowing = 'Subject,Body\nOk,Fine\nBroken,"starts here\nOther,Row\nLast,"quoted",x\n';
    expect(await refusal('tickets.csv', utf8(swallowing))).toMatch(
      /line 3: a quoted cell starts on this line and is closed only on line 5.*do not balance/,
    );
    const inside = 'Subject,Body\nOk,Fine\nMonitor,27" screen flickers\n';
    expect(await refusal('tickets.csv', utf8(inside))).toMatch(/line 3: a quote \("\) inside a cell/);
  });

  it('refuses a header with empty or repeated column names, naming them', async () => {
    expect(await refusal('a.csv', utf8('Name,,Email\nAna,x,a@b.co\n'))).toMatch(/without a name: column 2/);
    expect(await refusal('a.csv', utf8('Name,Email,Phone,Email\nAna,a@b.co,1,2\n'))).toMatch(
      /same column name more than once: "Email" \(columns 2, 4\)/,
    );
  });

  it('refuses empty files, PDFs and binary data', async () => {
    expect(await refusal('empty.csv', new Uint8Array())).toMatch(/"empty.csv" is empty/);
    expect(await refusal('blank.csv', utf8('  \n\n  \n'))).toMatch(/is empty/);
    const pdf = utf8('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    expect(await refusal('tickets.csv', pdf)).toMatch(/not a CSV or TSV file.*PDF document/);
    let seed = 7;
    const noise = Uint8Array.from(
      { length: 4096 },
      () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff,
    );
    expect(await refusal('export.csv', noise)).toMatch(/cannot be imported as records/);
    expect(
      await refusal('notes.txt', utf8('Just some prose that is not a table at all.\nSecond line.\n')),
    ).toMatch(/Plain text/);
  });

  it('states the size and row limits', async () => {
    expect(await refusal('huge.csv', new Uint8Array(MAX_SOURCE_BYTES + 1))).toMatch(
      /limit for one import is 512 MB/,
    );
    const rows = 'x\n'.repeat(1_000_001);
    expect(await refusal('many.csv', utf8(`Subject\n${rows}`))).toMatch(/more than 1,000,000 rows/);
    // With quotes, lines are not rows: counted while parsing.
    expect(await refusal('many.csv', utf8(`"Subject"\n${rows}`))).toMatch(/more than 1,000,000 rows/);
  }, 60_000);
});

describe('readSourceTable: XLSX', () => {
  it('reads the first sheet with the first row as header, rows numbered as in Excel', async () => {
    const bytes = await writeExcelFile([
      {
        sheet: 'Contacts',
        data: [
          ['Full name', 'Email', 'Created'],
          ['Ana López', 'ana@acme.com', { value: new Date('2024-03-05T00:00:00Z'), format: 'yyyy-mm-dd' }],
          [null, null, null],
          ['Bob', '=1+2', null],
        ],
      },
      { sheet: 'Other', data: [['Ignored'], ['x']] },
    ]).toBuffer();
    const table = await read('contacts.xlsx', new Uint8Array(bytes));
    expect(table.format).toBe('xlsx');
    expect(table.unit).toBe('row');
    expect(table.columns).toEqual(['Full name', 'Email', 'Created']);
    expect(table.rows).toEqual([
      { line: 2, cells: { 'Full name': 'Ana López', Email: 'ana@acme.com', Created: '2024-03-05' } },
      { line: 4, cells: { 'Full name': 'Bob', Email: '=1+2', Created: '' } },
    ]);
    expect(table.problems).toEqual([]);
  });

  it('refuses a damaged or password-protected workbook', async () => {
    const good = new Uint8Array(await writeExcelFile([['Name'], ['Ana']]).toBuffer());
    const damaged = good.slice();
    damaged.fill(7, 200, 1200);
    expect(await refusal('contacts.xlsx', damaged)).toMatch(/could not be read as an Excel workbook/);

    // Office saves a password-protected workbook as an OLE container holding an EncryptedPackage stream.
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, '/EncryptionInfo', Buffer.from([4, 0, 4, 0]));
    CFB.utils.cfb_add(container, '/EncryptedPackage', Buffer.alloc(512, 1));
    const encrypted = new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
    expect(await refusal('contacts.xlsx', encrypted)).toMatch(/password-protected/);
  });
});

describe('readSourceTable: email', () => {
  it('reads one .eml as one row with the email columns', async () => {
    const eml =
      'From: "Ana López" <ana@acme.com>\r\nTo: support@docket.test\r\nSubject: Invoice 42 is wrong\r\n' +
      'Date: Tue, 05 Mar 2024 14:22:00 +0100\r\nMessage-ID: <abc@acme.com>\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\nthe total is off.\r\n';
    const table = await read('mail.eml', utf8(eml));
    expect(table.format).toBe('eml');
    expect(table.columns).toEqual([...EMAIL_COLUMNS]);
    expect(table.rows).toEqual([
      {
        line: 1,
        cells: {
          'Message-ID': '<abc@acme.com>',
          From: '"Ana López" <ana@acme.com>',
          Subject: 'Invoice 42 is wrong',
          Date: '2024-03-05T13:22:00.000Z',
          Body: 'Hello,\nthe total is off.',
        },
      },
    ]);
  });

  it('splits an .mbox into messages and unquotes ">From " lines', async () => {
    const mbox =
      'From ana@acme.com Tue Mar  5 14:22:00 2024\n' +
      'From: ana@acme.com\nSubject: First\nDate: Tue, 05 Mar 2024 14:22:00 +0000\nMessage-ID: <1@acme.com>\n\n' +
      'Line one\n>From the start, it failed.\n>>From stays quoted once\n\n' +
      'From bob@beta.org Wed Mar  6 09:00:00 2024\n' +
      'From: Bob <bob@beta.org>\nSubject: Second\nMessage-ID: <2@beta.org>\nContent-Type: text/html\n\n' +
      '<p>Hello <b>team</b></p>\n\n' +
      'From cy@gamma.io Thu Mar  7 10:00:00 2024\n' +
      'From: cy@gamma.io\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\nMessage-ID: <3@gamma.io>\n\nThird body\n';
    const table = await read('support.mbox', utf8(mbox));
    expect(table.format).toBe('mbox');
    expect(table.unit).toBe('message');
    expect(table.rows.map((row) => row.line)).toEqual([1, 2, 3]);
    expect(table.rows.map((row) => row.cells.Subject)).toEqual(['First', 'Second', 'Grüße']);
    expect(table.rows[0]!.cells.Body).toBe('Line one\nFrom the start, it failed.\n>From stays quoted once');
    expect(table.rows[0]!.cells.Date).toBe('2024-03-05T14:22:00.000Z');
    expect(table.rows[1]!.cells.From).toBe('"Bob" <bob@beta.org>');
    expect(table.rows[1]!.cells.Body).toBe('Hello team');
    expect(table.rows[2]!.cells['Message-ID']).toBe('<3@gamma.io>');
  });
});

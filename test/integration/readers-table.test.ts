// CSV and XLSX readers: encodings, delimiters, header detection, ragged and malformed rows, sheets.
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { ReadResult } from '../../main/documents/layout.ts';
import { defaultReadLimits } from '../../main/documents/read-error.ts';
import { detectHeader, readCsv, readXlsx } from '../../main/documents/readers/table.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const input = (bytes: Uint8Array, fileName = 'data.csv') => ({ bytes, fileName, limits: defaultReadLimits });
const table = (result: ReadResult) => result.tables![0]!;

/** Windows-1252 bytes: ASCII as is, with explicit byte values for é (E9), ü (FC), ä (E4) and € (80). */
function cp1252(text: string): Uint8Array {
  const special: Record<string, number> = { é: 0xe9, ü: 0xfc, ä: 0xe4, '€': 0x80 };
  return Uint8Array.from([...text].map((char) => special[char] ?? char.charCodeAt(0)));
}

describe('readCsv: encodings', () => {
  const csv = 'Name,City,Amount\nCafé Müller,Köln,5 €\nBäckerei,Zürich,12.50\n';

  it('reads UTF-8 with a BOM', async () => {
    const result = await readCsv(input(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv)])));
    expect(result.metadata).toMatchObject({
      encoding: 'utf-8',
      delimiter: ',',
      hasHeader: true,
      rowCount: 2,
    });
    expect(table(result).columns).toEqual(['Name', 'City', 'Amount']); // no BOM in the first column name
    expect(table(result).rows[0]).toEqual({
      rowNumber: 2,
      values: { Name: 'Café Müller', City: 'Köln', Amount: '5 €' },
    });
  });

  it('reads UTF-16LE with a BOM', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(csv, 'utf16le')]);
    const result = await readCsv(input(bytes));
    expect(result.metadata.encoding).toBe('utf-16le');
    expect(table(result).rows[1]!.values).toEqual({ Name: 'Bäckerei', City: 'Zürich', Amount: '12.50' });
  });

  it('reads Windows-1252 (é, ü and € from their byte values)', async () => {
    const bytes = cp1252('Name;Preis\nCafé Müller;5 €\nBäckerei;3 €\nEis;2 €\n');
    expect(bytes).toContain(0x80);
    const result = await readCsv(input(bytes));
    expect(result.metadata).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(table(result).rows.map((row) => row.values)).toEqual([
      { Name: 'Café Müller', Preis: '5 €' },
      { Name: 'Bäckerei', Preis: '3 €' },
      { Name: 'Eis', Preis: '2 €' },
    ]);
    expect(result.text).toContain('Café Müller\t5 €');
  });
});

describe('readCsv: dialects and headers', () => {
  it('detects semicolons, with quoted fields holding delimiters and newlines', async () => {
    const result = await readCsv(
      input(utf8('Item;Price;Note\nWidget;"3,50";"two\nlines"\nGadget;4;"a;b"\n')),
    );
    expect(result.metadata.delimiter).toBe(';');
    expect(table(result).rows.map((row) => row.values)).toEqual([
      { Item: 'Widget', Price: '3,50', Note: 'two\nlines' },
      { Item: 'Gadget', Price: '4', Note: 'a;b' },
    ]);
  });

  it('detects tabs', async () => {
    const result = await readCsv(
      input(utf8('id\tname\temail\n1\tAda\tada@example.com\n2\tBob\tbob@example.com\n')),
    );
    expect(result.mediaType).toBe('text/tab-separated-values');
    expect(result.metadata.delimiter).toBe('\t');
    expect(table(result).columns).toEqual(['id', 'name', 'email']);
    expect(table(result).rows[1]).toEqual({
      rowNumber: 3,
      values: { id: '2', name: 'Bob', email: 'bob@example.com' },
    });
  });

  it('names columns "Column N" when the first row is data (all numeric)', async () => {
    const result = await readCsv(input(utf8('1,2.5,2024-01-01\n3,4.5,2024-01-02\n5,6.5,2024-01-03\n')));
    const t = table(result);
    expect(t.hasHeader).toBe(false);
    expect(t.columns).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(t.rows[0]).toEqual({
      rowNumber: 1,
      values: { 'Column 1': '1', 'Column 2': '2.5', 'Column 3': '2024-01-01' },
    });
    expect(result.metadata.rowCount).toBe(3);
  });

  it('reads a header-only CSV as a table with 0 rows', async () => {
    const result = await readCsv(input(utf8('name,email,phone\n')));
    expect(table(result)).toEqual({
      name: 'data.csv',
      columns: ['name', 'email', 'phone'],
      hasHeader: true,
      rows: [],
    });
    expect(result.metadata.rowCount).toBe(0);
    expect(result.text).toBe('name\temail\tphone');
  });

  it('detectHeader: types below a text row, title words, and data-looking first rows', () => {
    expect(
      detectHeader([
        ['Date', 'Total'],
        ['2024-01-01', '12.00'],
      ]),
    ).toBe(true);
    expect(
      detectHeader([
        ['Name', 'City'],
        ['Ada', 'London'],
      ]),
    ).toBe(true); // common column words
    expect(
      detectHeader([
        ['Person', 'Contact'],
        ['Ada', 'ada@example.com'],
      ]),
    ).toBe(true); // emails below
    expect(
      detectHeader([
        ['Ada', 'London'],
        ['Bob', 'Paris'],
      ]),
    ).toBe(false);
    expect(
      detectHeader([
        ['Ada', '30'],
        ['Bob', '25'],
      ]),
    ).toBe(false);
    expect(
      detectHeader([
        ['Name', 'Name'],
        ['a', 'b'],
      ]),
    ).toBe(false); // not distinct
    expect(
      detectHeader([
        ['', 'Name'],
        ['a', 'b'],
      ]),
    ).toBe(false); // empty cell
    expect(
      detectHeader([
        ['Name', 'Total', ''],
        ['a', '1', ''],
      ]),
    ).toBe(true); // trailing delimiter
  });
});

describe('readCsv: damaged files', () => {
  it('keeps ragged rows and reports them as warnings', async () => {
    const result = await readCsv(input(utf8('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n')));
    const t = table(result);
    expect(t.columns).toEqual(['a', 'b', 'c', 'Column 4']);
    expect(t.rows).toHaveLength(4);
    expect(t.rows[1]).toEqual({ rowNumber: 3, values: { a: '4', b: '5', c: '', 'Column 4': '' } });
    expect(t.rows[2]!.values['Column 4']).toBe('9');
    expect(result.metadata.warnings).toEqual([
      'Row 3 (line 3) has 2 fields; expected 3',
      'Row 4 (line 4) has 4 fields; expected 3',
    ]);
  });

  it('reads an unclosed quote best effort and names the line in a warning', async () => {
    const result = await readCsv(input(utf8('name,amount\nAda,1\n"Bob,2\nCy,3\n')));
    const t = table(result);
    expect(t.rows.map((row) => row.values)).toEqual([
      { name: 'Ada', amount: '1' },
      { name: '"Bob', amount: '2' },
      { name: 'Cy', amount: '3' },
    ]);
    const warnings = result.metadata.warnings as string[];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^line 3: Quote Not Closed.*lines 3-4 were read without quote handling$/);
  });

  it('an unclosed quote on the first line still yields rows', async () => {
    const result = await readCsv(input(utf8('"a,b\n1,2\n')));
    expect(table(result).rows.length + (table(result).hasHeader ? 1 : 0)).toBe(2);
    expect((result.metadata.warnings as string[])[0]).toMatch(/^line 1:/);
  });

  it('reads a file of blank lines as an empty table, not an error', async () => {
    const result = await readCsv(input(utf8('\n\n  \n')));
    expect(table(result)).toMatchObject({ columns: [], rows: [] });
    expect(result.pages).toEqual([]);
  });
});

describe('readCsv: text and pages', () => {
  it('renders tab-separated text and synthetic pages of 60 lines', async () => {
    const lines = ['Name,Amount', ...Array.from({ length: 100 }, (_, i) => `Item ${i + 1},${i + 1}.00`)];
    const result = await readCsv(input(utf8(lines.join('\r\n'))));
    expect(result.text.split('\n')).toHaveLength(101);
    expect(result.text.split('\n')[1]).toBe('Item 1\t1.00');
    expect(result.pages).toHaveLength(2);
    const page = result.pages[0]!;
    expect(page).toMatchObject({ pageNumber: 1, textSource: 'text-layer', rotation: 0 });
    expect(page.lines).toHaveLength(60);
    expect(page.lines[1]!.box).toEqual([0, 1 / 60, 1, 2 / 60]);
    expect(page.lines[1]!.words.map((word) => word.text)).toEqual(['Item', '1', '1.00']);
  });
});

describe('readXlsx', () => {
  it('reads every sheet as a table, with dates as ISO strings', async () => {
    const bytes = await writeExcelFile([
      {
        sheet: 'Invoices',
        data: [
          ['Invoice', 'Date', 'Amount', 'Paid'],
          ['INV-1', { value: new Date(Date.UTC(2024, 0, 15)), format: 'yyyy-mm-dd' }, 120.5, true],
          ['INV-2', { value: new Date(Date.UTC(2024, 1, 1)), format: 'yyyy-mm-dd' }, 99, false],
        ],
      },
      {
        sheet: 'Numbers',
        data: [
          [1, 2],
          [3, 4],
        ],
      },
    ]).toBuffer();
    const result = await readXlsx(input(new Uint8Array(bytes), 'book.xlsx'));
    expect(result.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(result.tables).toHaveLength(2);
    const [invoices, numbers] = result.tables!;
    expect(invoices).toEqual({
      name: 'Invoices',
      columns: ['Invoice', 'Date', 'Amount', 'Paid'],
      hasHeader: true,
      rows: [
        { rowNumber: 2, values: { Invoice: 'INV-1', Date: '2024-01-15', Amount: '120.5', Paid: 'TRUE' } },
        { rowNumber: 3, values: { Invoice: 'INV-2', Date: '2024-02-01', Amount: '99', Paid: 'FALSE' } },
      ],
    });
    expect(numbers).toMatchObject({ name: 'Numbers', hasHeader: false, columns: ['Column 1', 'Column 2'] });
    expect(numbers!.rows[0]).toEqual({ rowNumber: 1, values: { 'Column 1': '1', 'Column 2': '2' } });
    expect(result.metadata).toMatchObject({ sheetNames: ['Invoices', 'Numbers'], rowCount: 4, warnings: [] });
    expect(result.text).toContain(
      'Sheet: Invoices\nInvoice\tDate\tAmount\tPaid\nINV-1\t2024-01-15\t120.5\tTRUE',
    );
    expect(result.text).toContain('Sheet: Numbers\n1\t2\n3\t4');
  });

  it('reports a broken workbook as corrupt', async () => {
    const bytes = new Uint8Array(await writeExcelFile([['a']]).toBuffer()).slice(0, 200);
    await expect(readXlsx(input(bytes, 'broken.xlsx'))).rejects.toMatchObject({
      name: 'ReadError',
      reason: 'corrupt',
    });
  });
});

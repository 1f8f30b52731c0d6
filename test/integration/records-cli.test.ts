// `docket import records`, `docket route`, `docket tag` and `docket export records` as a script calls them:
// the JSON they print has the contract's shape, bad mappings and files give a clear error and exit 1, and
// the exported CSV goes back into a CRM without running a formula.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { importReportSchema, predictReportSchema } from '../../main/api/record-contract.ts';
import { docket } from '../helpers/cli.ts';
import { useTempDirs } from '../helpers/temp.ts';
import { ticketsMbox } from '../fixtures/records/generate.ts';
import { contactsCsv, crmMapping, makeTickets, ticketsCsv, ticketsMapping } from './records-fixtures.ts';

const tempDir = useTempDirs();

const importPrinted = importReportSchema
  .extend({ predicted: predictReportSchema.strict().nullable() })
  .strict();

function setUp() {
  const dir = tempDir();
  const db = join(dir, 'd.db');
  expect(docket(['init', '--db', db]).code).toBe(0);
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  return { dir, db, write };
}

describe('docket import records / route / export records', () => {
  it('imports a tickets export, trains from its history, routes the new tickets and exports them', () => {
    const { dir, db, write } = setUp();
    const csv = write('tickets.csv', ticketsCsv(makeTickets(120, 12)));
    // The mapping file may leave out "kind": --kind says it.
    const { kind: _kind, ...mapping } = ticketsMapping;
    const mappingFile = write('mapping.json', JSON.stringify(mapping));
    const imported = docket([
      'import',
      'records',
      csv,
      '--kind',
      'tickets',
      '--mapping',
      mappingFile,
      '--db',
      db,
      '--json',
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    const report = importPrinted.parse(JSON.parse(imported.stdout));
    expect(report).toMatchObject({ imported: 120, skipped: 0, labelled: { queue: 108, priority: 108 } });
    // The command waits for the first versions and routes what has no label.
    expect(report.predicted!.records).toBe(12);
    expect(report.predicted!.models.map((m) => [m.task, m.mode, m.version])).toEqual([
      ['queue', 'model', 1],
      ['priority', 'model', 1],
    ]);

    const routed = docket(['route', '--db', db, '--json']);
    expect(routed.code, routed.stderr).toBe(0);
    const route = predictReportSchema.strict().parse(JSON.parse(routed.stdout));
    expect(route.auto + route.suggested + route.unassigned).toBe(2 * route.records);
    expect(route.historyAccuracy).toBeGreaterThan(0.8);

    const human = docket(['route', '--db', db]);
    expect(human.stdout).toMatch(/Routed 12 records/);

    const out = join(dir, 'out.csv');
    const exported = docket(['export', 'records', '--kind', 'tickets', '--db', db, '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(120);
    // Multi-line cells come back whole (quoted), and the source's columns as they were.
    const source = makeTickets(120, 12);
    expect(source[0]!.description).toContain('\n');
    for (const [i, r] of source.entries())
      expect(rows.find((x) => x['Ticket ID'] === r.id)!.Description).toBe(source[i]!.description);
    expect(Object.keys(rows[0]!).slice(-4)).toEqual([
      'Docket queue',
      'Docket priority',
      'Docket status',
      'Docket language',
    ]);
    // New tickets: a queue exported only where Docket applied one (suggestions are not decisions).
    for (const r of rows.filter((x) => x.Group === '')) {
      expect(['auto', 'needs review']).toContain(r['Docket status']);
      if (r['Docket status'] === 'needs review' && r['Docket queue'] === '') continue;
      expect(['Billing', 'Access', 'Shipping']).toContain(r['Docket queue']);
    }
    expect(rows.find((r) => r.Group !== '')!['Docket queue']).toBe(rows.find((r) => r.Group !== '')!.Group);
  });

  it('tags CRM records from keywords before any model exists and exports formula-safe cells', () => {
    const { dir, db, write } = setUp();
    const csv = write(
      'contacts.csv',
      contactsCsv([
        [
          'C1',
          'Ana',
          'López',
          'ana@acme.example',
          '+44 20 7946 0958',
          'Acme',
          '@SUM(1+1) asked about pricing',
          '',
        ],
        ['C2', 'Ben', 'Okafor', 'ben@northwind.example', '', 'Northwind', 'Renewal due in March', ''],
      ]),
    );
    const mappingFile = write('crm.json', JSON.stringify(crmMapping));
    expect(
      docket(['import', 'records', csv, '--kind', 'crm', '--mapping', mappingFile, '--db', db, '--json'])
        .code,
    ).toBe(0);
    const tagged = docket(['tag', '--db', db, '--json']);
    expect(tagged.code, tagged.stderr).toBe(0);
    expect(predictReportSchema.strict().parse(JSON.parse(tagged.stdout)).models[0]!.mode).toBe('keywords');
    const out = join(dir, 'crm.csv');
    expect(docket(['export', 'records', '--kind', 'crm', '--db', db, '--out', out]).code).toBe(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.find((r) => r['Record ID'] === 'C1')!.Notes).toBe(`'@SUM(1+1) asked about pricing`);
  });

  it('imports tickets from a mailbox without a mapping, as the window does', () => {
    const { db, write } = setUp();
    const mbox = write('support.mbox', ticketsMbox(4, 2));
    const r = docket(['import', 'records', mbox, '--kind', 'tickets', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'tickets', source: 'Email', rows: 4, imported: 4 });
  });

  it('refuses bad mappings and files with words and exit code 1', () => {
    const { db, write } = setUp();
    const csv = write('tickets.csv', ticketsCsv(makeTickets(5, 0)));
    const cases: [string[], RegExp][] = [
      [['--kind', 'tickets', '--mapping', write('m1.json', '{not json')], /not valid JSON/],
      [
        [
          '--kind',
          'tickets',
          '--mapping',
          write('m2.json', JSON.stringify({ ...ticketsMapping, columns: { subject: 'Title' } })),
        ],
        /Title/,
      ],
      [
        ['--kind', 'crm', '--mapping', write('m3.json', JSON.stringify(ticketsMapping))],
        /for tickets, but --kind is crm/,
      ],
      [['--kind', 'parcels', '--mapping', write('m4.json', '{}')], /--kind must be tickets or crm/],
      [['--kind', 'tickets'], /tickets\.csv needs --mapping: a JSON file naming its columns/],
      [
        [
          '--kind',
          'tickets',
          '--mapping',
          write('m5.json', JSON.stringify({ source: 'x', columns: { queue: 'Group' } })),
        ],
        /subject.*body/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = docket(['import', 'records', csv, ...args, '--db', db, '--json']);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(JSON.parse(r.stdout).error.code).toBe('BAD_INPUT');
    }
    const missing = docket([
      'import',
      'records',
      '/no/such.csv',
      '--kind',
      'tickets',
      '--mapping',
      write('ok.json', JSON.stringify(ticketsMapping)),
      '--db',
      db,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/There is no file \/no\/such.csv/);
    const status = docket(['docs', 'list', '--db', db, '--json']);
    expect(status.code).toBe(0);
  });
});

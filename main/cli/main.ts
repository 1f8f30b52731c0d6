// The `docket` command: a thin adapter over the core's router (in-process transport).
// Exit codes: 0 ok, 1 failure (with a message), 2 usage error.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { DocketError } from '../api/errors.ts';
import { appVersion } from '../core/app-info.ts';
import { backup } from './commands/backup.ts';
import { init } from './commands/init.ts';
import { runImport } from './commands/import.ts';
import { docsList, docsShow, docsText } from './commands/docs.ts';
import { serve } from './commands/serve.ts';
import { demo } from './commands/demo.ts';
import { trainText } from './commands/train.ts';
import { evalText } from './commands/eval.ts';
import { evalSroie } from './commands/eval-sroie.ts';
import { extractInvoice } from './commands/extract.ts';
import { classify } from './commands/classify.ts';
import {
  modelsActivate,
  modelsExport,
  modelsImport,
  modelsList,
  modelsRemove,
  modelsRollback,
} from './commands/models.ts';
import { status } from './commands/status.ts';
import {
  escalationSet,
  escalationShow,
  exportRecords,
  importRecords,
  predictRecords,
} from './commands/records.ts';
import { printError } from './output.ts';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of 1 or more.');
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('a whole number.');
  return n;
}

function buildProgram(): Command {
  const program = new Command('docket')
    .description(
      'Docket: read, classify and extract business documents with models that run on this machine.',
    )
    .version(appVersion, '-v, --version')
    .showHelpAfterError('(run docket --help for usage)')
    // `import` takes folders itself and has an `import records` subcommand: each parses its own options.
    .enablePositionalOptions()
    .exitOverride();

  program
    .command('init')
    .description('create an encrypted database (and its key file, unless DOCKET_DB_KEY is set)')
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print the result as JSON')
    .action((o: { db: string; json?: boolean }) => init(o.db, o.json === true));

  program
    .command('status')
    .description('schema version, encryption, engine and counts of a database')
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print the result as JSON')
    .action((o: { db: string; json?: boolean }) => status(o.db, o.json === true));

  program
    .command('backup')
    .description('write an encrypted copy of the database while it stays in use')
    .requiredOption('--db <path>', 'database file')
    .requiredOption('--out <file>', 'new backup file (must not exist)')
    .option('--json', 'print the result as JSON')
    .action((o: { db: string; out: string; json?: boolean }) => backup(o.db, o.out, o.json === true));

  program
    .command('serve')
    .description('serve the window and the API on 127.0.0.1 (for browsers, development and tests)')
    .requiredOption('--db <path>', 'database file')
    .option('--port <n>', 'port (default: a free one)', portNumber)
    .option('--json', 'print the address and token as JSON')
    .action((o: { db: string; port?: number; json?: boolean }) =>
      serve(o.db, { json: o.json === true, ...(o.port === undefined ? {} : { port: o.port }) }),
    );

  program
    .command('demo')
    .description(
      'the whole job on fictional sample data: a sample workspace created, documents read, invoices found, tickets routed, contacts tagged, and a report',
    )
    .option('--db <path>', 'the sample workspace to create (default: a new one in the temporary folder)')
    .option('--json', 'print the report as JSON')
    .option('--serve', 'then serve the window on it (as docket serve)')
    .option('--port <n>', 'port for --serve (default: a free one)', portNumber)
    .action((o: { db?: string; json?: boolean; serve?: boolean; port?: number }) =>
      demo({ db: o.db, json: o.json === true, serve: o.serve === true, port: o.port }),
    );

  const importCommand = program
    .command('import')
    .description('import folders (recursively) and files: originals are kept, text and layout are read')
    .argument('<paths...>', 'folders and files')
    .enablePositionalOptions()
    // Not requiredOption: commander would then ask for it on `import records` too, where the subcommand's
    // own --db is the one given.
    .option('--db <path>', 'database file (required)')
    .option('--watch', 'keep watching the folders and import new and changed files')
    .option('--workers <n>', 'read workers (default: the number of cores)', positiveInt)
    .option('--no-ocr', 'keep scanned pages and images without reading their text (faster)')
    .option('--json', 'print the summary as JSON')
    .action(
      (
        paths: string[],
        o: { db?: string; watch?: boolean; workers?: number; ocr: boolean; json?: boolean },
      ) => {
        const db = o.db ?? importCommand.error("error: required option '--db <path>' not specified");
        return runImport(paths, {
          db,
          watch: o.watch === true,
          workers: o.workers,
          ocr: o.ocr,
          json: o.json === true,
        });
      },
    );

  importCommand
    .command('records')
    .description('import a help-desk or CRM export (CSV, XLSX, .eml, .mbox) with a column mapping')
    .argument('<file>', 'the export file')
    .requiredOption('--kind <kind>', 'tickets or crm')
    .option(
      '--mapping <file>',
      'JSON column mapping, e.g. {"source": "Zendesk", "columns": {"subject": "Subject", "body": "Description", "queue": "Group"}}; not needed for .eml and .mbox tickets',
    )
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print the report as JSON')
    .action((file: string, o: { kind: string; mapping?: string; db: string; json?: boolean }) =>
      importRecords(file, { ...o, json: o.json === true }),
    );

  program
    .command('route')
    .description('route tickets not reviewed yet: rules first, then the learned queue and priority models')
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print the report as JSON')
    .action((o: { db: string; json?: boolean }) =>
      predictRecords('tickets', { db: o.db, json: o.json === true }),
    );

  program
    .command('tag')
    .description(
      'tag CRM records not reviewed yet: the learned model, or keywords and descriptions until it exists',
    )
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print the report as JSON')
    .action((o: { db: string; json?: boolean }) =>
      predictRecords('crm', { db: o.db, json: o.json === true }),
    );

  program
    .command('export')
    .description('export records')
    .command('records')
    .description('tickets or CRM records with their labels, as CSV for re-import (formula-safe)')
    .requiredOption('--kind <kind>', 'tickets or crm')
    .requiredOption('--db <path>', 'database file')
    .requiredOption('--out <file>', 'the CSV file to write')
    .option('--json', 'print the result as JSON')
    .action((o: { kind: string; db: string; out: string; json?: boolean }) =>
      exportRecords({ ...o, json: o.json === true }),
    );

  const escalation = program
    .command('escalation')
    .description('admin: send unsure items to an OpenAI-compatible endpoint (off by default)');
  escalation
    .command('show')
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action((o: { db: string; json?: boolean }) => escalationShow({ db: o.db, json: o.json === true }));
  escalation
    .command('set')
    .requiredOption('--db <path>', 'database file')
    .option('--enable', 'turn escalation on')
    .option('--disable', 'turn escalation off')
    .option('--url <url>', 'the endpoint, e.g. http://127.0.0.1:8080/v1')
    .option('--model <name>', 'the model name the endpoint expects')
    .option(
      '--api-key-env <var>',
      'read the API key from this environment variable (never from the command line)',
    )
    .option('--json', 'print JSON')
    .action(
      (o: {
        db: string;
        enable?: boolean;
        disable?: boolean;
        url?: string;
        model?: string;
        apiKeyEnv?: string;
        json?: boolean;
      }) => escalationSet({ ...o, json: o.json === true }),
    );

  const docs = program.command('docs').description('list and show documents');
  docs
    .command('list')
    .description('documents, newest first')
    .requiredOption('--db <path>', 'database file')
    .option('--query <text>', 'search the text')
    .option('--limit <n>', 'how many (default 100, at most 1000)', positiveInt, 100)
    .option('--json', 'print JSON')
    .action((o: { db: string; query?: string; limit: number; json?: boolean }) =>
      docsList({ db: o.db, query: o.query, limit: Math.min(o.limit, 1000), json: o.json === true }),
    );
  docs
    .command('show')
    .description("one document's status, source and metadata")
    .argument('<id>', 'document id', positiveInt)
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action((id: number, o: { db: string; json?: boolean }) =>
      docsShow(id, { db: o.db, json: o.json === true }),
    );
  docs
    .command('text')
    .description("a document's text in reading order")
    .argument('<id>', 'document id', positiveInt)
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action((id: number, o: { db: string; json?: boolean }) =>
      docsText(id, { db: o.db, json: o.json === true }),
    );
  for (const sub of docs.commands)
    sub.exitOverride().showHelpAfterError('(run docket docs --help for usage)');

  const train = program.command('train').description('train a model on this machine from labelled data');
  train
    .command('text')
    .description('a text classifier from a CSV/TSV (with a header) or JSONL file')
    .requiredOption('--data <file>', 'CSV, TSV or JSONL file')
    .requiredOption('--text <column>', 'column (or JSON field) holding the text')
    .requiredOption('--label <column>', 'column (or JSON field) holding the label(s)')
    .option('--multi-label', 'each row may have several labels')
    .option('--label-sep <sep>', 'separator between labels in one cell (multi-label)')
    .option('--out <dir>', 'model folder to write (default: <id>.model)')
    .option('--seed <n>', 'random seed (the same seed and data give the same model)', wholeNumber, 1)
    .option('--id <name>', 'model id (default: from the data file name)')
    .option('--embedder <dir>', 'also use sentence embeddings from this feature-extraction model folder')
    .option('--json', 'print the result as JSON')
    .action(
      (o: {
        data: string;
        text: string;
        label: string;
        multiLabel?: boolean;
        labelSep?: string;
        out?: string;
        seed: number;
        id?: string;
        embedder?: string;
        json?: boolean;
      }) => trainText({ ...o, multiLabel: o.multiLabel === true, json: o.json === true }),
    );
  const evaluate = program.command('eval').description('score a model on labelled data');
  evaluate
    .command('text')
    .description('accuracy, macro-F1, calibration and per-class scores of a text classifier')
    .requiredOption('--model <dir>', 'model folder')
    .requiredOption('--data <file>', 'CSV, TSV or JSONL file')
    .requiredOption('--text <column>', 'column holding the text')
    .requiredOption('--label <column>', 'column holding the label(s)')
    .option('--multi-label', 'each row may have several labels')
    .option('--label-sep <sep>', 'separator between labels in one cell (multi-label)')
    .option('--oos-label <label>', 'rows with this label are out of scope: the model should abstain')
    .option('--embedder <dir>', 'the feature-extraction model folder the model was trained with')
    .option('--json', 'print the result as JSON')
    .action(
      (o: {
        model: string;
        data: string;
        text: string;
        label: string;
        multiLabel?: boolean;
        labelSep?: string;
        oosLabel?: string;
        embedder?: string;
        json?: boolean;
      }) => evalText({ ...o, multiLabel: o.multiLabel === true, json: o.json === true }),
    );
  evaluate
    .command('sroie')
    .description('SROIE task-3 field scores (company, date, address, total) from its OCR words and boxes')
    .requiredOption('--data <file>', 'a SROIE metadata.jsonl file')
    .option(
      '--models <dir>',
      'folder holding the invoice-fields and document-type models (default: the shipped ones)',
    )
    .option('--json', 'print the result as JSON')
    .action((o: { data: string; models?: string; json?: boolean }) =>
      evalSroie({ ...o, json: o.json === true }),
    );
  program
    .command('extract')
    .description('extract structured data from documents without a database')
    .command('invoice')
    .description(
      'fields, line items and checks of invoices and receipts (PDF or image); one result per invoice',
    )
    .argument('<files...>', 'PDF or image files')
    .option('--no-ocr', 'do not run OCR on scanned pages and images')
    .option(
      '--models <dir>',
      'folder holding the invoice-fields and document-type models (default: the shipped ones)',
    )
    .option('--json', 'print one JSON object per line')
    .action((files: string[], o: { ocr: boolean; models?: string; json?: boolean }) =>
      extractInvoice({ files, ...o, json: o.json === true }),
    );
  program
    .command('classify')
    .description('classify text: one text per line on stdin, one prediction per line on stdout')
    .requiredOption('--model <dir>', 'model folder')
    .option('--top <k>', 'how many labels to list in "top"', positiveInt, 3)
    .option('--embedder <dir>', 'the feature-extraction model folder the model was trained with')
    .option('--json', 'print one JSON object per line')
    .action((o: { model: string; top: number; embedder?: string; json?: boolean }) =>
      classify({ ...o, json: o.json === true }),
    );

  const models = program
    .command('models')
    .description('installed models: list, activate, roll back, export, import, delete');
  models
    .command('list')
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action((o: { db: string; json?: boolean }) => modelsList({ db: o.db, json: o.json === true }));
  models
    .command('activate')
    .argument('<id>', 'model id')
    .argument('<version>', 'version', positiveInt)
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action((id: string, version: number, o: { db: string; json?: boolean }) =>
      modelsActivate(id, version, { db: o.db, json: o.json === true }),
    );
  models
    .command('rollback')
    .argument('<id>', 'model id')
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action((id: string, o: { db: string; json?: boolean }) =>
      modelsRollback(id, { db: o.db, json: o.json === true }),
    );
  models
    .command('export')
    .argument('<id>', 'model id')
    .argument('[version]', 'version (default: the active one)', positiveInt)
    .requiredOption('--out <dir>', 'folder to write')
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action((id: string, version: number | undefined, o: { db: string; out: string; json?: boolean }) =>
      modelsExport(id, version, { db: o.db, out: o.out, json: o.json === true }),
    );
  models
    .command('import')
    .argument('<dir>', 'model folder (Docket or transformers.js format)')
    .requiredOption('--db <path>', 'database file')
    .option('--id <name>', 'install under this model id')
    .option('--activate', 'make it the active version')
    .option('--json', 'print JSON')
    .action((dir: string, o: { db: string; id?: string; activate?: boolean; json?: boolean }) =>
      modelsImport(dir, { db: o.db, id: o.id, activate: o.activate === true, json: o.json === true }),
    );
  models
    .command('rm')
    .argument('<id>', 'model id')
    .argument('<version>', 'version', positiveInt)
    .requiredOption('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action((id: string, version: number, o: { db: string; json?: boolean }) =>
      modelsRemove(id, version, { db: o.db, json: o.json === true }),
    );
  for (const group of [train, evaluate, models])
    for (const sub of group.commands)
      sub.exitOverride().showHelpAfterError(`(run docket ${group.name()} --help for usage)`);

  for (const command of program.commands)
    command.exitOverride().showHelpAfterError('(run docket --help for usage)');
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A command that went on past a failure (one bad file of many) has set the exit code already.
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (e instanceof DocketError) {
      printError(json, e.toApiError());
      return EXIT_FAILURE;
    }
    printError(json, { code: 'INTERNAL', message: `unexpected error: ${(e as Error)?.stack ?? String(e)}` });
    return EXIT_FAILURE;
  }
}

// `docket extract invoice *.pdf --json | head`: a reader that stops reading is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await run(process.argv.slice(2));

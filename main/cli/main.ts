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
import { status } from './commands/status.ts';
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

function buildProgram(): Command {
  const program = new Command('docket')
    .description(
      'Docket: read, classify and extract business documents with models that run on this machine.',
    )
    .version(appVersion, '-v, --version')
    .showHelpAfterError('(run docket --help for usage)')
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
    .command('import')
    .description('import folders (recursively) and files: originals are kept, text and layout are read')
    .argument('<paths...>', 'folders and files')
    .requiredOption('--db <path>', 'database file')
    .option('--watch', 'keep watching the folders and import new and changed files')
    .option('--workers <n>', 'read workers (default: the number of cores)', positiveInt)
    .option('--no-ocr', 'keep scanned pages and images without reading their text (faster)')
    .option('--json', 'print the summary as JSON')
    .action(
      (paths: string[], o: { db: string; watch?: boolean; workers?: number; ocr: boolean; json?: boolean }) =>
        runImport(paths, {
          db: o.db,
          watch: o.watch === true,
          workers: o.workers,
          ocr: o.ocr,
          json: o.json === true,
        }),
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

  for (const command of program.commands)
    command.exitOverride().showHelpAfterError('(run docket --help for usage)');
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
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

process.exitCode = await run(process.argv.slice(2));

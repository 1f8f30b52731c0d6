// The tickets and CRM procedures: glue from the contract to the record service.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RecordService } from '../records/record-service.ts';
import { MAX_SOURCE_BYTES } from '../records/read-source.ts';
import { DocketError } from './errors.ts';
import type { Handlers } from './router.ts';

type RecordHandlers = Pick<
  Handlers,
  | 'records.preview'
  | 'records.import'
  | 'records.importFile'
  | 'records.sources'
  | 'records.list'
  | 'records.get'
  | 'records.accept'
  | 'records.setLabel'
  | 'records.acceptConfident'
  | 'records.undo'
  | 'records.predict'
  | 'records.status'
  | 'records.retrain'
  | 'records.trainings'
  | 'records.rollback'
  | 'records.setThresholds'
  | 'records.setRetrainAfter'
  | 'records.export'
  | 'rules.list'
  | 'rules.save'
  | 'rules.delete'
  | 'tags.list'
  | 'tags.save'
  | 'tags.delete'
  | 'escalation.get'
  | 'escalation.set'
>;

/** Uploads through the window: larger exports go through the docket command, which reads the file itself. */
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

function uploaded(fileName: string, dataBase64: string): { fileName: string; bytes: Uint8Array } {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new DocketError(
      'BAD_INPUT',
      `${fileName} is larger than 64 MB: import it with the docket command (docket import records).`,
    );
  }
  return { fileName, bytes };
}

async function readExport(path: string): Promise<{ fileName: string; bytes: Uint8Array }> {
  try {
    // Refused before reading: a 5 GB file must not be loaded to be told it is too large.
    if ((await stat(path)).size > MAX_SOURCE_BYTES) {
      throw new DocketError('BAD_INPUT', `${path} is larger than 512 MB; split it into smaller files.`);
    }
    return { fileName: basename(path), bytes: await readFile(path) };
  } catch (e) {
    if (e instanceof DocketError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new DocketError(
      code === 'ENOENT' || code === 'EISDIR' ? 'BAD_INPUT' : 'IO_ERROR',
      code === 'ENOENT'
        ? `There is no file ${path}.`
        : code === 'EISDIR'
          ? `${path} is a folder, not an export file.`
          : `${path} cannot be read (${code}).`,
    );
  }
}

export function recordHandlers(records: RecordService): RecordHandlers {
  return {
    'records.preview': ({ kind, fileName, dataBase64 }) =>
      records.preview(kind, uploaded(fileName, dataBase64)),
    'records.import': ({ fileName, dataBase64, mapping }, ctx) =>
      records.importAndPredict(uploaded(fileName, dataBase64), mapping, ctx.actor, { wait: false }),
    'records.sources': ({ kind }) => records.sources(kind),
    'records.list': (filter) => records.list(filter),
    'records.get': ({ id }) => records.get(id),
    'records.accept': ({ id, task }, ctx) => records.accept(id, task, ctx.actor),
    'records.setLabel': ({ id, task, value }, ctx) => records.setLabel(id, task, value, ctx.actor),
    'records.acceptConfident': ({ kind, minProbability, ids }, ctx) =>
      records.acceptConfident(kind, minProbability, ids, ctx.actor),
    'records.undo': ({ reviewIds }, ctx) => records.undo(reviewIds, ctx.actor),
    'records.importFile': async ({ path, mapping }, ctx) =>
      records.importAndPredict(await readExport(path), mapping, ctx.actor, { wait: true }),
    'records.predict': ({ kind, trainMissing }, ctx) =>
      records.predict(kind, { trainMissing, actor: ctx.actor }),
    'records.status': ({ kind }) => records.status(kind),
    'records.retrain': ({ task }, ctx) => records.retrain(task, ctx.actor),
    'records.trainings': ({ task, limit }) => records.trainings(task, limit),
    'records.rollback': ({ task }, ctx) => records.rollback(task, ctx.actor),
    'records.setThresholds': ({ task, high, low }, ctx) => records.setThresholds(task, high, low, ctx.actor),
    'records.setRetrainAfter': ({ task, corrections }, ctx) =>
      records.setRetrainAfter(task, corrections, ctx.actor),
    'records.export': ({ kind, ids }) => {
      const { csv, ...rest } = records.export(kind, ids);
      return { ...rest, dataBase64: Buffer.from(csv, 'utf8').toString('base64') };
    },
    'rules.list': () => records.listRules(),
    'rules.save': (rule, ctx) => records.saveRule(rule, ctx.actor),
    'rules.delete': ({ id }, ctx) => records.deleteRule(id, ctx.actor),
    'tags.list': () => records.listTags(),
    'tags.save': (tag, ctx) => records.saveTag(tag, ctx.actor),
    'tags.delete': ({ id }, ctx) => records.deleteTag(id, ctx.actor),
    'escalation.get': () => records.escalation.settings(),
    'escalation.set': (input, ctx) => records.setEscalation(input, ctx.actor),
  };
}

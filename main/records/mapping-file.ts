// A column mapping kept as a JSON file (`docket import records --mapping`, the samples' *.mapping.json),
// read and checked with words that name the file.
import { readFile } from 'node:fs/promises';
import { DocketError } from '../api/errors.ts';
import { recordMappingSchema, type RecordKind, type RecordMapping } from './types.ts';

/** A mapping file, with the kind filled in when the file leaves it out (and checked when it does not). */
export async function readMappingFile(path: string, kind: RecordKind): Promise<RecordMapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DocketError(
      'BAD_INPUT',
      code === 'ENOENT'
        ? `There is no mapping file ${path}.`
        : `The mapping file ${path} cannot be read (${code}).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DocketError('BAD_INPUT', `The mapping file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new DocketError(
      'BAD_INPUT',
      `The mapping file ${path} must hold a JSON object such as {"source": "Zendesk", "columns": {"subject": "Subject"}}.`,
    );
  }
  const given = (json as { kind?: unknown }).kind;
  if (given !== undefined && given !== kind) {
    throw new DocketError(
      'BAD_INPUT',
      `The mapping file ${path} is for ${String(given)}, but --kind is ${kind}.`,
    );
  }
  const parsed = recordMappingSchema.safeParse({ ...json, kind });
  if (!parsed.success) {
    throw new DocketError(
      'BAD_INPUT',
      `The mapping file ${path} is not a valid mapping: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(mapping)'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

// Reading and writing model folders. Every load checks card.json against its schema and model.onnx
// against the card's sha256, so a missing, damaged or swapped file is a clear error naming the model.
import { DocketError } from '../api/errors.ts';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { modelCardSchema, type ModelCard } from './model-card.ts';

/** A model that is missing, damaged or of the wrong kind: the user's to fix, so a BAD_INPUT for every shell. */
export class ModelError extends DocketError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BAD_INPUT', message, options);
    this.name = 'ModelError';
  }
}

export const CARD_FILE = 'card.json';
export const MODEL_FILE = 'model.onnx';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function describe(dir: string, card?: { id: string; version: number }): string {
  return card ? `Model "${card.id}" version ${card.version} (${dir})` : `The model folder ${dir}`;
}

/** The card of a model folder, validated; no check of model.onnx. */
export async function readModelCard(dir: string): Promise<ModelCard> {
  let text: string;
  try {
    text = await readFile(join(dir, CARD_FILE), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelError(
      code === 'ENOENT'
        ? `${describe(dir)} has no ${CARD_FILE}; it is not a Docket model.`
        : `${describe(dir)}: ${CARD_FILE} cannot be read (${code}).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelError(`${describe(dir)}: ${CARD_FILE} is not valid JSON.`);
  }
  const parsed = modelCardSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelError(
      `${describe(dir)}: ${CARD_FILE} is not a valid model card (${issue.path.join('.')}: ${issue.message}).`,
    );
  }
  return parsed.data;
}

/** The card and the model bytes, after checking the bytes against the card's sha256. */
export async function loadModelFolder(dir: string): Promise<{ card: ModelCard; bytes: Uint8Array }> {
  const card = await readModelCard(dir);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(dir, MODEL_FILE));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelError(
      code === 'ENOENT'
        ? `${describe(dir, card)} is missing ${MODEL_FILE}.`
        : `${describe(dir, card)}: ${MODEL_FILE} cannot be read (${code}).`,
    );
  }
  if (sha256Hex(bytes) !== card.sha256) {
    throw new ModelError(
      `${describe(dir, card)} is damaged: ${MODEL_FILE} does not match the sha256 in its card. Import the model again.`,
    );
  }
  return { card, bytes };
}

/** Writes a model folder; the card gets the sha256 of the bytes. Files are renamed into place. */
export async function writeModelFolder(
  dir: string,
  card: Omit<ModelCard, 'sha256'>,
  bytes: Uint8Array,
): Promise<ModelCard> {
  const full = modelCardSchema.parse({ ...card, sha256: sha256Hex(bytes) });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `.${MODEL_FILE}.tmp`), bytes);
  await rename(join(dir, `.${MODEL_FILE}.tmp`), join(dir, MODEL_FILE));
  await writeFile(join(dir, `.${CARD_FILE}.tmp`), `${JSON.stringify(full, null, 2)}\n`);
  await rename(join(dir, `.${CARD_FILE}.tmp`), join(dir, CARD_FILE));
  return full;
}

/** A model id from a file or folder name: "Support Tickets.csv" → "support-tickets". */
export function modelIdFrom(name: string): string {
  const id = basename(name)
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');
  return (id || 'model').slice(0, 80);
}

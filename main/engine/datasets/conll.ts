// CoNLL-style token files: one "token<TAB>tag" per line, a blank line between sentences (WNUT 17, CoNLL
// 2003 with extra columns: the first column is the token, the last the tag). Tolerates CRLF, trailing
// whitespace and whitespace-only separator lines; a malformed line is an error naming its line number.
import { readFile } from 'node:fs/promises';
import { parseTag } from '../sequence/bio.ts';
import type { LabelledSequence } from '../sequence/types.ts';

export interface ConllSentence {
  tokens: string[];
  tags: string[];
  /** 1-based line number of the sentence's first token. */
  line: number;
}

export class ConllFormatError extends Error {
  readonly line: number;
  constructor(source: string, line: number, message: string) {
    super(`${source}:${line}: ${message}`);
    this.name = 'ConllFormatError';
    this.line = line;
  }
}

export function parseConll(text: string, source = 'conll'): ConllSentence[] {
  const sentences: ConllSentence[] = [];
  let current: ConllSentence | null = null;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    const line = raw.trim();
    if (line === '') {
      if (current) sentences.push(current);
      current = null;
      continue;
    }
    if (line.startsWith('-DOCSTART-')) continue;
    let fields = line.split('\t').map((f) => f.trim());
    if (fields.length === 1) fields = line.split(/\s+/);
    fields = fields.filter((f) => f !== '');
    if (fields.length < 2) {
      throw new ConllFormatError(source, n + 1, `expected "token<TAB>tag", got ${JSON.stringify(raw)}`);
    }
    const token = fields[0]!;
    const tag = fields.at(-1)!;
    try {
      parseTag(tag);
    } catch {
      throw new ConllFormatError(
        source,
        n + 1,
        `bad tag ${JSON.stringify(tag)} (expected O, B-<type> or I-<type>)`,
      );
    }
    current ??= { tokens: [], tags: [], line: n + 1 };
    current.tokens.push(token);
    current.tags.push(tag);
  }
  if (current) sentences.push(current);
  return sentences;
}

export async function readConll(path: string): Promise<ConllSentence[]> {
  return parseConll(await readFile(path, 'utf8'), path);
}

/** Sentences as labeller input (tokens without layout). */
export function conllToSequences(sentences: readonly ConllSentence[]): LabelledSequence[] {
  return sentences.map((s) => ({ tokens: s.tokens.map((text) => ({ text })), tags: [...s.tags] }));
}

// CoNLL token files: sentences split at blank lines, CRLF and stray whitespace tolerated, malformed lines
// reported with their line number.
import { describe, expect, it } from 'vitest';
import { ConllFormatError, conllToSequences, parseConll } from '../../main/engine/datasets/conll.ts';

describe('parseConll', () => {
  it('reads token<TAB>tag lines with blank lines between sentences', () => {
    const s = parseConll('Empire\tB-location\nState\tI-location\n=\tO\n\nFrom\tO\nGreen\tB-person\n');
    expect(s).toEqual([
      { tokens: ['Empire', 'State', '='], tags: ['B-location', 'I-location', 'O'], line: 1 },
      { tokens: ['From', 'Green'], tags: ['O', 'B-person'], line: 5 },
    ]);
  });

  it('tolerates CRLF, a BOM, tab-only and repeated separator lines, trailing spaces, no final newline', () => {
    const text = '\uFEFFa\tO\r\nb\tB-x \r\n\t\r\n\r\n   \r\nc\tI-x\t\r\nd  \t O';
    expect(parseConll(text).map((x) => [x.tokens, x.tags, x.line])).toEqual([
      [['a', 'b'], ['O', 'B-x'], 1],
      [['c', 'd'], ['I-x', 'O'], 6],
    ]);
  });

  it('takes the first column as token and the last as tag, skips -DOCSTART-, accepts space separation', () => {
    const text = '-DOCSTART- -X- O O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nhello O\n';
    expect(parseConll(text).map((x) => [x.tokens, x.tags])).toEqual([
      [
        ['EU', 'rejects'],
        ['B-ORG', 'O'],
      ],
      [['hello'], ['O']],
    ]);
  });

  it('names the line of a malformed line', () => {
    const text = 'a\tO\nb\tO\n\nlonely\nc\tO\n';
    expect(() => parseConll(text, 'train.conll')).toThrow(ConllFormatError);
    expect(() => parseConll(text, 'train.conll')).toThrow(
      'train.conll:4: expected "token<TAB>tag", got "lonely"',
    );
    try {
      parseConll('x\tO\r\ny\tO\r\nz\tPERSON\r\n', 'f');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConllFormatError);
      expect((error as ConllFormatError).line).toBe(3);
      expect((error as Error).message).toBe('f:3: bad tag "PERSON" (expected O, B-<type> or I-<type>)');
    }
  });

  it('reads an empty file as no sentences and converts sentences to labeller input', () => {
    expect(parseConll('')).toEqual([]);
    expect(parseConll('\n\n \n')).toEqual([]);
    expect(conllToSequences(parseConll('a\tB-x\nb\tO\n'))).toEqual([
      { tokens: [{ text: 'a' }, { text: 'b' }], tags: ['B-x', 'O'] },
    ]);
  });
});

// Text recognition around PP-OCR's CTC model: input sizing, greedy CTC decoding with the
// model's dictionary, and word splitting with each word's position in CTC time steps.

/** The recogniser's input height; PP-OCRv3/v4 models take 3 × 48 × W. */
export const REC_HEIGHT = 48;

/**
 * The dictionary as PaddleOCR builds it with use_space_char: index 0 is the CTC blank, then one
 * character per line of the keys file, then a space.
 */
export function loadDictionary(keysText: string): string[] {
  const lines = keysText.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return ['', ...lines, ' '];
}

export interface DecodedChar {
  char: string;
  /** First and one-past-last time step of this character's run in the CTC output. */
  start: number;
  end: number;
  /** Highest probability over the run. */
  prob: number;
  /** A space the decoder inserted where the blank narrowly beat it (see ctcGreedyDecode). */
  inserted?: boolean;
}

export interface DecodedLine {
  text: string;
  /** Mean probability of the emitted characters (PaddleOCR's line score); 0 when empty. */
  confidence: number;
  chars: DecodedChar[];
}

/**
 * Greedy CTC decoding of one sequence: argmax per time step, merge repeats, drop blanks.
 * `probs` holds steps × classes values starting at `offset`; the last class is the space.
 *
 * The PP-OCR "ch" models often let the blank win over the space between English words; when the
 * space's probability reaches `spaceThreshold` at some step between two characters, a space is
 * emitted there (0 disables this and gives plain greedy decoding).
 */
export function ctcGreedyDecode(
  probs: Float32Array,
  offset: number,
  steps: number,
  classes: number,
  dictionary: readonly string[],
  spaceThreshold = 0,
): DecodedLine {
  const space = classes - 1;
  const chars: DecodedChar[] = [];
  let prev = -1;
  // Best space probability (and its step) since the last emitted character.
  let gapSpace = 0;
  let gapStep = -1;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * classes;
    let best = 0;
    let bestP = probs[base]!;
    for (let c = 1; c < classes; c++) {
      const p = probs[base + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best === prev) {
      const last = chars[chars.length - 1]!;
      last.end = t + 1;
      if (bestP > last.prob) last.prob = bestP;
    } else if (best !== 0) {
      const last = chars[chars.length - 1];
      if (
        spaceThreshold > 0 &&
        best !== space &&
        last &&
        last.char !== ' ' &&
        gapStep >= 0 &&
        gapSpace >= spaceThreshold
      ) {
        chars.push({ char: ' ', start: gapStep, end: gapStep + 1, prob: gapSpace, inserted: true });
      }
      chars.push({ char: dictionary[best] ?? '', start: t, end: t + 1, prob: bestP });
      gapSpace = 0;
      gapStep = -1;
    } else {
      const ps = probs[base + space]!;
      if (ps > gapSpace) {
        gapSpace = ps;
        gapStep = t;
      }
    }
    prev = best;
  }
  let text = '';
  let sum = 0;
  let counted = 0;
  for (const c of chars) {
    text += c.char;
    // Inserted spaces do not count towards the line's confidence.
    if (c.inserted) continue;
    sum += c.prob;
    counted++;
  }
  return { text, confidence: counted > 0 ? sum / counted : 0, chars };
}

export interface DecodedWord {
  text: string;
  confidence: number;
  /** Left and right edges in time steps (fractional), estimated from the characters' runs. */
  start: number;
  end: number;
}

/**
 * Splits a decoded line into words at spaces. A word's extent runs from half a character pitch
 * before its first character's run to half a pitch after its last one (a CTC run marks where the
 * model fired, roughly the character's middle, not its edges), kept within the line and short of
 * the neighbouring words.
 */
export function splitWords(line: DecodedLine, contentSteps: number): DecodedWord[] {
  const groups: DecodedChar[][] = [];
  let current: DecodedChar[] = [];
  for (const c of line.chars) {
    if (c.char === ' ') {
      if (current.length > 0) groups.push(current);
      current = [];
    } else {
      current.push(c);
    }
  }
  if (current.length > 0) groups.push(current);
  if (groups.length === 0) return [];
  const pitch = characterPitch(line.chars);
  const words: DecodedWord[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const first = g[0]!;
    const last = g[g.length - 1]!;
    let start = (first.start + first.end) / 2 - pitch / 2;
    let end = (last.start + last.end) / 2 + pitch / 2;
    start = Math.max(0, start);
    end = Math.min(contentSteps, end);
    let sum = 0;
    let text = '';
    for (const c of g) {
      sum += c.prob;
      text += c.char;
    }
    words.push({ text, confidence: sum / g.length, start, end: Math.max(end, start) });
  }
  // Neighbouring words never overlap: meet halfway if the estimates do.
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1]!;
    const b = words[i]!;
    if (a.end > b.start) {
      const mid = (a.end + b.start) / 2;
      a.end = mid;
      b.start = mid;
    }
  }
  return words;
}

/** Median distance in time steps between the centres of consecutive characters (spaces included). */
function characterPitch(chars: readonly DecodedChar[]): number {
  if (chars.length < 2) return chars.length === 1 ? Math.max(1, chars[0]!.end - chars[0]!.start) * 2 : 2;
  const gaps: number[] = [];
  for (let i = 1; i < chars.length; i++) {
    const a = chars[i - 1]!;
    const b = chars[i]!;
    gaps.push((b.start + b.end) / 2 - (a.start + a.end) / 2);
  }
  gaps.sort((x, y) => x - y);
  return gaps[gaps.length >> 1]!;
}

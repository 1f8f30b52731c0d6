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
    // Softmax outputs: a class above 0.5 is the argmax (most steps are a confident blank).
    if (bestP <= 0.5) {
      for (let c = 1; c < classes; c++) {
        const p = probs[base + c]!;
        if (p > bestP) {
          bestP = p;
          best = c;
          if (p > 0.5) break;
        }
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

/**
 * Ink per column of a recogniser input image (one CHW plane, values in -1..1, dark text on a light
 * background or the reverse): which columns hold ink, and the height of the inked rows.
 */
export function inkProfile(
  plane: Float32Array,
  offset: number,
  stride: number,
  width: number,
  height: number,
): { columns: Uint8Array; inkHeight: number } {
  // Background = the most common level; ink = pixels far from it (either polarity).
  const hist = new Uint32Array(64);
  for (let y = 0; y < height; y++) {
    const row = offset + y * stride;
    for (let x = 0; x < width; x++) {
      const v = plane[row + x]!;
      hist[Math.max(0, Math.min(63, Math.floor((v + 1) * 32)))]!++;
    }
  }
  let mode = 0;
  for (let i = 1; i < 64; i++) if (hist[i]! > hist[mode]!) mode = i;
  const background = (mode + 0.5) / 32 - 1;
  let far = 0;
  for (let y = 0; y < height; y++) {
    const row = offset + y * stride;
    for (let x = 0; x < width; x++) far = Math.max(far, Math.abs(plane[row + x]! - background));
  }
  const threshold = Math.max(0.25, far * 0.5);
  const columns = new Uint8Array(width);
  const rowInk = new Uint32Array(height);
  for (let y = 0; y < height; y++) {
    const row = offset + y * stride;
    for (let x = 0; x < width; x++) {
      if (Math.abs(plane[row + x]! - background) >= threshold) {
        columns[x] = 1;
        rowInk[y]!++;
      }
    }
  }
  let first = -1;
  let last = -1;
  const minRowInk = Math.max(1, Math.floor(width * 0.01));
  for (let y = 0; y < height; y++) {
    if (rowInk[y]! >= minRowInk) {
      if (first < 0) first = y;
      last = y;
    }
  }
  return { columns, inkHeight: first < 0 ? 0 : last - first + 1 };
}

/**
 * Adds a space between two consecutive characters when the image has a blank gap between them at
 * least `ratio` × the line's ink height wide (the recogniser sometimes drops wide spaces, e.g. in
 * bold capitals). `pxPerStep` maps CTC time steps to input columns.
 */
export function insertSpacesAtGaps(
  line: DecodedLine,
  columns: Uint8Array,
  inkHeight: number,
  pxPerStep: number,
  ratio: number,
): DecodedLine {
  if (ratio <= 0 || inkHeight <= 0 || line.chars.length < 2) return line;
  const minGap = ratio * inkHeight;
  const chars: DecodedChar[] = [line.chars[0]!];
  let changed = false;
  for (let i = 1; i < line.chars.length; i++) {
    const a = line.chars[i - 1]!;
    const b = line.chars[i]!;
    if (a.char !== ' ' && b.char !== ' ') {
      const from = Math.max(0, Math.floor(((a.start + a.end) / 2) * pxPerStep));
      const to = Math.min(columns.length, Math.ceil(((b.start + b.end) / 2) * pxPerStep));
      let run = 0;
      let best = 0;
      let bestEnd = -1;
      for (let x = from; x < to; x++) {
        run = columns[x] ? 0 : run + 1;
        if (run > best) {
          best = run;
          bestEnd = x;
        }
      }
      if (best >= minGap) {
        const step = (bestEnd - best / 2) / pxPerStep;
        chars.push({
          char: ' ',
          start: Math.floor(step),
          end: Math.floor(step) + 1,
          prob: 1,
          inserted: true,
        });
        changed = true;
      }
    }
    chars.push(b);
  }
  if (!changed) return line;
  return { text: chars.map((c) => c.char).join(''), confidence: line.confidence, chars };
}

export interface DecodedWord {
  text: string;
  confidence: number;
  /** Left and right edges in time steps (fractional), estimated from the characters' runs. */
  start: number;
  end: number;
  /** Middles of the first and last characters' runs, in time steps. */
  firstMid: number;
  lastMid: number;
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
    words.push({
      text,
      confidence: sum / g.length,
      start,
      end: Math.max(end, start),
      firstMid: (first.start + first.end) / 2,
      lastMid: (last.start + last.end) / 2,
    });
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

/**
 * Tightens word extents (in input columns) to the ink around them: from the first character's
 * middle out to where a blank run of `blankRun` columns (or a neighbour) begins, then to the
 * outermost inked column. Words with no ink found keep their estimate.
 */
export function snapToInk(
  extents: readonly { start: number; end: number; firstMid: number; lastMid: number }[],
  columns: Uint8Array,
  blankRun: number,
): { start: number; end: number }[] {
  const run = Math.max(1, Math.round(blankRun));
  return extents.map((w, i) => {
    const lo = i > 0 ? Math.ceil(extents[i - 1]!.lastMid) : 0;
    const hi = i < extents.length - 1 ? Math.floor(extents[i + 1]!.firstMid) : columns.length - 1;
    let left = Math.max(lo, Math.min(columns.length - 1, Math.round(w.firstMid)));
    let blank = 0;
    let firstInk = -1;
    for (let x = left; x >= lo; x--) {
      if (columns[x]) {
        firstInk = x;
        blank = 0;
      } else if (++blank >= run) break;
    }
    let right = Math.min(hi, Math.max(0, Math.round(w.lastMid)));
    blank = 0;
    let lastInk = -1;
    for (let x = right; x <= hi; x++) {
      if (columns[x]) {
        lastInk = x;
        blank = 0;
      } else if (++blank >= run) break;
    }
    left = firstInk >= 0 ? firstInk : w.start;
    right = lastInk >= 0 ? lastInk + 1 : w.end;
    if (right <= left) return { start: w.start, end: w.end };
    return { start: left, end: right };
  });
}

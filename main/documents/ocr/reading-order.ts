// Reading order for OCR'd lines: join pieces of one line that detection split apart, then a
// recursive XY-cut (columns left to right, bands top to bottom) that reads a two-column page
// column by column but reads a table or a key/value list row by row.

export interface OcrWord {
  text: string;
  confidence: number;
  /** Horizontal extent in image pixels. */
  x0: number;
  x1: number;
}

export interface OcrLine {
  /** Extent in image pixels. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  words: OcrWord[];
}

export interface OrderedLine {
  line: OcrLine;
  /** Block (paragraph or column piece) index in reading order, from 0. */
  block: number;
}

const height = (l: OcrLine): number => l.y1 - l.y0;

function verticalOverlap(a: OcrLine, b: OcrLine): number {
  return Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/**
 * Joins boxes that sit on the same text line with a small gap between them (detection splits a
 * line at wide spaces): same row (vertical overlap ≥ 60 % of the smaller height), similar height,
 * and a horizontal gap of at most `maxGapRatio` × the taller height.
 */
export function mergeLinePieces(lines: readonly OcrLine[], maxGapRatio = 0.8): OcrLine[] {
  const sorted = [...lines].sort((a, b) => a.x0 - b.x0);
  const out: OcrLine[] = [];
  for (const piece of sorted) {
    let target: OcrLine | undefined;
    let bestGap = Infinity;
    for (const line of out) {
      const h = Math.max(height(line), height(piece));
      const hMin = Math.min(height(line), height(piece));
      if (verticalOverlap(line, piece) < 0.6 * hMin) continue;
      if (h > 1.8 * hMin) continue;
      const gap = piece.x0 - line.x1;
      if (gap > maxGapRatio * h || gap < -0.5 * hMin) continue;
      if (gap < bestGap) {
        bestGap = gap;
        target = line;
      }
    }
    if (!target) {
      out.push({ ...piece, words: [...piece.words] });
      continue;
    }
    target.words.push(...piece.words);
    target.x0 = Math.min(target.x0, piece.x0);
    target.x1 = Math.max(target.x1, piece.x1);
    target.y0 = Math.min(target.y0, piece.y0);
    target.y1 = Math.max(target.y1, piece.y1);
  }
  for (const line of out) line.words.sort((a, b) => a.x0 - b.x0);
  return out;
}

interface Interval {
  a: number;
  b: number;
}

/** Free x-intervals of at least `minGap` strictly inside [lo, hi] not covered by any line. */
function interiorGaps(lines: readonly OcrLine[], lo: number, hi: number, minGap: number): Interval[] {
  const spans = lines.map((l) => ({ a: l.x0, b: l.x1 })).sort((p, q) => p.a - q.a);
  const gaps: Interval[] = [];
  let reach = -Infinity;
  for (const s of spans) {
    if (reach > -Infinity && s.a - reach >= minGap && reach > lo && s.a < hi) gaps.push({ a: reach, b: s.a });
    reach = Math.max(reach, s.b);
  }
  return gaps;
}

/** Free x-intervals (margins included) of at least `minGap` within [lo, hi]. */
function freeIntervals(lines: readonly OcrLine[], lo: number, hi: number, minGap: number): Interval[] {
  const spans = lines.map((l) => ({ a: l.x0, b: l.x1 })).sort((p, q) => p.a - q.a);
  const free: Interval[] = [];
  let reach = lo;
  for (const s of spans) {
    if (s.a - reach >= minGap) free.push({ a: reach, b: s.a });
    reach = Math.max(reach, s.b);
  }
  if (hi - reach >= minGap) free.push({ a: reach, b: hi });
  return free;
}

/** Lines that share rows (a table, a key/value list) rather than running as independent columns. */
function looksTabular(parts: OcrLine[][]): boolean {
  const all = parts.flat();
  const wordsPerLine = all.reduce((n, l) => n + l.words.length, 0) / Math.max(1, all.length);
  if (wordsPerLine >= 3) return false;
  let aligned = 0;
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    for (const line of parts[i]!) {
      total++;
      const partner = parts.some(
        (other, j) =>
          j !== i &&
          other.some(
            (o) =>
              Math.abs((o.y0 + o.y1) / 2 - (line.y0 + line.y1) / 2) <
              0.35 * Math.min(height(o), height(line)),
          ),
      );
      if (partner) aligned++;
    }
  }
  return aligned >= 0.6 * total;
}

/** Splits lines at vertical gutters that run through the whole group, unless it reads as a table. */
function splitColumns(lines: OcrLine[], minGap: number): OcrLine[][] | undefined {
  const lo = Math.min(...lines.map((l) => l.x0));
  const hi = Math.max(...lines.map((l) => l.x1));
  const gaps = interiorGaps(lines, lo, hi, minGap);
  if (gaps.length === 0) return undefined;
  const parts: OcrLine[][] = Array.from({ length: gaps.length + 1 }, () => []);
  for (const l of lines) {
    let k = 0;
    while (k < gaps.length && l.x0 >= gaps[k]!.b) k++;
    parts[k]!.push(l);
  }
  if (parts.some((p) => p.length === 0)) return undefined;
  if (looksTabular(parts)) return undefined;
  return parts;
}

/** Groups lines into horizontal bands: lines whose vertical extents overlap (by more than a sliver) chain together. */
function splitBands(lines: OcrLine[]): OcrLine[][] {
  const sorted = [...lines].sort((a, b) => a.y0 - b.y0);
  const bands: OcrLine[][] = [];
  let current: OcrLine[] = [];
  let bottom = -Infinity;
  for (const l of sorted) {
    const slack = 0.25 * height(l);
    if (current.length > 0 && l.y0 >= bottom - slack) {
      bands.push(current);
      current = [];
      bottom = -Infinity;
    }
    current.push(l);
    bottom = Math.max(bottom, l.y1);
  }
  if (current.length > 0) bands.push(current);
  return bands;
}

function xyCut(lines: OcrLine[], minGap: number, leaves: OcrLine[][]): void {
  if (lines.length <= 1) {
    if (lines.length === 1) leaves.push(lines);
    return;
  }
  const columns = splitColumns(lines, minGap);
  if (columns) {
    for (const c of columns) xyCut(c, minGap, leaves);
    return;
  }
  const bands = splitBands(lines);
  if (bands.length <= 1) {
    leaves.push(lines);
    return;
  }
  // Consecutive bands that share an interior gutter belong together (two columns whose paragraph
  // breaks happen to line up must not be read across). A group starts at a band with text on both
  // sides of a gutter, may take in bands with text on one side only, and stands only if at least
  // three of its bands have text on both sides; otherwise its bands stand alone (a page header with
  // a left and a right part reads row by row).
  const lo = Math.min(...lines.map((l) => l.x0));
  const hi = Math.max(...lines.map((l) => l.x1));
  // Runs of bands without such a group stay together as one part (a single-column stretch).
  const parts: { lines: OcrLine[]; columns: boolean }[] = [];
  const addPart = (part: OcrLine[], columns: boolean) => {
    const last = parts[parts.length - 1];
    if (!columns && last && !last.columns) last.lines.push(...part);
    else parts.push({ lines: [...part], columns });
  };
  let group: OcrLine[][] = [];
  let shared: Interval[] = [];
  const close = () => {
    if (group.length === 0) return;
    const twoSided = group.filter((band) =>
      shared.some((g) => band.some((l) => l.x1 <= g.a) && band.some((l) => l.x0 >= g.b)),
    ).length;
    if (twoSided >= 3) addPart(group.flat(), true);
    else for (const band of group) addPart(band, false);
    group = [];
    shared = [];
  };
  for (const band of bands) {
    if (group.length > 0) {
      // A band with text on both sides may narrow the gutter to its own gap; a band with text on one
      // side only may narrow it a little (a ragged column edge), not fill half of it (a centred title).
      const free = freeIntervals(band, lo, hi, minGap);
      const next: Interval[] = [];
      for (const g of shared) {
        for (const f of free) {
          const a = Math.max(g.a, f.a);
          const b = Math.min(g.b, f.b);
          if (b - a < minGap || a <= lo || b >= hi) continue;
          const twoSided = band.some((l) => l.x1 <= a) && band.some((l) => l.x0 >= b);
          if (twoSided || b - a >= 0.5 * (g.b - g.a)) next.push({ a, b });
        }
      }
      if (next.length > 0) {
        group.push(band);
        shared = next;
        continue;
      }
      close();
    }
    const gaps = interiorGaps(band, lo, hi, minGap);
    if (gaps.length > 0) {
      group = [band];
      shared = gaps;
    } else {
      addPart(band, false);
    }
  }
  close();
  if (parts.length === 1) {
    leaves.push(lines);
    return;
  }
  for (const part of parts) xyCut(part.lines, minGap, leaves);
}

/** Rows of a leaf: lines sorted by vertical centre, a line joining the row whose first line it overlaps by half. */
function rowsOf(lines: OcrLine[]): OcrLine[][] {
  const sorted = [...lines].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const rows: OcrLine[][] = [];
  for (const l of sorted) {
    const row = rows[rows.length - 1];
    const ref = row?.[0];
    if (row && ref && verticalOverlap(ref, l) >= 0.5 * Math.min(height(ref), height(l))) row.push(l);
    else rows.push([l]);
  }
  for (const r of rows) r.sort((a, b) => a.x0 - b.x0);
  return rows;
}

/**
 * Orders lines for reading: columns left to right, top to bottom within a column, and a new block
 * for each column piece and at each paragraph gap (more than half a line of white space).
 */
export function orderLines(lines: readonly OcrLine[]): OrderedLine[] {
  if (lines.length === 0) return [];
  const medianHeight = median(lines.map(height));
  const minGap = Math.max(2, 1.0 * medianHeight);
  const leaves: OcrLine[][] = [];
  xyCut([...lines], minGap, leaves);
  const out: OrderedLine[] = [];
  let block = -1;
  for (const leaf of leaves) {
    block++;
    let prevBottom: number | undefined;
    for (const row of rowsOf(leaf)) {
      const top = Math.min(...row.map((l) => l.y0));
      if (prevBottom !== undefined && top - prevBottom > 0.5 * medianHeight) block++;
      for (const l of row) out.push({ line: l, block });
      prevBottom = Math.max(...row.map((l) => l.y1));
    }
  }
  return out;
}

// The confusion matrix as a heat map: rows are the true labels, columns the predicted ones. Correct
// predictions (the diagonal) are shaded blue, mistakes red, by their share of the true label's examples.
// With many labels it starts on the most confused ones; all of them are drawn compactly, as SVG.
import { useId, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { LabelText } from './LabelText.tsx';

/** Shades whose text colour passes 4.5:1 (shades where neither dark nor white text would are left out). */
const BLUE = [
  ['#edf2ff', 'dark'],
  ['#dbe4ff', 'dark'],
  ['#bac8ff', 'dark'],
  ['#91a7ff', 'dark'],
  ['#748ffc', 'dark'],
  ['#4263eb', 'light'],
  ['#3b5bdb', 'light'],
  ['#364fc7', 'light'],
] as const;
const RED = [
  ['#fff5f5', 'dark'],
  ['#ffe3e3', 'dark'],
  ['#ffc9c9', 'dark'],
  ['#ffa8a8', 'dark'],
  ['#ff8787', 'dark'],
  ['#ff6b6b', 'dark'],
  ['#fa5252', 'dark'],
  ['#c92a2a', 'light'],
] as const;
const DARK_TEXT = '#1a1b1e';
const LIGHT_TEXT = '#ffffff';

/** Above this many labels the matrix opens on the most confused labels. */
const FULL_LIMIT = 20;
const FOCUS_SIZE = 12;

function shade(share: number, correct: boolean): { background: string; color: string } | undefined {
  if (share <= 0) return undefined;
  const scale = correct ? BLUE : RED;
  // A square root so that small but real confusions still show.
  const step = Math.min(scale.length - 1, Math.floor(Math.sqrt(share) * scale.length));
  const [background, text] = scale[step]!;
  return { background, color: text === 'dark' ? DARK_TEXT : LIGHT_TEXT };
}

export interface ConfusedPair {
  truth: string;
  predicted: string;
  count: number;
  share: number;
}

/** The largest mistakes, biggest first. */
export function mostConfused(
  labels: readonly string[],
  matrix: readonly number[][],
  limit = 8,
): ConfusedPair[] {
  const pairs: ConfusedPair[] = [];
  matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count, j) => {
      if (i !== j && count > 0)
        pairs.push({ truth: labels[i]!, predicted: labels[j]!, count, share: total ? count / total : 0 });
    });
  });
  return pairs.sort((a, b) => b.count - a.count || b.share - a.share).slice(0, limit);
}

/** The labels taking part in the most confusions, as indices in the original order. */
function focusIndices(labels: readonly string[], matrix: readonly number[][], size: number): number[] {
  const chosen = new Set<number>();
  for (const p of mostConfused(labels, matrix, labels.length * labels.length)) {
    for (const l of [p.truth, p.predicted]) {
      if (chosen.size < size) chosen.add(labels.indexOf(l));
    }
    if (chosen.size >= size) break;
  }
  return [...chosen].sort((a, b) => a - b);
}

function short(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function Grid({
  labels,
  matrix,
  indices,
}: {
  labels: readonly string[];
  matrix: readonly number[][];
  indices: readonly number[];
}) {
  const totals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const maxLabel = 24;
  return (
    <div className="confusion-scroll" tabIndex={0} role="region" aria-label="Confusion matrix">
      <table className="confusion-table">
        <caption className="visually-hidden">
          Rows: true label. Columns: predicted label. Each cell counts held-out examples.
        </caption>
        <thead>
          <tr>
            <th scope="col" className="confusion-corner">
              <span>True ↓ · Predicted →</span>
            </th>
            {indices.map((j) => (
              <th key={j} scope="col" className="confusion-col" title={labels[j]}>
                <span>{short(labels[j]!, maxLabel)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {indices.map((i) => (
            <tr key={i}>
              <th scope="row" className="confusion-row" title={labels[i]}>
                {short(labels[i]!, maxLabel)}
              </th>
              {indices.map((j) => {
                const count = matrix[i]?.[j] ?? 0;
                const share = totals[i] ? count / totals[i]! : 0;
                const style = shade(share, i === j);
                const title = `True ${labels[i]}, predicted ${labels[j]}: ${count} of ${totals[i]} (${(share * 100).toFixed(0)}%)`;
                return (
                  <td
                    key={j}
                    className={i === j ? 'confusion-cell confusion-diagonal' : 'confusion-cell'}
                    style={style}
                    title={title}
                  >
                    {count === 0 ? <span className="confusion-zero">0</span> : count}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CELL = 10;
const GAP = 1;
const LABEL_WIDTH = 150;
const LABEL_HEIGHT = 130;

/**
 * Every label at once, as one SVG. Only the non-zero cells are drawn (the empty grid is a pattern), so
 * thousands of cells stay light. Pointing at a cell, or moving over the grid with the arrow keys, says
 * which labels and how many examples it holds.
 */
function CompactGrid({ labels, matrix }: { labels: readonly string[]; matrix: readonly number[][] }) {
  const n = labels.length;
  const patternId = useId();
  const [cursor, setCursor] = useState<{ i: number; j: number } | null>(null);
  const totals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const step = CELL + GAP;
  const size = n * step;
  const cellAt = (e: MouseEvent<SVGSVGElement>): { i: number; j: number } | null => {
    const box = e.currentTarget.getBoundingClientRect();
    const j = Math.floor((e.clientX - box.left - LABEL_WIDTH) / step);
    const i = Math.floor((e.clientY - box.top - LABEL_HEIGHT) / step);
    return i >= 0 && j >= 0 && i < n && j < n ? { i, j } : null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const from = cursor ?? { i: 0, j: 0 };
    const clamp = (v: number) => Math.max(0, Math.min(n - 1, v));
    setCursor(cursor ? { i: clamp(from.i + move[0]), j: clamp(from.j + move[1]) } : from);
  };
  const readout = cursor
    ? (() => {
        const count = matrix[cursor.i]?.[cursor.j] ?? 0;
        const total = totals[cursor.i] ?? 0;
        return `True ${labels[cursor.i]}, predicted ${labels[cursor.j]}: ${count} of ${total} (${total ? ((100 * count) / total).toFixed(0) : 0}%)`;
      })()
    : 'Point at a cell, or focus the matrix and use the arrow keys, to see its labels and count.';
  return (
    <Stack gap={4}>
      <Text size="xs" data-testid="confusion-readout" aria-live="polite" className="confusion-readout">
        {readout}
      </Text>
      <div
        className="confusion-scroll"
        tabIndex={0}
        role="region"
        aria-label="Confusion matrix, all labels"
        onKeyDown={onKeyDown}
      >
        <svg
          width={LABEL_WIDTH + size + 4}
          height={LABEL_HEIGHT + size + 4}
          role="img"
          aria-label={`Confusion matrix of ${n} labels: rows are true labels, columns predicted labels.`}
          className="confusion-svg"
          onMouseMove={(e) => {
            const cell = cellAt(e);
            if (cell && (cell.i !== cursor?.i || cell.j !== cursor?.j)) setCursor(cell);
          }}
        >
          <defs>
            <pattern
              id={patternId}
              x={LABEL_WIDTH}
              y={LABEL_HEIGHT}
              width={step}
              height={step}
              patternUnits="userSpaceOnUse"
            >
              <rect width={CELL} height={CELL} rx={1} fill="#f1f3f5" />
            </pattern>
          </defs>
          <rect x={LABEL_WIDTH} y={LABEL_HEIGHT} width={size} height={size} fill={`url(#${patternId})`} />
          {labels.map((label, i) => (
            <g key={label}>
              <text
                x={LABEL_WIDTH - 4}
                y={LABEL_HEIGHT + i * step + CELL - 1}
                textAnchor="end"
                className={cursor?.i === i ? 'confusion-svg-label confusion-svg-on' : 'confusion-svg-label'}
              >
                {short(label, 24)}
              </text>
              <text
                transform={`translate(${LABEL_WIDTH + i * step + CELL - 1}, ${LABEL_HEIGHT - 4}) rotate(-90)`}
                className={cursor?.j === i ? 'confusion-svg-label confusion-svg-on' : 'confusion-svg-label'}
              >
                {short(label, 22)}
              </text>
            </g>
          ))}
          {matrix.flatMap((row, i) =>
            row.map((count, j) => {
              const fill =
                count > 0 && totals[i] ? shade(count / totals[i]!, i === j)?.background : undefined;
              return fill ? (
                <rect
                  key={`${i}-${j}`}
                  x={LABEL_WIDTH + j * step}
                  y={LABEL_HEIGHT + i * step}
                  width={CELL}
                  height={CELL}
                  rx={1}
                  fill={fill}
                />
              ) : null;
            }),
          )}
          {cursor ? (
            <>
              <rect
                x={LABEL_WIDTH}
                y={LABEL_HEIGHT + cursor.i * step - 0.5}
                width={size}
                height={step}
                className="confusion-svg-band"
              />
              <rect
                x={LABEL_WIDTH + cursor.j * step - 0.5}
                y={LABEL_HEIGHT}
                width={step}
                height={size}
                className="confusion-svg-band"
              />
              <rect
                x={LABEL_WIDTH + cursor.j * step - 1}
                y={LABEL_HEIGHT + cursor.i * step - 1}
                width={CELL + 2}
                height={CELL + 2}
                className="confusion-svg-cursor"
              />
            </>
          ) : null}
        </svg>
      </div>
    </Stack>
  );
}

export function ConfusionMatrix({
  labels,
  matrix,
}: {
  labels: readonly string[];
  matrix: readonly number[][] | null;
}) {
  const many = labels.length > FULL_LIMIT;
  const [mode, setMode] = useState<'focus' | 'all'>('focus');
  const focus = useMemo(
    () => (matrix && many ? focusIndices(labels, matrix, FOCUS_SIZE) : []),
    [labels, matrix, many],
  );
  const pairs = useMemo(() => (matrix ? mostConfused(labels, matrix) : []), [labels, matrix]);
  if (!matrix || matrix.length !== labels.length) {
    return (
      <Text size="sm" c="dimmed">
        This model has no confusion matrix (multi-label models and imported models do not record one).
      </Text>
    );
  }
  const all = labels.map((_, i) => i);
  const showFocus = many && mode === 'focus' && focus.length > 0;
  return (
    <Stack gap="xs" data-testid="confusion-matrix">
      {many ? (
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {showFocus
              ? `The ${focus.length} labels most often confused, of ${labels.length}.`
              : `All ${labels.length} labels; hover over a cell for its labels and count.`}
          </Text>
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(v) => setMode(v as 'focus' | 'all')}
            data={[
              { value: 'focus', label: 'Most confused' },
              { value: 'all', label: `All ${labels.length}` },
            ]}
            aria-label="Labels shown in the confusion matrix"
          />
        </Group>
      ) : null}
      {many && !showFocus ? (
        <CompactGrid labels={labels} matrix={matrix} />
      ) : (
        <Grid labels={labels} matrix={matrix} indices={showFocus ? focus : all} />
      )}
      <Group gap="md" className="confusion-legend" aria-hidden="true">
        <Group gap={4}>
          <span className="confusion-swatch" style={{ background: BLUE[5][0] }} />
          <Text size="xs">correct</Text>
        </Group>
        <Group gap={4}>
          <span className="confusion-swatch" style={{ background: RED[6][0] }} />
          <Text size="xs">confused</Text>
        </Group>
        <Text size="xs" c="dimmed">
          Rows: true label · columns: predicted label · darker: a larger share of the true label
        </Text>
      </Group>
      {pairs.length > 0 ? (
        <Table fz="xs" verticalSpacing={2} aria-label="Most confused label pairs" maw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>True label</Table.Th>
              <Table.Th>Predicted as</Table.Th>
              <Table.Th ta="right">Examples</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pairs.map((p) => (
              <Table.Tr key={`${p.truth}→${p.predicted}`}>
                <Table.Td>
                  <LabelText label={p.truth} />
                </Table.Td>
                <Table.Td>
                  <LabelText label={p.predicted} />
                </Table.Td>
                <Table.Td ta="right">
                  {p.count} ({(p.share * 100).toFixed(0)}%)
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="xs">No held-out example was confused.</Text>
      )}
    </Stack>
  );
}

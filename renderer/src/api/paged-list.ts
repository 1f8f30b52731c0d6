// A list of up to 100,000 rows fetched in blocks as it scrolls: the first block says how many match (and is
// kept on screen while the next search runs, so the table does not flicker away); the blocks that hold the
// visible rows are fetched as they come into view.
import { keepPreviousData, useQueries, useQuery, type QueryKey } from '@tanstack/react-query';

export const BLOCK_SIZE = 200;

export interface Block<T> {
  items: T[];
  total: number;
}

export interface PagedRows<T, B extends Block<T>> {
  /** Matching rows (null until the first block has arrived). */
  total: number | null;
  rowAt(index: number): T | undefined;
  /** The first block as the core sent it (with whatever else it carries). */
  first: B | undefined;
  error: Error | null;
  /** The first block is still the previous filters' (a new search is running). */
  stale: boolean;
  /** Every block fetched so far, by block number. */
  loaded: ReadonlyMap<number, T[]>;
}

/** The rows for `key` (the procedure and its filters), fetching the blocks that hold rows `start`…`end`. */
export function usePagedRows<T, B extends Block<T>>(
  key: QueryKey,
  fetchBlock: (offset: number, limit: number) => Promise<B>,
  start: number,
  end: number,
): PagedRows<T, B> {
  const first = useQuery({
    queryKey: [...key, 0],
    queryFn: () => fetchBlock(0, BLOCK_SIZE),
    placeholderData: keepPreviousData,
  });
  const total = first.isPlaceholderData ? null : (first.data?.total ?? null);
  const blocks: number[] = [];
  if (total !== null) {
    const last = Math.min(Math.floor(Math.max(0, end) / BLOCK_SIZE), Math.floor((total - 1) / BLOCK_SIZE));
    for (let b = Math.max(1, Math.floor(start / BLOCK_SIZE)); b <= last; b++) blocks.push(b);
  }
  const rest = useQueries({
    queries: blocks.map((block) => ({
      queryKey: [...key, block],
      queryFn: () => fetchBlock(block * BLOCK_SIZE, BLOCK_SIZE),
      staleTime: 30_000,
      placeholderData: keepPreviousData,
    })),
  });
  const loaded = new Map<number, T[]>();
  if (first.data) loaded.set(0, first.data.items);
  blocks.forEach((b, i) => {
    const items = rest[i]?.data?.items;
    if (items) loaded.set(b, items);
  });
  return {
    total: total ?? first.data?.total ?? null,
    rowAt: (index) => loaded.get(Math.floor(index / BLOCK_SIZE))?.[index % BLOCK_SIZE],
    first: first.data,
    error: first.error ?? rest.find((r) => r.error)?.error ?? null,
    stale: first.isPlaceholderData,
    loaded,
  };
}

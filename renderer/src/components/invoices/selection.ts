// Which invoices are ticked. "Select all" means every invoice matching the filters, including rows not
// fetched yet, so it is kept as "all except these" rather than as a list of ids.
export type Selection =
  { mode: 'some'; ids: ReadonlySet<number> } | { mode: 'all'; except: ReadonlySet<number> };

export const NOTHING_SELECTED: Selection = { mode: 'some', ids: new Set() };

export function isSelected(selection: Selection, id: number): boolean {
  return selection.mode === 'all' ? !selection.except.has(id) : selection.ids.has(id);
}

export function toggle(selection: Selection, id: number): Selection {
  const flip = (set: ReadonlySet<number>): Set<number> => {
    const next = new Set(set);
    if (!next.delete(id)) next.add(id);
    return next;
  };
  return selection.mode === 'all'
    ? { mode: 'all', except: flip(selection.except) }
    : { mode: 'some', ids: flip(selection.ids) };
}

export function selectedCount(selection: Selection, total: number): number {
  return selection.mode === 'all' ? Math.max(0, total - selection.except.size) : selection.ids.size;
}

/** The header checkbox: ticked, half-ticked or empty. */
export function allState(selection: Selection, total: number): 'all' | 'some' | 'none' {
  const n = selectedCount(selection, total);
  if (n === 0) return 'none';
  return n >= total ? 'all' : 'some';
}

/** The ids to act on; `allIds` is fetched only when "select all" was used. */
export async function resolveSelection(
  selection: Selection,
  allIds: () => Promise<number[]>,
): Promise<number[]> {
  if (selection.mode === 'some') return [...selection.ids];
  return (await allIds()).filter((id) => !selection.except.has(id));
}

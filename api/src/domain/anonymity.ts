// k-anonymity on aggregates: a count split by a group is shown only when the group holds at least k
// distinct meetings; otherwise it reads "<k", and one more cell is hidden so the small one cannot be
// worked out from the total by subtraction.

export interface Cell {
  count: number;
  /** Distinct meetings behind the count. */
  meetings: number;
}

export interface ShownCell {
  count: number | null;
  display: string;
  suppressed: boolean;
}

const shown = (count: number): ShownCell => ({ count, display: String(count), suppressed: false });
const hidden = (k: number): ShownCell => ({ count: null, display: `<${k}`, suppressed: true });

/** A group's cell on its own, with no total beside it. */
export function protectCell(cell: Cell, k: number): ShownCell {
  if (cell.count === 0) return shown(0);
  return cell.meetings < k ? hidden(k) : shown(cell.count);
}

/**
 * One row of cells that add up (or nearly) to a shown total: small cells are hidden, and when
 * exactly one is, the next smallest shown cell is hidden with it.
 */
export function protectRow(
  cells: readonly Cell[],
  total: Cell,
  k: number,
): { cells: ShownCell[]; total: ShownCell } {
  const protectedTotal = protectCell(total, k);
  if (protectedTotal.suppressed) {
    return {
      cells: cells.map((c) => (c.count === 0 ? shown(0) : hidden(k))),
      total: protectedTotal,
    };
  }
  const result = cells.map((c) => protectCell(c, k));
  const small = result.filter((c) => c.suppressed).length;
  if (small === 1) {
    let complement = -1;
    result.forEach((c, i) => {
      if (c.suppressed || cells[i]!.count === 0) return;
      if (complement < 0 || cells[i]!.count < cells[complement]!.count) complement = i;
    });
    if (complement >= 0) result[complement] = hidden(k);
  }
  return { cells: result, total: protectedTotal };
}

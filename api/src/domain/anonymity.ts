// k-anonymity on aggregates: a count split by a group is shown only when the group holds at least k
// distinct meetings; otherwise it reads "<k", and more cells are hidden with it until what is hidden
// holds k meetings together, so no small cell can be worked out from the total by subtraction. A
// coarse cell that readers can also see split into finer ones (a quarter into its months, a month
// into its weeks) is hidden when the finer cells it would expose by subtraction hold fewer than k
// meetings together.

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
 * One row of cells that add up (or nearly) to a shown total: small cells are hidden, and while the
 * hidden ones hold fewer than k meetings together, the next smallest shown cell is hidden with
 * them. `forced` marks cells hidden for another reason (see `protectCoarse`); they count as hidden.
 */
export function protectRow(
  cells: readonly Cell[],
  total: Cell,
  k: number,
  forced?: readonly boolean[],
): { cells: ShownCell[]; total: ShownCell } {
  const protectedTotal = protectCell(total, k);
  if (protectedTotal.suppressed) {
    return {
      cells: cells.map((c) => (c.count === 0 ? shown(0) : hidden(k))),
      total: protectedTotal,
    };
  }
  const result = cells.map((c, i) => (forced?.[i] && c.count > 0 ? hidden(k) : protectCell(c, k)));
  let hiddenMeetings = 0;
  result.forEach((c, i) => {
    if (c.suppressed) hiddenMeetings += cells[i]!.meetings;
  });
  while (hiddenMeetings > 0 && hiddenMeetings < k) {
    let complement = -1;
    result.forEach((c, i) => {
      if (c.suppressed || cells[i]!.count === 0) return;
      if (complement < 0 || cells[i]!.count < cells[complement]!.count) complement = i;
    });
    if (complement < 0) break;
    result[complement] = hidden(k);
    hiddenMeetings += cells[complement]!.meetings;
  }
  return { cells: result, total: protectedTotal };
}

/** A finer cell and how readers see it. */
export interface Part {
  cell: Cell;
  shown: ShownCell;
}

/**
 * Whether a coarse cell must be hidden because of its parts: subtracting the parts readers see
 * from it would give the hidden ones together, and together they hold fewer than k meetings.
 */
export function exposesParts(parts: readonly Part[], k: number): boolean {
  const hiddenMeetings = parts.reduce((n, p) => n + (p.shown.suppressed ? p.cell.meetings : 0), 0);
  return hiddenMeetings > 0 && hiddenMeetings < k;
}

/**
 * The same test from a sum the database can give cheaply: the meetings of the parts that hold
 * fewer than k each. Parts hidden for other reasons hold k or more each, so they can only lift
 * what is hidden to k: this hides whenever `exposesParts` would, and sometimes more.
 */
export function exposesThinParts(thinMeetings: number, k: number): boolean {
  return thinMeetings > 0 && thinMeetings < k;
}

/**
 * A coarse cell on its own (a theme over all time, say): its own k rule and its parts', from the
 * meetings of its parts under k (see `exposesThinParts`).
 */
export function protectCoarse(cell: Cell, thinMeetings: number, k: number): ShownCell {
  return exposesThinParts(thinMeetings, k) && cell.count > 0 ? hidden(k) : protectCell(cell, k);
}

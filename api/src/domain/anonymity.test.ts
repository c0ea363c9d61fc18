import { describe, expect, it } from 'vitest';
import { protectCell, protectRow } from './anonymity.ts';

describe('k-anonymity on aggregates', () => {
  it('shows "<5" for a group of 4 meetings and hides its complement', () => {
    const { cells, total } = protectRow(
      [
        { count: 6, meetings: 4 },
        { count: 20, meetings: 12 },
        { count: 9, meetings: 7 },
      ],
      { count: 35, meetings: 23 },
      5,
    );
    expect(cells[0]).toEqual({ count: null, display: '<5', suppressed: true });
    // The smallest other cell is hidden too, so 35 − 20 − 9 cannot reveal the 6.
    expect(cells[2]).toEqual({ count: null, display: '<5', suppressed: true });
    expect(cells[1]).toEqual({ count: 20, display: '20', suppressed: false });
    expect(total.display).toBe('35');
  });

  it('shows the count once the group holds 5 meetings', () => {
    const { cells } = protectRow(
      [
        { count: 6, meetings: 5 },
        { count: 20, meetings: 12 },
      ],
      { count: 26, meetings: 17 },
      5,
    );
    expect(cells.map((c) => c.display)).toEqual(['6', '20']);
  });

  it('needs no complement when two cells are small already', () => {
    const { cells } = protectRow(
      [
        { count: 2, meetings: 2 },
        { count: 3, meetings: 3 },
        { count: 30, meetings: 20 },
      ],
      { count: 35, meetings: 25 },
      5,
    );
    expect(cells.map((c) => c.display)).toEqual(['<5', '<5', '30']);
  });

  it('hides everything when the total itself is too small, and shows zeros', () => {
    const { cells, total } = protectRow(
      [
        { count: 3, meetings: 2 },
        { count: 0, meetings: 0 },
      ],
      { count: 3, meetings: 2 },
      5,
    );
    expect(total.display).toBe('<5');
    expect(cells.map((c) => c.display)).toEqual(['<5', '0']);
    expect(protectCell({ count: 12, meetings: 4 }, 5).display).toBe('<5');
    expect(protectCell({ count: 12, meetings: 4 }, 3).display).toBe('12');
  });
});

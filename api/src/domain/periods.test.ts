import { describe, expect, it } from 'vitest';
import { buildPeriods } from './periods.ts';

const K = 5;
const months = (entries: Record<string, number>) =>
  Object.entries(entries).map(([key, meetings]) => ({ key, meetings }));

describe('periods a reader sees', () => {
  it('shows months when every month of the quarter holds k meetings', () => {
    const periods = buildPeriods(months({ '2026-01': 6, '2026-02': 5, '2026-03': 9 }), K);
    expect(periods.all.map((p) => p.label)).toEqual([
      'January 2026',
      'February 2026',
      'March 2026',
    ]);
    expect(periods.of('2026-02-09')).toMatchObject({
      key: '2026-02',
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('shows the whole quarter when one of its months is thin, so no label points at the thin month', () => {
    const periods = buildPeriods(months({ '2026-01': 9, '2026-02': 1, '2026-03': 1 }), K);
    expect(periods.all.map((p) => p.label)).toEqual(['Q1 2026']);
    expect(periods.of('2026-01-05').label).toBe('Q1 2026');
  });

  it('joins thin quarters to the ones after them until they hold k meetings', () => {
    const periods = buildPeriods(
      months({
        '2024-02': 1,
        '2024-05': 2,
        '2024-11': 3,
        '2025-01': 5,
        '2025-02': 5,
        '2025-03': 5,
      }),
      K,
    );
    expect(periods.all.map((p) => p.label)).toEqual([
      'Q1 2024 – Q4 2024',
      'January 2025',
      'February 2025',
      'March 2025',
    ]);
    expect(periods.of('2024-05-13').key).toBe('2024-Q1..2024-Q4');
  });

  it('joins a thin run at the end to the period before it', () => {
    const periods = buildPeriods(
      months({ '2026-10': 6, '2026-11': 6, '2026-12': 6, '2027-01': 1 }),
      K,
    );
    expect(periods.all.map((p) => p.label)).toEqual([
      'October 2026',
      'November 2026',
      'December 2026 – Q1 2027',
    ]);
    expect(periods.of('2027-01-04').label).toBe('December 2026 – Q1 2027');
  });

  it('keeps every period at k meetings or more whenever there are k meetings at all', () => {
    const counts: Record<string, number> = {};
    let seed = 7;
    for (let y = 2020; y <= 2026; y++) {
      for (let m = 1; m <= 12; m++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const meetings = seed % 9;
        if (meetings > 0) counts[`${y}-${String(m).padStart(2, '0')}`] = meetings;
      }
    }
    const periods = buildPeriods(months(counts), K);
    const inPeriod = new Map<string, number>();
    for (const [month, meetings] of Object.entries(counts)) {
      const key = periods.of(`${month}-01`).key;
      inPeriod.set(key, (inPeriod.get(key) ?? 0) + meetings);
    }
    expect(Math.min(...inPeriod.values())).toBeGreaterThanOrEqual(K);
    // Periods do not overlap and are in order.
    for (let i = 1; i < periods.all.length; i++) {
      expect(periods.all[i]!.from > periods.all[i - 1]!.to).toBe(true);
    }
  });

  it('snaps a range of days to whole periods', () => {
    const periods = buildPeriods(
      months({ '2026-01': 9, '2026-02': 1, '2026-03': 1, '2026-04': 7 }),
      K,
    );
    // April's quarter has only April: all its months hold k, so April is shown alone.
    expect(periods.snap({ from: '2026-02-10', to: '2026-04-03' })).toEqual({
      from: '2026-01-01',
      to: '2026-04-30',
    });
    expect(periods.snap({})).toEqual({});
  });
});

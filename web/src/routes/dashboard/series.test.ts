import { describe, expect, it } from 'vitest';
import type { Trends } from '$lib/api.ts';
import { monthsBetween } from '$lib/periods.ts';
import { chartMonths, chartSeries } from './series.ts';

const point = (bucket: string, count: number | null, share: number | null) => ({
  bucket,
  count,
  share,
  display: count === null ? '<5' : String(count),
  suppressed: count === null,
});

describe('dashboard chart series', () => {
  it('leaves no month out between the first and the last, so a gap shows as a gap', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    // Ten years apart: only the last two years are drawn, not the decade between as one step.
    const months = chartMonths(['2015-04', '2015-05', '2025-11', '2026-01']);
    expect(months).toHaveLength(24);
    expect(months.at(-1)).toBe('2026-01');
    expect(months).toContain('2025-12');
  });

  it('draws at most six series, the largest first, and says how many are left', () => {
    const months = ['2026-01', '2026-02'];
    const trends = {
      by: 'category',
      bucket: 'month',
      k: 5,
      buckets: months,
      totals: [],
      series: Array.from({ length: 9 }, (_, i) => ({
        key: `c${i}`,
        name: `Category ${i}`,
        points: [point('2026-01', 10 + i, 0.1), point('2026-02', null, null)],
      })),
    } as unknown as Trends;
    const { series, left } = chartSeries(trends, months, new Set(trends.series.map((s) => s.key)));
    expect(series).toHaveLength(6);
    expect(series[0]!.name).toBe('Category 8');
    expect(left).toBe(3);
    // A hidden month is null: the line breaks there.
    expect(series[0]!.values).toEqual([0.1, null]);
  });
});

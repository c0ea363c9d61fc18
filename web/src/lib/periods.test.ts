// The digest's period picker offers complete years, quarters and months and defaults to the last
// complete quarter, across year boundaries.
import { describe, expect, it } from 'vitest';
import { isPeriodKey, lastCompleteQuarter, periodChoices, periodLabel } from './periods.ts';

describe('digest periods', () => {
  it('defaults to the quarter before the running one, also in January', () => {
    expect(lastCompleteQuarter(new Date('2026-05-14T12:00:00Z'))).toBe('2026-Q1');
    expect(lastCompleteQuarter(new Date('2026-04-01T00:00:00Z'))).toBe('2026-Q1');
    expect(lastCompleteQuarter(new Date('2026-03-31T23:59:59Z'))).toBe('2025-Q4');
    expect(lastCompleteQuarter(new Date('2026-01-02T08:00:00Z'))).toBe('2025-Q4');
  });

  it('offers only complete periods, most recent first, crossing the year', () => {
    const { years, quarters, months } = periodChoices(new Date('2026-02-10T00:00:00Z'), {
      years: 2,
      quarters: 3,
      months: 3,
    });
    expect(years.map((y) => y.key)).toEqual(['2025', '2024']);
    expect(quarters.map((q) => q.key)).toEqual(['2025-Q4', '2025-Q3', '2025-Q2']);
    expect(months.map((m) => m.key)).toEqual(['2026-01', '2025-12', '2025-11']);
    expect(quarters[0]!.label).toBe('Q4 2025 (October–December)');
    expect(months[1]!.label).toBe('December 2025');
  });

  it('knows a period key from anything else', () => {
    expect(['2026-Q1', '2026-12', '1999-01', '2025'].every(isPeriodKey)).toBe(true);
    expect(['2026-Q5', '2026-13', '2026-1', '2026-Q1 ', '202', ''].some(isPeriodKey)).toBe(false);
    expect(periodLabel('2025')).toBe('2025');
    expect(periodLabel('nonsense')).toBe('nonsense');
  });
});

// The capture form shows the week a meeting will be kept under before it is saved: the browser's
// rule (date-fns) must give the week the server stores (db's weekOf) for every day, in any zone.
import { addDays, weekOf } from '@kb/db';
import { afterEach, describe, expect, it } from 'vitest';
import { mondayOf } from './format.ts';

// Every day the product accepts would be 40,000; a run of years covers each weekday at every
// month and year boundary, leap days included.
const FIRST_DAY = '1999-12-01';
const DAYS = 12 * 366;

const days = Array.from({ length: DAYS }, (_, i) => addDays(FIRST_DAY, i));

const originalZone = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalZone;
});

describe('mondayOf', () => {
  // UTC, both sides of the date line, and zones whose clocks change at midnight or by half an hour.
  it.each([
    'UTC',
    'America/Los_Angeles',
    'Pacific/Kiritimati',
    'America/Sao_Paulo',
    'Australia/Lord_Howe',
  ])('agrees with the server on every day, with the browser in %s', (zone) => {
    process.env.TZ = zone;
    const disagreements = days.filter((day) => mondayOf(day) !== weekOf(day));
    expect(disagreements).toEqual([]);
  });

  it('gives a Monday for each day of a week', () => {
    expect(['2026-03-09', '2026-03-12', '2026-03-15'].map(mondayOf)).toEqual([
      '2026-03-09',
      '2026-03-09',
      '2026-03-09',
    ]);
    expect(mondayOf('2026-03-16')).toBe('2026-03-16');
  });

  it('gives nothing for what is not a calendar day', () => {
    expect(['', '2026-3-12', '2026-02-30', '12/03/2026'].map(mondayOf)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { questionDocument, recurrenceLevel } from './documents.ts';

describe('questionDocument', () => {
  it('carries the redacted text, category slugs and names, a sortable week and the theme', () => {
    const doc = questionDocument({
      id: '5d0c0f0e-8d8a-4b8e-9d7c-1f2e3d4c5b6a',
      text: 'How are priorities set?',
      week: '2026-03-09',
      status: 'open',
      categories: [{ slug: 'priorities', name: 'Priorities' }],
    });
    expect(doc).toEqual({
      id: '5d0c0f0e-8d8a-4b8e-9d7c-1f2e3d4c5b6a',
      text: 'How are priorities set?',
      categories: ['priorities'],
      categoryNames: ['Priorities'],
      status: 'open',
      week: 20521,
      recurrence: 1,
      answer: '',
      theme: null,
    });
    const later = questionDocument({ ...doc, week: '2026-03-16', categories: [] });
    expect(later.week - doc.week).toBe(7);
    const themeId = '0b5f6c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(questionDocument({ ...doc, week: '2026-03-09', categories: [], themeId }).theme).toBe(
      themeId,
    );
  });
});

describe('recurrenceLevel', () => {
  it('rounds distinct meetings down to a power of two', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 9, 1000].map(recurrenceLevel)).toEqual([
      1, 1, 2, 2, 4, 4, 8, 8, 512,
    ]);
  });
});

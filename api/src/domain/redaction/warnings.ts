// Phrases that can point at the asker even with every name removed. They are flagged in the
// preview, not removed: the person capturing knows whether they matter.
import type { RedactionWarning, WarningKind } from './types.ts';

const NUMBER = String.raw`(?:\d+(?:[.,]\d+)?(?:\s*1\/2)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)`;

const rules: { kind: WarningKind; regex: RegExp; message: string }[] = [
  {
    kind: 'only-one',
    regex:
      /\b(?:the|as the|being the)\s+only\s+(?!(?:way|thing|things|time|reason|option|question|problem|issue|answer|solution|place|one way)\b)[\p{L}-]+/giu,
    message: 'May identify the asker: describes them as the only one of a kind.',
  },
  {
    kind: 'tenure',
    regex: new RegExp(
      [
        String.raw`\b(?:been|worked|working)\s+(?:here|at\s+[\p{L}\p{N}&-]+|for\s+the\s+company)\s+(?:for\s+)?${NUMBER}\s+(?:years?|months?|weeks?)`,
        String.raw`\b${NUMBER}\s+(?:years?|months?)\s+(?:here|at\s+the\s+company|in\s+the\s+company|with\s+the\s+company)`,
        String.raw`\b(?:joined|started)\b(?:\s+[\p{L}]+){0,3}?\s+(?:last|this)\s+(?:week|month|quarter|year)`,
        String.raw`\b(?:just|recently)\s+(?:joined|started)`,
        String.raw`\bmy\s+first\s+(?:day|week|month|year)`,
        String.raw`\bnew\s+hire\b`,
      ].join('|'),
      'giu',
    ),
    message: 'May identify the asker: mentions how long they have been here.',
  },
  {
    kind: 'team-size',
    regex: new RegExp(
      String.raw`\b(?:my|our)\s+team\s+of\s+${NUMBER}\b|\bonly\s+(?:two|three|four|five|\d)\s+of\s+us\b|\b(?:my|our)\s+(?:${NUMBER})-person\s+team\b`,
      'giu',
    ),
    message: 'May identify the asker: mentions the size of their team.',
  },
  {
    kind: 'identifier',
    regex: /\b(?:employee|hire|badge)\s+(?:number|no\.?|#)\s*\d+\b/giu,
    message: 'May identify the asker: mentions a personal number.',
  },
];

export function findWarnings(text: string): RedactionWarning[] {
  const warnings: RedactionWarning[] = [];
  for (const { kind, regex, message } of rules) {
    for (const m of text.matchAll(regex)) {
      warnings.push({ kind, message, start: m.index, end: m.index + m[0].length });
    }
  }
  return warnings.sort((a, b) => a.start - b.start);
}

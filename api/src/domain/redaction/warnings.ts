// Phrases that can point at the asker even with every name removed. They are flagged in the preview,
// not removed: the person capturing knows whether they matter. Messages name the kind of detail,
// never the phrase, so a warning can be shown or stored without repeating it.
import { allMatches } from './regex.ts';
import type { RedactionWarning, WarningKind } from './types.ts';

// The text is read after NFKC, which spells "½" as "1⁄2" (with a fraction slash).
export const COUNT =
  String.raw`(?:\d+(?:[.,]\d+)?(?:\s*(?:1[/⁄]2|½))?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|` +
  String.raw`eleven|twelve|fifteen|twenty|a few|a couple of|several)(?:\s+and\s+a\s+half)?`;
const SMALL_COUNT = String.raw`(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;
export const PERIOD = String.raw`(?:years?|months?|weeks?|days?)`;

// Nouns "the only …" uses for things rather than people: "the only way", "the only option".
// Openings where what follows describes the asker.
export const ASKER_IS = String.raw`as|being|I['’]m|I\s+am|I\s+was|I['’]ve\s+been|I\s+have\s+been`;

const NOT_A_PERSON = String.raw`(?:way|thing|things|time|times|reason|option|choice|question|problem|issue|answer|solution|place|difference|concern|goal|metric|priority|rule|exception|team|project|product|feedback|meeting|person\s+who\s+decides)`;

export const ROLE = String.raw`(?:engineer|developer|designer|manager|director|lead|analyst|scientist|researcher|recruiter|architect|intern|writer|marketer|accountant|lawyer|counsel|administrator|admin|specialist|coordinator|consultant|strategist|editor|owner|tester|PM|EM|VP|CTO|CFO|COO|CEO|head\s+of\s+[\p{L}-]+)`;
const SENIORITY = String.raw`(?:senior|junior|staff|principal|lead|chief|head|associate|sole|only|new|newest|first|founding|tech|team|engineering|product|design|data)`;

/**
 * Each rule's `guard` finds a word that every match of its regex contains, with the same flags
 * (case and Unicode folding alike): most texts have none, and skipping the large regex over them
 * is most of what redaction costs on an import.
 */
export const warningRules: { kind: WarningKind; regex: RegExp; guard: RegExp; message: string }[] =
  [
    {
      kind: 'only-one',
      guard: /only|newest|youngest|oldest|longest|most|first|last/iu,
      message: 'May identify the asker: describes them as the only one of a kind.',
      regex: new RegExp(
        [
          // Said of the asker: "as the only woman", "I'm the team's only designer".
          String.raw`\b(?:${ASKER_IS})\s+(?:the|our|the\s+[\p{L}-]+['’]s|[\p{L}-]+['’]s)\s+only\s+(?!${NOT_A_PERSON}\b)[\p{L}-]+`,
          // Placed among others: "the only woman on the team", "the only parent in the office".
          String.raw`\bthe\s+only\s+(?!${NOT_A_PERSON}\b)[\p{L}-]+(?:\s+[\p{L}-]+)?\s+(?:on|in|at)\s+(?:the|my|our|this)\s+(?:team|office|org|organization|department|floor|squad|group|company|site)\b`,
          String.raw`\bthe\s+only\s+(?:woman|man|person|one|parent|mother|father|mum|mom|dad|veteran|immigrant|foreigner|expat|remote\s+[\p{L}-]+)\b`,
          String.raw`\b(?:${ASKER_IS})\s+the\s+(?:newest|youngest|oldest|longest-serving|most\s+senior|most\s+junior|first|last)\s+(?!${NOT_A_PERSON}\b)[\p{L}-]+`,
        ].join('|'),
        'giu',
      ),
    },
    {
      kind: 'tenure',
      guard: /been|work|year|month|week|day|quarter|joined|started|hire|onboarding|anniversary/iu,
      message: 'May identify the asker: mentions how long they have been here.',
      regex: new RegExp(
        [
          String.raw`\b(?:been|worked|working)\s+(?:here|at\s+[\p{L}\p{N}&-]+|for\s+(?:the|this)\s+company|with\s+the\s+company)\s+(?:for\s+)?(?:almost\s+|nearly\s+|over\s+|about\s+)?${COUNT}\s+${PERIOD}`,
          String.raw`\b${COUNT}\s+${PERIOD}\s+(?:here|at\s+(?:the|this)\s+company|in\s+the\s+company|with\s+the\s+company|in\s+the\s+job|in\s+the\s+role)`,
          String.raw`\b(?:joined|started)\b(?:\s+[\p{L}]+){0,3}?\s+(?:(?:last|this)\s+(?:week|month|quarter|year|spring|summer|autumn|fall|winter)|${COUNT}\s+${PERIOD}\s+ago|in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:19|20)\d{2}))`,
          String.raw`\b(?:just|recently)\s+(?:joined|started)`,
          String.raw`\bmy\s+(?:first|second)\s+(?:day|week|month|year|quarter)`,
          String.raw`\b(?:new\s+hire|still\s+onboarding|(?:my|a)\s+(?:\d+|one|two|three|four|five|ten)[- ]year\s+anniversary|work\s+anniversary)\b`,
        ].join('|'),
        'giu',
      ),
    },
    {
      kind: 'team-size',
      guard: /team|only|just/iu,
      message: 'May identify the asker: mentions the size of their team.',
      regex: new RegExp(
        [
          String.raw`\bteam\s+of\s+(?:just\s+|only\s+)?${SMALL_COUNT}\b`,
          String.raw`\b${SMALL_COUNT}[- ](?:person|people|member|man|woman)\s+team\b`,
          String.raw`\b(?:only|just)\s+${SMALL_COUNT}\s+of\s+us\b`,
          String.raw`\b${SMALL_COUNT}\s+(?:people|engineers|designers|members|of\s+us)\s+(?:on|in)\s+(?:my|our|the)\s+team\b`,
          String.raw`\b(?:we|we['’]re|we\s+are)\s+(?:only|just)\s+${SMALL_COUNT}\b`,
        ].join('|'),
        'giu',
      ),
    },
    {
      kind: 'role-title',
      guard: new RegExp(ROLE, 'iu'),
      message: 'May identify the asker: mentions their role or title.',
      regex: new RegExp(
        [
          // "as the tech lead of payments", "I'm our only designer": a definite role is one person.
          String.raw`\b(?:${ASKER_IS})\s+(?:the|our)\s+(?:${SENIORITY}\s+){0,3}(?:[\p{L}-]+\s+){0,2}?${ROLE}\b`,
          // "as a senior staff engineer": a qualified title narrows it to few.
          String.raw`\b(?:${ASKER_IS})\s+an?\s+(?:senior|staff|principal|lead|chief|head|founding)\s+(?:[\p{L}-]+\s+){0,2}?${ROLE}\b`,
        ].join('|'),
        'giu',
      ),
    },
    {
      kind: 'personal-number',
      guard: /employee|hire|badge|staff/iu,
      message: 'May identify the asker: mentions a personal number.',
      regex: /\b(?:employee|hire|badge|staff)\s+(?:number|no\.?|#)\s*\d+\b|\bemployee\s+#\d+\b/giu,
    },
    {
      kind: 'age',
      guard: /old|my|i['’]m|i\s+am/iu,
      message: 'May identify the asker: mentions their age.',
      regex:
        /\b\d{2}[- ]years?[- ]old\b|\bin\s+my\s+(?:early\s+|late\s+|mid-?)?(?:[2-7]0s|twenties|thirties|forties|fifties|sixties|seventies)\b|\b(?:I['’]m|I\s+am)\s+(?:turning\s+)?[2-7]\d(?=\s*(?:[,.;!?]|and\b|now\b|this\b|next\b))/giu,
    },
    {
      kind: 'life-event',
      guard: /leave|my/iu,
      message: 'May identify the asker: mentions a personal circumstance.',
      regex:
        /\b(?:maternity|paternity|parental|medical|sick|bereavement|adoption)\s+leave\b|\bmy\s+(?:pregnancy|divorce|diagnosis|disability|visa)\b/giu,
    },
  ];

/** Warnings in text order; of overlapping warnings of one kind only the first is kept. */
export function findWarnings(text: string): RedactionWarning[] {
  const warnings: RedactionWarning[] = [];
  for (const { kind, regex, guard, message } of warningRules) {
    if (!guard.test(text)) continue;
    let reachedTo = -1;
    for (const m of allMatches(regex, text)) {
      if (m.index < reachedTo) continue;
      warnings.push({ kind, message, start: m.index, end: m.index + m[0].length });
      reachedTo = m.index + m[0].length;
    }
  }
  return warnings.sort((a, b) => a.start - b.start || a.end - b.end);
}

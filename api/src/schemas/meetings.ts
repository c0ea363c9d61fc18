import { z } from 'zod';
import { isoDate } from './common.ts';
import { questionSchema, questionCategoriesField } from './questions.ts';
import { questionText, redactionWarningSchema } from './redactions.ts';

export const MAX_QUESTIONS_PER_MEETING = 50;

export const createMeetingBody = z.object({
  heldOn: isoDate,
  questions: z
    .array(
      z.object({
        text: questionText,
        categories: questionCategoriesField.default([]),
      }),
    )
    .min(1, 'add at least one question')
    .max(MAX_QUESTIONS_PER_MEETING, `at most ${MAX_QUESTIONS_PER_MEETING} questions per meeting`),
});
export type CreateMeetingInput = z.infer<typeof createMeetingBody>;

export const meetingResponse = z.object({
  /** The meeting has no id a reader could see: it exists only inside the capture that made it. */
  meeting: z.object({ week: z.string(), questionCount: z.number().int() }),
  questions: z.array(
    questionSchema.omit({ period: true }).extend({
      /** The week of the meeting just recorded, which the person recording it gave. */
      week: z.string(),
      redactions: z.number().int(),
      warnings: z.array(redactionWarningSchema),
    }),
  ),
});

export type CapturedMeetingDto = z.infer<typeof meetingResponse>;

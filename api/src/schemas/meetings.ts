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
  meeting: z.object({ id: z.uuid(), week: z.string(), questionCount: z.number().int() }),
  questions: z.array(
    questionSchema.extend({
      redactions: z.number().int(),
      warnings: z.array(redactionWarningSchema),
    }),
  ),
});

export type CapturedMeetingDto = z.infer<typeof meetingResponse>;

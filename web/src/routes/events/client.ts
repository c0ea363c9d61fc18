// The all-hands calls of the API, through the app's one request helper: types from the server's
// schemas, problem+json failures as ApiError.
import type {
  Input,
  Output,
  createEventBody,
  eventPreviewBody,
  eventPreviewResponse,
  eventResponse,
  eventsResponse,
  updateEventBody,
} from '@kb/api/contract';
import { request } from '$lib/api.ts';

export type EventReport = Output<typeof eventResponse>['event'];
export type EventPreview = Output<typeof eventPreviewResponse>;
export type EventSummary = Output<typeof eventsResponse>['events'][number];
export type ColumnMapping = NonNullable<Input<typeof eventPreviewBody>['mapping']>;
export type ReportQuestion = EventReport['anticipated'][number]['questions'][number];

export function eventsClient(fetcher: typeof fetch = (input, init) => fetch(input, init)) {
  return {
    events: () => request<Output<typeof eventsResponse>>(fetcher, 'GET', '/events'),
    event: (id: string) => request<Output<typeof eventResponse>>(fetcher, 'GET', `/events/${id}`),
    preview: (body: Input<typeof eventPreviewBody>) =>
      request<EventPreview>(fetcher, 'POST', '/events/preview', body),
    importEvent: (body: Input<typeof createEventBody>) =>
      request<Output<typeof eventResponse>>(fetcher, 'POST', '/events', body),
    updateEvent: (id: string, patch: Input<typeof updateEventBody>) =>
      request<Output<typeof eventResponse>>(fetcher, 'PATCH', `/events/${id}`, patch),
    deleteEvent: (id: string) => request<void>(fetcher, 'DELETE', `/events/${id}`),
  };
}

export const events = eventsClient();

/** The report as a file the browser downloads itself (same origin, the session goes along). */
export const reportDownload = (id: string, format: 'md' | 'json') =>
  `/api/events/${id}/export?format=${format}`;

/** A file's bytes in base64, as the API takes an upload. */
export async function fileContent(file: File): Promise<{ name: string; content: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return { name: file.name, content: btoa(binary) };
}

/** "42 %" from a share, "—" when there is nothing to share. */
export const percent = (rate: number | null) =>
  rate === null ? '—' : `${Math.round(rate * 100)} %`;

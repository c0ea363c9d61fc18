// The one way the web app talks to the server: same-origin JSON, cookies, problem+json errors.
import type { CategoryDto, QuestionDto, RedactionPreviewDto, UserDto } from '@kb/api/contract';

export type { CategoryDto, QuestionDto, RedactionPreviewDto, UserDto };

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly requestId: string | null,
    readonly errors: FieldError[] = [],
  ) {
    super(detail || title);
  }

  /** Field errors whose path starts with the prefix, e.g. "body.questions.1". */
  fieldErrors(prefix: string): FieldError[] {
    return this.errors.filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`));
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      'Offline',
      'The server could not be reached. Check your connection and try again.',
      null,
    );
  }
  if (response.status === 204) return undefined as T;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      response.status,
      payload?.title ?? response.statusText,
      payload?.detail ?? 'Something went wrong.',
      payload?.requestId ?? null,
      payload?.errors ?? [],
    );
  }
  return payload as T;
}

function query(params: Record<string, string | number | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface QuestionList {
  items: QuestionDto[];
  total: number;
  page: number;
  limit: number;
}

export interface CapturedMeeting {
  meeting: { id: string; week: string; questionCount: number };
  questions: (QuestionDto & { redactions: number; warnings: RedactionPreviewDto['warnings'] })[];
}

export interface SearchHit {
  id: string;
  text: string;
  highlight: { text: string; match: boolean }[];
  categories: string[];
  status: string;
  week: string;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  limit: number;
  facets: { categories: Record<string, number>; status: Record<string, number> };
  processingTimeMs: number;
}

export interface SimilarResult {
  questions: { id: string; text: string; categories: string[]; week: string; score: number }[];
  suggestedCategories: { slug: string; score: number }[];
}

export const api = {
  login: (email: string, password: string) =>
    request<{ user: UserDto }>('POST', '/auth/login', { email, password }),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<{ user: UserDto }>('GET', '/auth/me'),
  categories: () => request<{ categories: CategoryDto[] }>('GET', '/categories'),
  preview: (text: string) => request<RedactionPreviewDto>('POST', '/redactions/preview', { text }),
  capture: (heldOn: string, questions: { text: string; categories: string[] }[]) =>
    request<CapturedMeeting>('POST', '/meetings', { heldOn, questions }),
  questions: (filter: {
    category?: string;
    status?: string;
    from?: string;
    to?: string;
    page?: number;
    limit?: number;
  }) => request<QuestionList>('GET', `/questions${query(filter)}`),
  search: (params: {
    q: string;
    category?: string[];
    status?: string;
    from?: string;
    to?: string;
    sort?: string;
    page?: number;
  }) => request<SearchResult>('GET', `/search${query(params)}`),
  similar: (text: string) =>
    request<SimilarResult>('POST', '/questions/similar', { text, limit: 3 }),
};

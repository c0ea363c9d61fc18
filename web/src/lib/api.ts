// The one way the web app talks to the server: same-origin JSON, cookies, problem+json errors.
// Every request and response type is inferred from the zod schema the server checks it with.
import type {
  Input,
  Output,
  QueryInput,
  alertsQuery,
  alertsResponse,
  answerBody,
  answerOwnersResponse,
  answerResponse,
  answerSchema,
  categoriesResponse,
  categoryResponse,
  categorySchema,
  changePasswordBody,
  createCategoryBody,
  createMeetingBody,
  createPackBody,
  createRosterBody,
  createUserBody,
  importBody,
  importResponse,
  listQuestionsQuery,
  loginBody,
  meResponse,
  meetingResponse,
  mergeThemesBody,
  packResponse,
  packSchema,
  packsResponse,
  previewBody,
  previewResponse,
  questionListResponse,
  questionResponse,
  questionSchema,
  rosterEntryResponse,
  rosterResponse,
  searchQuery,
  searchResponse,
  similarBody,
  similarResponse,
  splitThemeBody,
  splitThemeResponse,
  themeDetailResponse,
  themeSchema,
  themesResponse,
  trendsQuery,
  trendsResponse,
  updatePackBody,
  updateQuestionBody,
  updateThemeBody,
  updateUserBody,
  userResponse,
  userSchema,
  usersResponse,
} from '@kb/api/contract';

export type User = Output<typeof userSchema>;
export type Category = Output<typeof categorySchema>;
export type Question = Output<typeof questionSchema>;
export type QuestionList = Output<typeof questionListResponse>;
export type CapturedMeeting = Output<typeof meetingResponse>;
export type Redaction = Output<typeof previewResponse>;
export type SearchResult = Output<typeof searchResponse>;
export type SimilarResult = Output<typeof similarResponse>;
export type Answer = Output<typeof answerSchema>;
export type AnswerInput = Input<typeof answerBody>;
export type Theme = Output<typeof themeSchema>;
export type ThemeDetail = Output<typeof themeDetailResponse>;
export type Trends = Output<typeof trendsResponse>;
export type Alerts = Output<typeof alertsResponse>;
export type Pack = Output<typeof packSchema>;
export type ImportReport = Output<typeof importResponse>;
export type AnswerOwner = Output<typeof answerOwnersResponse>['owners'][number];
export type QuestionFilter = QueryInput<typeof listQuestionsQuery>;
export type SearchParams = QueryInput<typeof searchQuery>;

/** A count about a group, shown only when the group holds at least k meetings ("<5" otherwise). */
export interface ShownCount {
  count: number | null;
  display: string;
  suppressed: boolean;
}

/**
 * What `GET /api/digest?format=json` answers. The route declares no response schema to infer this
 * from, so it is written out here: only the fields the digest page shows.
 */
export interface Digest {
  period: { key: string; label: string; from: string; to: string };
  k: number;
  questions: ShownCount;
  meetings: ShownCount;
  categories: ({ slug: string; name: string } & ShownCount)[];
  themes: {
    id: string;
    name: string;
    questions: ShownCount;
    meetings: ShownCount;
    examples: string[];
  }[];
  rising: Alerts['alerts'];
  answered: {
    title: string;
    status: string;
    answeredIn: string | null;
    answeredOn: string | null;
  }[];
}

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly type: string;
  readonly instance: string | undefined;

  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly requestId: string | null,
    readonly errors: FieldError[] = [],
    extra: { type?: string; instance?: string } = {},
  ) {
    super(detail || title);
    this.name = 'ApiError';
    this.type = extra.type ?? 'about:blank';
    this.instance = extra.instance;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** An ApiError from whatever a failed response carried: a problem (RFC 9457), other JSON or nothing. */
function problemError(response: Response, payload: unknown): ApiError {
  const body = isRecord(payload) ? payload : {};
  const text = (key: string) => (typeof body[key] === 'string' ? body[key] : undefined);
  const errors = Array.isArray(body.errors)
    ? body.errors.filter(
        (e): e is FieldError =>
          isRecord(e) && typeof e.path === 'string' && typeof e.message === 'string',
      )
    : [];
  return new ApiError(
    response.status,
    text('title') ?? (response.statusText || 'Request failed'),
    text('detail') ?? 'Something went wrong.',
    text('requestId') ?? null,
    errors,
    { type: text('type'), instance: text('instance') },
  );
}

type Fetch = typeof fetch;

export async function request<T>(fetcher: Fetch, method: string, path: string, body?: unknown) {
  let response: Response;
  try {
    response = await fetcher(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
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
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw problemError(response, payload);
  return payload as T;
}

function query(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The API through one `fetch`: a load passes the one SvelteKit gives it, so the page's requests
 * belong to its navigation; components use `api` below.
 */
export function apiClient(fetcher: Fetch = (input, init) => fetch(input, init)) {
  const send = <T>(method: string, path: string, body?: unknown) =>
    request<T>(fetcher, method, path, body);
  return {
    login: (body: Input<typeof loginBody>) =>
      send<Output<typeof meResponse>>('POST', '/auth/login', body),
    logout: () => send<void>('POST', '/auth/logout'),
    me: () => send<Output<typeof meResponse>>('GET', '/auth/me'),
    /** Ends the user's other sessions; this browser gets a new one. */
    changePassword: (body: Input<typeof changePasswordBody>) =>
      send<void>('PUT', '/auth/password', body),
    categories: () => send<Output<typeof categoriesResponse>>('GET', '/categories'),
    createCategory: (body: Input<typeof createCategoryBody>) =>
      send<Output<typeof categoryResponse>>('POST', '/categories', body),
    deleteCategory: (id: string) => send<void>('DELETE', `/categories/${id}`),
    preview: (body: Input<typeof previewBody>) =>
      send<Redaction>('POST', '/redactions/preview', body),
    capture: (body: Input<typeof createMeetingBody>) =>
      send<CapturedMeeting>('POST', '/meetings', body),
    questions: (filter: QuestionFilter) => send<QuestionList>('GET', `/questions${query(filter)}`),
    question: (id: string) => send<Output<typeof questionResponse>>('GET', `/questions/${id}`),
    updateQuestion: (id: string, patch: Input<typeof updateQuestionBody>) =>
      send<Output<typeof questionResponse>>('PATCH', `/questions/${id}`, patch),
    questionAnswer: (id: string) =>
      send<Output<typeof answerResponse>>('GET', `/questions/${id}/answer`),
    answerQuestion: (id: string, body: AnswerInput) =>
      send<Output<typeof answerResponse>>('PUT', `/questions/${id}/answer`, body),
    search: (params: SearchParams) => send<SearchResult>('GET', `/search${query(params)}`),
    similar: (body: Input<typeof similarBody>) =>
      send<SimilarResult>('POST', '/questions/similar', body),
    themes: () => send<Output<typeof themesResponse>>('GET', '/themes'),
    theme: (id: string) => send<ThemeDetail>('GET', `/themes/${id}`),
    updateTheme: (id: string, patch: Input<typeof updateThemeBody>) =>
      send<Pick<ThemeDetail, 'theme'>>('PATCH', `/themes/${id}`, patch),
    mergeThemes: (id: string, body: Input<typeof mergeThemesBody>) =>
      send<Pick<ThemeDetail, 'theme'>>('POST', `/themes/${id}/merge`, body),
    splitTheme: (id: string, body: Input<typeof splitThemeBody>) =>
      send<Output<typeof splitThemeResponse>>('POST', `/themes/${id}/split`, body),
    answerTheme: (id: string, body: AnswerInput) =>
      send<Output<typeof answerResponse>>('PUT', `/themes/${id}/answer`, body),
    answerOwners: () => send<Output<typeof answerOwnersResponse>>('GET', '/answers/owners'),
    /** Without a period the server picks the last complete quarter. */
    digest: (period?: string) => send<Digest>('GET', `/digest${query({ period, format: 'json' })}`),
    /** `keys` (category slugs or theme ids) travel as one comma-separated parameter. */
    trends: ({
      keys,
      ...params
    }: Omit<QueryInput<typeof trendsQuery>, 'keys'> & { keys?: string[] }) =>
      send<Trends>('GET', `/trends${query({ ...params, keys: keys?.join(',') })}`),
    alerts: (params: QueryInput<typeof alertsQuery> = {}) =>
      send<Alerts>('GET', `/alerts${query(params)}`),
    packs: () => send<Output<typeof packsResponse>>('GET', '/packs'),
    pack: (id: string) => send<Output<typeof packResponse>>('GET', `/packs/${id}`),
    createPack: (body: Input<typeof createPackBody>) =>
      send<Output<typeof packResponse>>('POST', '/packs', body),
    updatePack: (id: string, patch: Input<typeof updatePackBody>) =>
      send<Output<typeof packResponse>>('PATCH', `/packs/${id}`, patch),
    deletePack: (id: string) => send<void>('DELETE', `/packs/${id}`),
    users: () => send<Output<typeof usersResponse>>('GET', '/users'),
    createUser: (body: Input<typeof createUserBody>) =>
      send<Output<typeof userResponse>>('POST', '/users', body),
    updateUser: (id: string, patch: Input<typeof updateUserBody>) =>
      send<Output<typeof userResponse>>('PATCH', `/users/${id}`, patch),
    deleteUser: (id: string) => send<void>('DELETE', `/users/${id}`),
    roster: () => send<Output<typeof rosterResponse>>('GET', '/roster'),
    addToRoster: (body: Input<typeof createRosterBody>) =>
      send<Output<typeof rosterEntryResponse>>('POST', '/roster', body),
    removeFromRoster: (id: string) => send<void>('DELETE', `/roster/${id}`),
    importQuestions: (body: Input<typeof importBody>) =>
      send<ImportReport>('POST', '/import', body),
  };
}

export const api = apiClient();

/** Files the browser downloads itself (same origin, the session cookie goes along). */
export const downloads = {
  digestMarkdown: (period: string) => `/api/digest${query({ period, format: 'md' })}`,
  questions: (format: 'csv' | 'json') => `/api/export?format=${format}`,
  pack: (id: string, format: 'md' | 'csv' | 'json') => `/api/packs/${id}/export?format=${format}`,
};

/** The pack's entries in the form the API takes back. */
export const packItems = (pack: Pack) =>
  pack.entries.map((e) =>
    e.kind === 'theme'
      ? { themeId: e.id, draftAnswer: e.draftAnswer }
      : { questionId: e.id, draftAnswer: e.draftAnswer },
  );

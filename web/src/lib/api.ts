// The one way the web app talks to the server: same-origin JSON, cookies, problem+json errors.
import type {
  AnswerDto,
  CapturedMeetingDto,
  CategoryDto,
  ImportReportDto,
  ManagedUserDto,
  PackDto,
  PackEntryDto,
  QuestionDto,
  QuestionListDto,
  RedactionPreviewDto,
  SearchResultDto,
  ShownCountDto,
  SimilarResultDto,
  ThemeDto,
  TrendsDto,
  UserDto,
} from '@kb/api/contract';

export type { CategoryDto, QuestionDto, RedactionPreviewDto, UserDto };
// The web app speaks the API's own types, inferred from the schemas that validate its responses.
export type SearchResult = SearchResultDto;
export type SearchHit = SearchResultDto['hits'][number];
export type SimilarResult = SimilarResultDto;
export type Shown = ShownCountDto;
export type Answer = AnswerDto;
export type Theme = ThemeDto;
export type Trends = TrendsDto;
export type TrendPoint = TrendsDto['totals'][number];
export type Pack = PackDto;
export type PackEntry = PackEntryDto;
export type ManagedUser = ManagedUserDto;
export type ImportReport = ImportReportDto;
export type QuestionList = QuestionListDto;
export type CapturedMeeting = CapturedMeetingDto;

export interface FieldError {
  path: string;
  message: string;
}

/** The fields of an application/problem+json body (RFC 9457) the web app reads. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId: string | null;
  errors?: FieldError[];
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

  /** Field errors whose path starts with the prefix, e.g. "body.questions.1". */
  fieldErrors(prefix: string): FieldError[] {
    return this.errors.filter((e) => e.path === prefix || e.path.startsWith(`${prefix}.`));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** An ApiError from whatever a failed response carried: a problem, other JSON or nothing. */
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

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
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

function query(params: Record<string, string | number | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface AlertItem {
  kind: 'rising' | 'new-theme';
  by: 'category' | 'theme';
  key: string;
  name: string;
  count: Shown;
  expected: number;
  message: string;
}

export type AnswerInput = Pick<
  Answer,
  'body' | 'status' | 'answeredIn' | 'answeredOn' | 'reviewBy'
>;

export const api = {
  login: (email: string, password: string) =>
    request<{ user: UserDto }>('POST', '/auth/login', { email, password }),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<{ user: UserDto }>('GET', '/auth/me'),
  /** Ends the user's other sessions; this browser gets a new one. */
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('PUT', '/auth/password', { currentPassword, newPassword }),
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
  question: (id: string) => request<{ question: QuestionDto }>('GET', `/questions/${id}`),
  updateQuestion: (
    id: string,
    patch: { status?: string; categories?: string[]; themeId?: string },
  ) => request<{ question: QuestionDto }>('PATCH', `/questions/${id}`, patch),
  questionAnswer: (id: string) => request<{ answer: Answer }>('GET', `/questions/${id}/answer`),
  answerQuestion: (id: string, input: AnswerInput) =>
    request<{ answer: Answer }>('PUT', `/questions/${id}/answer`, input),
  themes: () => request<{ themes: Theme[]; k: number }>('GET', '/themes'),
  theme: (id: string) =>
    request<{
      theme: Theme;
      questions: { id: string; text: string; week: string; status: string }[];
    }>('GET', `/themes/${id}`),
  updateTheme: (id: string, patch: { name?: string | null; pinned?: boolean }) =>
    request<{ theme: Theme }>('PATCH', `/themes/${id}`, patch),
  mergeThemes: (id: string, themeIds: string[]) =>
    request<{ theme: Theme }>('POST', `/themes/${id}/merge`, { themeIds }),
  answerTheme: (id: string, input: AnswerInput) =>
    request<{ answer: Answer }>('PUT', `/themes/${id}/answer`, input),
  trends: (params: {
    by: 'category' | 'theme';
    bucket: 'week' | 'month';
    from?: string;
    to?: string;
    /** Only these series: category slugs or theme ids. */
    keys?: string[];
  }) => request<Trends>('GET', `/trends${query({ ...params, keys: params.keys?.join(',') })}`),
  alerts: (at?: string) =>
    request<{ window: { from: string; to: string; weeks: number }; alerts: AlertItem[] }>(
      'GET',
      `/alerts${query({ at })}`,
    ),
  packs: () => request<{ packs: Omit<Pack, 'entries'>[] }>('GET', '/packs'),
  pack: (id: string) => request<{ pack: Pack }>('GET', `/packs/${id}`),
  createPack: (name: string, eventOn: string | null, propose = true) =>
    request<{ pack: Pack }>('POST', '/packs', { name, eventOn, propose }),
  updatePack: (
    id: string,
    patch: {
      name?: string;
      eventOn?: string | null;
      items?: (
        { themeId: string; draftAnswer: string } | { questionId: string; draftAnswer: string }
      )[];
    },
  ) => request<{ pack: Pack }>('PATCH', `/packs/${id}`, patch),
  deletePack: (id: string) => request<void>('DELETE', `/packs/${id}`),
  users: () => request<{ users: ManagedUser[] }>('GET', '/users'),
  createUser: (email: string, password: string, role: string) =>
    request<{ user: ManagedUser }>('POST', '/users', { email, password, role }),
  updateUser: (id: string, patch: { role?: string; password?: string }) =>
    request<{ user: ManagedUser }>('PATCH', `/users/${id}`, patch),
  deleteUser: (id: string) => request<void>('DELETE', `/users/${id}`),
  createCategory: (input: {
    slug: string;
    name: string;
    colour: string;
    axis: string;
    description: string;
  }) => request<{ category: CategoryDto }>('POST', '/categories', input),
  deleteCategory: (id: string) => request<void>('DELETE', `/categories/${id}`),
  roster: () =>
    request<{ entries: { id: string; name: string; createdAt: string }[] }>('GET', '/roster'),
  addToRoster: (name: string) =>
    request<{ entry: { id: string; name: string } }>('POST', '/roster', { name }),
  removeFromRoster: (id: string) => request<void>('DELETE', `/roster/${id}`),
  importQuestions: (format: 'csv' | 'json', content: string, dryRun: boolean) =>
    request<ImportReport>('POST', '/import', { format, content, dryRun }),
};

/** The pack's items in the form the API takes back. */
export const packItems = (pack: Pack) =>
  pack.entries.map((e) =>
    e.kind === 'theme'
      ? { themeId: e.id, draftAnswer: e.draftAnswer }
      : { questionId: e.id, draftAnswer: e.draftAnswer },
  );

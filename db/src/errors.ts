// What may be said of an error in a log line or a stored status: its kinds, codes and where it
// happened, never a query's parameters or a row's values (they hold question text).

export interface ErrorDescription {
  /** The error's class and its causes' classes, outermost first: "DrizzleQueryError < PostgresError". */
  type: string;
  /** The first code in the chain: a SQLSTATE, a driver or engine code. */
  code?: string;
  /** The table, column and constraint a database error names. */
  table?: string;
  column?: string;
  constraint?: string;
  /** The message, only for errors whose messages carry no data (not driver or engine errors). */
  message?: string;
  /** Where it was thrown: the stack's frames without the message line. */
  frames?: string[];
}

/** Error classes whose messages or details repeat queries, parameters, rows or documents. */
const DATA_BEARING = new Set([
  'drizzlequeryerror',
  'postgreserror',
  'databaseerror',
  // The search client spelt it MeiliSearch… before, Meilisearch… now.
  'meilisearchapierror',
  'meilisearchrequesterror',
  'meilisearchtasktimeouterror',
]);

export function describeError(error: unknown): ErrorDescription {
  const types: string[] = [];
  const description: ErrorDescription = { type: '' };
  let carriesData = false;
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as {
      name?: unknown;
      constructor?: { name?: unknown };
      code?: unknown;
      table_name?: unknown;
      column_name?: unknown;
      constraint_name?: unknown;
      cause?: unknown;
    };
    const name =
      typeof e.name === 'string' && e.name !== 'Error'
        ? e.name
        : typeof e.constructor?.name === 'string'
          ? e.constructor.name
          : 'Error';
    types.push(name);
    if (
      DATA_BEARING.has(name.toLowerCase()) ||
      (typeof current === 'object' && 'query' in current)
    ) {
      carriesData = true;
    }
    if (description.code === undefined && typeof e.code === 'string') description.code = e.code;
    if (typeof e.table_name === 'string') description.table = e.table_name;
    if (typeof e.column_name === 'string') description.column = e.column_name;
    if (typeof e.constraint_name === 'string') description.constraint = e.constraint_name;
    // A Meilisearch error names its code on the cause object, which is not an error itself.
    if (e.cause && !(e.cause instanceof Error)) {
      const code = (e.cause as { code?: unknown }).code;
      if (description.code === undefined && typeof code === 'string') description.code = code;
      break;
    }
    current = e.cause;
  }
  description.type = types.join(' < ');
  if (!carriesData && error instanceof Error) description.message = error.message;
  if (error instanceof Error && error.stack) {
    description.frames = error.stack
      .split('\n')
      .filter((line) => line.startsWith('    at '))
      .slice(0, 12)
      .map((line) => line.trim());
  }
  return description;
}

/** One line for a stored status such as the outbox's last error. */
export function describeErrorBriefly(error: unknown): string {
  const d = describeError(error);
  const where = [d.table, d.column, d.constraint].filter(Boolean).join('.');
  return [d.type, d.code, where, d.message].filter(Boolean).join(': ');
}

// What may be said of an error in a log line or a stored status. An allow-list, the same for every
// error whatever its class: the classes of the error and its causes, a code, the database objects
// it names, an HTTP status and where it was thrown, each only in a shape that cannot hold a
// sentence. Messages and every other field stay out: drivers repeat a query's parameters in them,
// services echo the document they refused, JSON.parse quotes its input, and an error class written
// tomorrow would carry data before anyone thought to list it.

export interface ErrorDescription {
  /** The error's class and its causes' classes, outermost first: "DrizzleQueryError < PostgresError". */
  type: string;
  /** The first code in the chain: a SQLSTATE, a system, driver or service code. */
  code?: string;
  /** The database objects a database error names. */
  table?: string;
  column?: string;
  constraint?: string;
  /** The server function that raised it, e.g. "ri_ReportViolation". */
  routine?: string;
  /** The first HTTP status in the chain, for errors of a service called over HTTP. */
  status?: number;
  /** Where it was thrown: the stack's frames, without the message. */
  frames?: string[];
}

/** "23505", "57P01", "ECONNREFUSED", "FST_ERR_CTP_BODY_TOO_LARGE", "index_not_found". */
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** A Postgres identifier as the server reports it (at most 63 bytes). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;
const CLASS_NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,79}$/;
/** "at fn (file:1:2)", "at file:1:2", "at new Promise (<anonymous>)", "at async Promise.all (index 0)". */
const FRAME =
  /^at (?:.{1,200} \((?:[^()\s]+:\d+:\d+|<anonymous>|native|index \d+)\)|[^()\s]+:\d+:\d+)$/;

const MAX_DEPTH = 5;
const MAX_FRAMES = 12;

type Fields = Record<string, unknown>;

/** The first of these fields that is a string of the given shape. */
function safeString(fields: Fields, names: readonly string[], shape: RegExp): string | undefined {
  for (const name of names) {
    const value = fields[name];
    if (typeof value === 'string' && shape.test(value)) return value;
  }
  return undefined;
}

function safeStatus(fields: Fields): number | undefined {
  const response = fields.response;
  const candidates = [
    fields.status,
    fields.statusCode,
    typeof response === 'object' && response !== null ? (response as Fields).status : undefined,
  ];
  return candidates.find(
    (value): value is number =>
      Number.isInteger(value) && (value as number) >= 100 && (value as number) < 600,
  );
}

function className(error: Error): string {
  const candidates = [error.name, error.constructor?.name];
  return (
    candidates.find(
      (name) => typeof name === 'string' && CLASS_NAME.test(name) && name !== 'Error',
    ) ?? 'Error'
  );
}

/** The frames only: the stack starts with the message, which may run over several lines. */
function framesOf(error: Error): string[] | undefined {
  if (typeof error.stack !== 'string') return undefined;
  const message = typeof error.message === 'string' ? error.message : '';
  const end = message ? error.stack.indexOf(message) : -1;
  const afterMessage = end >= 0 ? error.stack.slice(end + message.length) : error.stack;
  const frames = afterMessage
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => FRAME.test(line))
    .slice(0, MAX_FRAMES);
  return frames.length > 0 ? frames : undefined;
}

/** The error and its causes, outermost first. */
function chainOf(error: unknown): Fields[] {
  const chain: Fields[] = [];
  let link = error;
  while (typeof link === 'object' && link !== null && chain.length < MAX_DEPTH) {
    chain.push(link as Fields);
    link = (link as Fields).cause;
  }
  return chain;
}

export function describeError(error: unknown): ErrorDescription {
  const chain = chainOf(error);
  const first = <T>(read: (link: Fields) => T | undefined) =>
    chain.map(read).find((value) => value !== undefined);
  const description: ErrorDescription = {
    // A cause that is not an error (a service's parsed refusal, say) adds fields but no class.
    type:
      chain
        .filter((link): link is Fields & Error => link instanceof Error)
        .map(className)
        .join(' < ') || typeof error,
    code: first((link) => safeString(link, ['code'], CODE)),
    // postgres.js spells them table_name…, PGlite table….
    table: first((link) => safeString(link, ['table_name', 'table'], IDENTIFIER)),
    column: first((link) => safeString(link, ['column_name', 'column'], IDENTIFIER)),
    constraint: first((link) => safeString(link, ['constraint_name', 'constraint'], IDENTIFIER)),
    routine: first((link) => safeString(link, ['routine'], IDENTIFIER)),
    status: first(safeStatus),
    frames: error instanceof Error ? framesOf(error) : undefined,
  };
  // What the chain does not hold is left out rather than logged as undefined.
  return Object.fromEntries(
    Object.entries(description).filter(([, value]) => value !== undefined),
  ) as ErrorDescription;
}

/** One line for a stored status such as the outbox's last error. */
export function describeErrorBriefly(error: unknown): string {
  const d = describeError(error);
  const where = [d.table, d.column, d.constraint].filter(Boolean).join('.');
  return [d.type, d.code, where, d.status === undefined ? '' : `HTTP ${d.status}`]
    .filter(Boolean)
    .join(': ');
}

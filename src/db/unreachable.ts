/**
 * A database that cannot be reached at start (server down, wrong host or port, no such database, refused
 * sign-in) as one domain error naming where it looked and what to check, instead of a driver stack trace.
 */
import { ConflictError } from '../shared/errors.ts';

/** Socket errors: nothing answers there. */
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
/** PostgreSQL SQLSTATEs of a refused connection: no such database, sign-in refused, starting or shutting down, too many clients. */
const REFUSED = new Set(['3D000', '28000', '28P01', '57P03', '53300', '55000']);

/** Where the URL points, without user or password. */
function placeOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'db.url';
  }
}

/** The driver's code and message, e.g. `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1`. */
function whyOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}`;
}

/** A SQLite file that cannot be opened or is no database, as E_DATABASE_UNREACHABLE. */
export function sqliteUnopenable(error: unknown, file: string): ConflictError {
  const why = whyOf(error);
  return new ConflictError('E_DATABASE_UNREACHABLE', {
    message: {
      zh: `无法打开 SQLite 数据库 ${file}(${why}):请检查 db.url(CUSTOS_DB_URL)、该文件是否为 Custos 的数据库、所在文件夹是否可写`,
      en: `cannot open the SQLite database ${file} (${why}): check db.url (CUSTOS_DB_URL), that the file is a Custos database and that its folder is writable`,
    },
  });
}

/** The error as E_DATABASE_UNREACHABLE when it says the database could not be reached; otherwise undefined. */
export function databaseUnreachable(error: unknown, url: string): ConflictError | undefined {
  if (!(error instanceof Error) || url.startsWith('sqlite:')) return undefined;
  const code = (error as { code?: unknown }).code;
  const timedOut = /timeout exceeded when trying to connect|Connection terminated due to connection timeout/i.test(error.message);
  if (typeof code !== 'string' ? !timedOut : !NETWORK.has(code) && !REFUSED.has(code)) return undefined;
  const place = placeOf(url);
  const why = whyOf(error);
  return new ConflictError('E_DATABASE_UNREACHABLE', {
    message: {
      zh: `无法连接数据库 ${place}(${why}):请检查 db.url(CUSTOS_DB_URL)、PostgreSQL 是否在运行、该数据库是否存在及用户能否登录`,
      en: `cannot reach the database at ${place} (${why}): check db.url (CUSTOS_DB_URL), that PostgreSQL is running, that the database exists and that its user may sign in`,
    },
  });
}

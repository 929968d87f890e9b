/**
 * A PostgreSQL connection of its own, outside the pool, for what lives as long as the connection does:
 * the leader's advisory lock and LISTEN. The schema in use names the cluster (tests run many on one
 * database), so that locks and channels of different schemas never meet.
 */
import pg from 'pg';

export interface PgTarget {
  url: string;
  /** The schema the pool uses (tests); none: the server's default search path. */
  schema?: string | undefined;
}

/** Answers within this long or the connection counts as lost (a half-open socket must not keep a leader). */
const QUERY_TIMEOUT_MS = 5_000;

export async function openDedicated(target: PgTarget, onLost: (client: pg.Client, error?: Error) => void): Promise<{ client: pg.Client; schema: string }> {
  const client = new pg.Client({
    connectionString: target.url,
    keepAlive: true,
    query_timeout: QUERY_TIMEOUT_MS,
    connectionTimeoutMillis: QUERY_TIMEOUT_MS,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  let lost = false;
  const lose = (error?: Error) => {
    if (lost) return;
    lost = true;
    onLost(client, error);
  };
  client.on('error', lose);
  client.on('end', () => lose());
  try {
    await client.connect();
    const result = await client.query<{ schema: string }>('select current_schema() as schema');
    return { client, schema: result.rows[0]?.schema ?? 'public' };
  } catch (error) {
    lost = true;
    await client.end().catch(() => undefined);
    throw error;
  }
}

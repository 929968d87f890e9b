import type { DbDialect } from '../db/connect.ts';
import { InvalidError } from '../shared/errors.ts';

/** Leases need row locks that skip locked rows (FOR UPDATE SKIP LOCKED) and one database for every process. */
export function requirePostgres(dialect: DbDialect): void {
  if (dialect === 'postgres') return;
  throw new InvalidError('E_CLUSTER_NEEDS_POSTGRES', {
    message: {
      zh: '集群模式(cluster.enabled)需要 PostgreSQL 数据库(db.url 为 postgres://…),不能使用 SQLite',
      en: 'Cluster mode (cluster.enabled) needs PostgreSQL (db.url postgres://…), not SQLite',
    },
  });
}

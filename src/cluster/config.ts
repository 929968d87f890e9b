import { z } from 'zod';

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/**
 * Several processes on one PostgreSQL database (issue 16, README "Past one machine"): `custos recorder`
 * processes share the cameras through leases, `custos serve` processes answer the API and record nothing,
 * and what must run once (ledger follower, retention sweep, health, schedules) runs on the one process
 * that holds the cluster's advisory lock.
 */
export const clusterConfig = z
  .strictObject({
    /** Cluster mode: needs PostgreSQL (E_CLUSTER_NEEDS_POSTGRES). Off: one process records and serves. */
    enabled: flag.default(false),
    /** This process's name in the cluster (status, leases); default `<host name>-<pid>`. */
    nodeId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(),
    /** A camera's lease lasts this long without renewal; a dead recorder's cameras are taken over after it. */
    leaseSeconds: z.coerce.number().int().min(3).max(120).default(8),
    /** How often a recorder renews its leases, claims free cameras and reports its status. */
    renewSeconds: z.coerce.number().min(0.5).max(30).default(2),
    /** Cameras one recorder aims to hold; default: the active cameras spread evenly over the live recorders. */
    camerasPerRecorder: z.coerce.number().int().min(1).max(10_000).optional(),
    /** Where a recorder serves live fragments to the API processes (internal, HMAC-signed requests). */
    recorderHost: z.string().min(1).default('127.0.0.1'),
    recorderPort: z.coerce.number().int().min(0).max(65535).default(0),
    /** The address API processes reach this recorder at; default: recorderHost. */
    advertiseHost: z.string().min(1).optional(),
  })
  .prefault({});

export type ClusterConfig = z.infer<typeof clusterConfig>;

export const CLUSTER_ENV_KEYS: Record<string, string[]> = {
  CUSTOS_CLUSTER_ENABLED: ['cluster', 'enabled'],
  CUSTOS_CLUSTER_NODE_ID: ['cluster', 'nodeId'],
  CUSTOS_CLUSTER_LEASE_SECONDS: ['cluster', 'leaseSeconds'],
  CUSTOS_CLUSTER_RENEW_SECONDS: ['cluster', 'renewSeconds'],
  CUSTOS_CLUSTER_CAMERAS_PER_RECORDER: ['cluster', 'camerasPerRecorder'],
  CUSTOS_CLUSTER_RECORDER_HOST: ['cluster', 'recorderHost'],
  CUSTOS_CLUSTER_RECORDER_PORT: ['cluster', 'recorderPort'],
  CUSTOS_CLUSTER_ADVERTISE_HOST: ['cluster', 'advertiseHost'],
};

/**
 * What an API process of a cluster (`custos serve` with cluster.enabled) needs of the recorder processes:
 * their reported status, live fragments from the one holding each camera, and the list of recorders.
 */
import type { Config } from '../config/schema.ts';
import type { Db } from '../db/connect.ts';
import { KeyRing } from '../security/key-ring.ts';
import { ClusterRecorderView } from './cluster-recorder-view.ts';
import { clusterRecorderNodes, type RecorderNodesSource } from './recorder-nodes.ts';
import { RemoteLiveSource } from './remote-live.ts';

export interface ApiClusterSide {
  view: ClusterRecorderView;
  nodes: RecorderNodesSource;
  stop(): void;
}

export async function startApiClusterSide(db: Db, config: Config, log?: { warn(fields: object, message: string): void }): Promise<ApiClusterSide> {
  const key = await new KeyRing(config.dataDir).clusterKey();
  const live = new RemoteLiveSource({ db, key, log });
  const view = new ClusterRecorderView({ db, leaseSeconds: config.cluster.leaseSeconds, live, log });
  await view.start();
  return {
    view,
    nodes: clusterRecorderNodes(db, config.cluster.leaseSeconds),
    stop() {
      view.stop();
      live.close();
    },
  };
}

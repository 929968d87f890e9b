/** Refusals of an API process that cannot join its cluster (server start). */
import { ConflictError } from '../shared/errors.ts';

/** Checkpoints already signed by another key: this node's `<dataDir>/keys` is not the cluster's. */
export const clusterLedgerKeyDiffers = (ownKeyId: string, clusterKeyId: string) =>
  new ConflictError('E_CLUSTER_LEDGER_KEY_DIFFERS', {
    article: '15',
    message: {
      zh: `本节点的账本签名密钥(${ownKeyId})与集群已签名检查点所用密钥(${clusterKeyId})不同:请把首个节点的 <dataDir>/keys 复制到本节点`,
      en: `This node's ledger signing key (${ownKeyId}) is not the one the cluster's checkpoints are signed with (${clusterKeyId}): copy <dataDir>/keys from the first node to this one`,
    },
    details: { ownKeyId, clusterKeyId },
  });

import { RedisClusterError } from './redis-cluster-error';

/** No seed node answered with a usable topology. Lists every address tried and why each failed. */
export class ClusterConnectError extends RedisClusterError {
  override readonly name = 'ClusterConnectError';

  constructor(
    readonly addresses: string[],
    readonly causes: Error[],
  ) {
    const reasons = addresses.map((a, i) => `${a} (${causes[i]?.message ?? 'no answer'})`).join(', ');
    super('ERR_CLUSTER_CONNECT', `could not load the cluster topology from any seed: ${reasons}`, {
      cause: causes[0],
    });
  }
}

import type { Logger } from '@nestjs/common';
import type { RedisClusterClient } from '../core/cluster/client/cluster-client';
import type { NodeStateChange, TopologyChange } from '../core/cluster/health/health-types';

export type ClientEventSource = Pick<RedisClusterClient, 'on' | 'off' | 'health'>;

/**
 * Bridges the client's events to Nest's logger. Only addresses, roles, states and error messages
 * are logged; the core keeps secrets out of all of them. Returns the function that detaches.
 */
export function logClientEvents(client: ClientEventSource, logger: Logger): () => void {
  const onReady = (): void => {
    const nodes = client.health().nodes;
    const masters = nodes.filter((n) => n.role === 'master').length;
    logger.log(`ready: ${masters} masters, ${nodes.length - masters} replicas`);
  };
  const onClose = (): void => logger.log('closed');
  const onNodeState = (change: NodeStateChange): void => {
    const line = `${change.role} ${change.address} ${change.from} -> ${change.to}`;
    if (change.to === 'up') logger.log(line);
    else logger.warn(change.error ? `${line}: ${change.error}` : line);
  };
  const onTopology = (change: TopologyChange): void => {
    if (change.promoted.length > 0) logger.warn(`failover: promoted to master ${change.promoted.join(', ')}`);
    if (change.added.length > 0) logger.log(`nodes added: ${change.added.join(', ')}`);
    if (change.removed.length > 0) logger.log(`nodes removed: ${change.removed.join(', ')}`);
  };
  const onError = (error: Error): void => logger.warn(error.message);
  const onWarning = (message: string): void => logger.warn(message);

  client.on('ready', onReady);
  client.on('close', onClose);
  client.on('nodeStateChange', onNodeState);
  client.on('topologyChange', onTopology);
  client.on('error', onError);
  client.on('warning', onWarning);
  return () => {
    client.off('ready', onReady);
    client.off('close', onClose);
    client.off('nodeStateChange', onNodeState);
    client.off('topologyChange', onTopology);
    client.off('error', onError);
    client.off('warning', onWarning);
  };
}

import { jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { logClientEvents, type ClientEventSource } from '../../../lib/nest/log-client-events';
import { healthySnapshot } from './snapshots';

function fakeClient(): EventEmitter & ClientEventSource {
  return Object.assign(new EventEmitter(), { health: healthySnapshot }) as unknown as EventEmitter & ClientEventSource;
}

describe('logClientEvents', () => {
  let logger: Logger;
  let lines: string[];

  beforeEach(() => {
    logger = new Logger('RedisCluster:test');
    lines = [];
    for (const level of ['log', 'warn', 'error'] as const) {
      jest.spyOn(logger, level).mockImplementation((...args: unknown[]) => void lines.push(`${level} ${String(args[0])}`));
    }
  });

  it('logs readiness, node state changes, failovers, membership and client errors', () => {
    const client = fakeClient();
    logClientEvents(client, logger);
    const change = { address: '127.0.0.1:7001', id: 'b', role: 'master' as const, error: 'ECONNRESET' };
    client.emit('ready');
    client.emit('nodeStateChange', { ...change, from: 'up', to: 'suspect' });
    client.emit('nodeStateChange', { ...change, from: 'suspect', to: 'down' });
    client.emit('nodeStateChange', { ...change, from: 'down', to: 'up', error: undefined });
    client.emit('topologyChange', { added: ['127.0.0.1:7006'], removed: ['127.0.0.1:7001'], promoted: ['127.0.0.1:7004'] });
    client.emit('topologyChange', { added: [], removed: [], promoted: [] });
    client.emit('error', new Error('topology reload failed'));
    client.emit('close');
    expect(lines).toEqual([
      'log ready: 3 masters, 3 replicas',
      'warn master 127.0.0.1:7001 up -> suspect: ECONNRESET',
      'warn master 127.0.0.1:7001 suspect -> down: ECONNRESET',
      'log master 127.0.0.1:7001 down -> up',
      'warn failover: promoted to master 127.0.0.1:7004',
      'log nodes added: 127.0.0.1:7006',
      'log nodes removed: 127.0.0.1:7001',
      'warn topology reload failed',
      'log closed',
    ]);
  });

  it('logs client warnings (TLS without certificate checks) as warnings', () => {
    const client = fakeClient();
    logClientEvents(client, logger);
    client.emit('warning', 'tls.rejectUnauthorized is false');
    expect(lines).toEqual(['warn tls.rejectUnauthorized is false']);
  });

  it('detaches every listener it attached', () => {
    const client = fakeClient();
    const detach = logClientEvents(client, logger);
    detach();
    for (const event of ['ready', 'close', 'nodeStateChange', 'topologyChange', 'error', 'warning']) {
      expect(client.listenerCount(event)).toBe(0);
    }
  });
});

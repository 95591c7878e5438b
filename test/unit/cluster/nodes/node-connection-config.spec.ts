/** Every socket's configuration, as pure functions of the resolved options. */
import { heartbeatConnectionConfig, nodeConnectionConfig } from '../../../../lib/core/cluster/nodes/node-connection-config';
import { resolveOptions } from '../../../../lib/core/options/resolve-options';

describe('nodeConnectionConfig', () => {
  it('carries the options every socket needs, for the node asked', () => {
    const options = resolveOptions({
      nodes: [{ host: '127.0.0.1', port: 7000 }],
      username: 'app',
      password: 'pw',
      clientName: 'svc',
      readOnly: true,
    });
    const config = nodeConnectionConfig(options, { host: '127.0.0.2', port: 7001 });
    expect(config).toMatchObject({
      host: '127.0.0.2',
      port: 7001,
      username: 'app',
      clientName: 'svc',
      readOnly: true,
      readTimeout: options.readTimeout,
    });
    expect(config.password).toBe(options.password);
  });
});

describe('heartbeatConnectionConfig', () => {
  it('fails fast (a PING slower than the misses allowed is a miss) and is named apart', () => {
    const options = resolveOptions({
      nodes: [{ host: '127.0.0.1', port: 7000 }],
      clientName: 'svc',
      heartbeatInterval: 500,
      heartbeatFailures: 3,
    });
    const config = heartbeatConnectionConfig(options, nodeConnectionConfig(options, { host: '127.0.0.2', port: 7001 }));
    expect(config.readTimeout).toBe(1500);
    expect(config.clientName).toBe('svc:heartbeat');
    expect(config.host).toBe('127.0.0.2');
  });

  it('stays unnamed when the client is', () => {
    const options = resolveOptions({ nodes: [{ host: '127.0.0.1', port: 7000 }] });
    expect(heartbeatConnectionConfig(options, nodeConnectionConfig(options, { host: '127.0.0.2', port: 7001 })).clientName).toBeUndefined();
  });
});

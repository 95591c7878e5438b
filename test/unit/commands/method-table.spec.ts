import { EXCLUDED, isExcluded, METHOD_OVERRIDES, methodNameOf } from '../../../lib/core/commands/method-table';
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';

describe('method-table: which method serves which command', () => {
  it('derives camelCase names for commands and subcommands', () => {
    expect(methodNameOf('GET')).toBe('get');
    expect(methodNameOf('fcall_ro')).toBe('fcallRo');
    expect(methodNameOf('xinfo|stream')).toBe('xinfoStream');
    expect(methodNameOf('OBJECT|IDLETIME')).toBe('objectIdletime');
    expect(methodNameOf('xgroup|createconsumer')).toBe('xgroupCreateConsumer');
    expect(methodNameOf('scan')).toBe('scanIterator');
  });

  it('every override names a method the client has', () => {
    const client = RedisClusterClient.prototype as unknown as Record<string, unknown>;
    for (const method of Object.values(METHOD_OVERRIDES)) expect(typeof client[method]).toBe('function');
  });

  it('excludes help subcommands and the listed commands, each with a reason', () => {
    expect(isExcluded('xinfo|help')).toBe(true);
    expect(isExcluded('MIGRATE')).toBe(true);
    expect(isExcluded('migrate_not')).toBe(false);
    expect(isExcluded('toString')).toBe(false);
    for (const reason of Object.values(EXCLUDED)) expect(reason.length).toBeGreaterThan(20);
  });
});

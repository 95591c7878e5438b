import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { defineCommand } from '../../../lib/core/commands/command-spec';
import { CommandRegistry } from '../../../lib/core/commands/command-registry';
import { CONNECTION_STATE_COMMANDS, refusalOf } from '../../../lib/core/commands/connection-state-commands';
import { RedisClusterError } from '../../../lib/core/errors/redis-cluster-error';
import { UnsupportedCommandError } from '../../../lib/core/errors/unsupported-command-error';
import type { RespArg } from '../../../lib/core/resp/types';
import { rejection } from '../../helpers/rejection';

/** `CLIENT|REPLY` -> ['CLIENT', 'REPLY'] */
const argvOf = (specName: string): string[] => specName.split('|');

describe('connection-state commands', () => {
  const registry = new CommandRegistry();

  it.each([...CONNECTION_STATE_COMMANDS.entries()])(
    '%s is refused by the table and by its spec, naming what to use instead',
    (name, useInstead) => {
      const argv = argvOf(name);
      const error = refusalOf(argv);
      expect(error).toBeInstanceOf(UnsupportedCommandError);
      expect(error).toBeInstanceOf(RedisClusterError);
      expect(error?.code).toBe('ERR_UNSUPPORTED_COMMAND');
      expect(error?.command).toBe(argv.join(' '));
      expect(error?.message).toContain(useInstead);
      // Built-in specs carry it; commands the table knows but the registry does not (HELLO, SELECT ...) are refused by name.
      const spec = registry.resolve(argv);
      if (spec !== undefined && spec.name === name) expect(spec.useInstead).toBe(useInstead);
      // A spec learned from the server's COMMAND reply is completed by the same defineCommand.
      expect(defineCommand({ name: name.toLowerCase(), keys: [] }).useInstead).toBe(useInstead);
    },
  );

  it.each<[RespArg[], string]>([
    [['MULTI'], 'client.multi()'],
    [['exec'], 'client.multi()'],
    [['WATCH', 'k'], 'client.watch(keys, fn)'],
    [['subscribe', 'x'], 'client.subscribe()'],
    [['PSUBSCRIBE', 'x*'], 'client.psubscribe()'],
    [['SSUBSCRIBE', 'x'], 'client.ssubscribe()'],
    [['sunsubscribe'], 'client.sunsubscribe()'],
    [['HELLO', '2'], '`protocol`'],
    [['AUTH', 'pw'], '`password`'],
    [['client', 'setname', 'x'], '`clientName`'],
    [['Client', 'Reply', 'SKIP'], 'not supported on a cluster client'],
    [['CLIENT', 'TRACKING', 'on'], 'not supported on a cluster client'],
    [['SELECT', 1], 'not supported on a cluster client'],
    [['MONITOR'], 'not supported on a cluster client'],
    [['QUIT'], 'client.close()'],
    [['READONLY'], '`readOnly`'],
  ])('%j names %s', (argv, api) => {
    expect(refusalOf(argv)?.message).toContain(api);
  });

  it('reads a command name given as a Buffer', () => {
    expect(refusalOf([Buffer.from('client'), Buffer.from('reply'), 'OFF'])?.command).toBe('CLIENT REPLY');
  });

  it.each<RespArg[]>([
    ['GET', 'k'],
    ['SET', 'k', 'v'],
    ['CLIENT', 'ID'],
    ['CLIENT', 'LIST'],
    ['CLIENT'],
    ['BLPOP', 'l', 1],
    ['WAIT', 1, 0],
    ['XREAD', 'BLOCK', 0, 'STREAMS', 's', '$'],
    ['PUBLISH', 'c', 'm'],
    ['PING'],
    [42],
  ])('%j may be sent', (...argv) => {
    expect(refusalOf(argv)).toBeUndefined();
    expect(registry.resolve(argv)?.useInstead).toBeUndefined();
  });

  // A pipeline's exec() on an unconnected client rejects whole (ClientClosedError); its entry-level
  // refusal is held by test/integration/bad-arguments.spec.ts on a connected client.
  describe('on a client (no network needed: refused before anything is routed)', () => {
    const client = new RedisClusterClient({ nodes: ['127.0.0.1:1'] });

    it.each<[string, () => Promise<unknown>]>([
      ['call', () => client.call('CLIENT', 'REPLY', 'SKIP')],
      ['callBuffer', () => client.callBuffer('multi')],
      ['call, unknown to the registry', () => client.call('SELECT', 1)],
      ['a transaction entry (the whole exec)', () => client.multi().set('{t}a', '1').call('SUBSCRIBE', 'x').exec()],
    ])('%s', async (_way, attempt) => {
      expect(await rejection(attempt())).toBeInstanceOf(UnsupportedCommandError);
    });
  });
});

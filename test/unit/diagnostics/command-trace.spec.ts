import { tracingChannel } from 'node:diagnostics_channel';
import { CommandRegistry } from '../../../lib/core/commands/command-registry';
import type { CommandTraceContext, ObservedClient } from '../../../lib/core/diagnostics';
import { commandChannel } from '../../../lib/core/diagnostics/channels';
import { reasonOf, startCommandTrace, type CommandTraceSource } from '../../../lib/core/diagnostics/command-trace';
import { ConnectionError } from '../../../lib/core/errors/connection-error';
import { MovedError } from '../../../lib/core/errors/moved-error';
import { ReplyError } from '../../../lib/core/errors/reply-error';

const registry = new CommandRegistry();
const client: ObservedClient = { nodePoolStats: () => ({}), health: () => ({ nodes: [] }) };
const source = (sanitizedArgs = false): CommandTraceSource => ({
  client,
  sanitizedArgs,
  roleOf: (address) => (address === '127.0.0.1:7001' ? 'replica' : 'master'),
});
const channel = tracingChannel<unknown, CommandTraceContext>('slotline:command');

function subscribe(): { phases: string[]; stop(): void } {
  const phases: string[] = [];
  const on = (phase: string) => () => void phases.push(phase);
  const handlers = { start: on('start'), end: on('end'), asyncStart: on('asyncStart'), asyncEnd: on('asyncEnd'), error: on('error') };
  channel.subscribe(handlers);
  return { phases, stop: () => channel.unsubscribe(handlers) };
}

describe('command traces', () => {
  it('has subscribers only while someone listens: the one check the client makes per command', () => {
    expect(commandChannel.hasSubscribers).toBe(false);
    const sub = subscribe();
    expect(commandChannel.hasSubscribers).toBe(true);
    sub.stop();
    expect(commandChannel.hasSubscribers).toBe(false);
  });

  it('starts with name, key count and slot; finishes with the last node, its role, attempt, redirects and failures', () => {
    const sub = subscribe();
    try {
      const args = ['mget', 'a', 'b'];
      const trace = startCommandTrace(source(), args, registry.resolve(args), 42);
      expect(sub.phases).toEqual(['start', 'end']);
      expect(trace).toMatchObject({ command: 'MGET', keyCount: 2, slot: 42, args: undefined, attempt: 1, address: '' });
      trace.failedAttempt('redirect', new MovedError('MOVED 42 127.0.0.1:7002', 42, '127.0.0.1', 7002), '127.0.0.1:7000');
      trace.failedAttempt('retry', new ConnectionError('gone', '127.0.0.1:7002', false), '127.0.0.1:7002');
      trace.finish({ address: '127.0.0.1:7001', slot: 42, attempts: 1, redirects: 1 }, null);
      expect(sub.phases).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
      expect(trace).toMatchObject({ address: '127.0.0.1:7001', role: 'replica', attempt: 2, redirects: 1 });
      expect(trace.error).toBeUndefined();
      expect(trace.failures).toEqual([
        { outcome: 'redirect', reason: 'MOVED', address: '127.0.0.1:7000' },
        { outcome: 'retry', reason: 'ERR_CONNECTION', address: '127.0.0.1:7002' },
      ]);
    } finally {
      sub.stop();
    }
  });

  it('publishes error before asyncStart when the command fails, with the error on the context', () => {
    const sub = subscribe();
    try {
      const trace = startCommandTrace(source(), ['GET', 'k'], registry.resolve(['GET', 'k']), 1);
      const error = new ReplyError('WRONGTYPE', 'WRONGTYPE wrong kind');
      trace.finish({ address: '', slot: 1, attempts: 0, redirects: 0 }, error);
      expect(sub.phases).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd']);
      expect(trace.error).toBe(error);
      expect(trace.role).toBeUndefined();
    } finally {
      sub.stop();
    }
  });

  it('shows subscribers only the documented fields (the source stays private)', () => {
    const trace = startCommandTrace(source(true), ['SET', 'k', 'v'], registry.resolve(['SET', 'k', 'v']), 7);
    expect(Object.keys(trace).sort()).toEqual([
      'address',
      'args',
      'attempt',
      'client',
      'command',
      'failures',
      'keyCount',
      'redirects',
      'role',
      'slot',
    ]);
    expect(trace.args).toEqual(['SET', 'k', '?']);
  });

  it('names a command the registry does not know by its first argument, with no keys', () => {
    const trace = startCommandTrace(source(true), ['module.cmd', 'x'], undefined, -1);
    expect(trace).toMatchObject({ command: 'MODULE.CMD', keyCount: 0, args: ['MODULE.CMD', '?'] });
  });

  it('gives reasons by stable code, never by message', () => {
    expect(reasonOf(new ReplyError('TRYAGAIN', 'TRYAGAIN later'))).toBe('TRYAGAIN');
    expect(reasonOf(new TypeError('x'))).toBe('TypeError');
  });
});

import { Command } from '../../../lib/core/connection/command';
import { ReplicaAcks } from '../../../lib/core/connection/replica-acks';
import { ReplicationError } from '../../../lib/core/errors/replication-error';
import type { RespValue } from '../../../lib/core/resp/types';

interface Outcome {
  error: Error | null;
  reply: RespValue;
}

function command(args: string[], needsAck: boolean, outcomes: Outcome[]): Command {
  const c = new Command(args, (error, reply) => outcomes.push({ error, reply }));
  c.needsAck = needsAck;
  return c;
}

describe('ReplicaAcks (waitReplicas)', () => {
  const ADDRESS = '127.0.0.1:7000';

  it('adds no WAIT to a batch of reads', () => {
    const acks = new ReplicaAcks(1, 100, ADDRESS);
    acks.noteSent(command(['GET', 'k'], false, []));
    expect(acks.takeWait()).toBeUndefined();
  });

  it('one WAIT per batch that carried writes, with the configured count and timeout', () => {
    const acks = new ReplicaAcks(2, 250, ADDRESS);
    acks.noteSent(command(['SET', 'a', '1'], true, []));
    acks.noteSent(command(['SET', 'b', '1'], true, []));
    const wait = acks.takeWait();
    expect(wait?.args).toEqual(['WAIT', 2, 250]);
    expect(acks.takeWait()).toBeUndefined(); // the next batch starts clean
  });

  it('holds write replies until WAIT confirms enough replicas, then releases them in order', () => {
    const acks = new ReplicaAcks(1, 100, ADDRESS);
    const outcomes: Outcome[] = [];
    const write1 = command(['SET', 'a', '1'], true, outcomes);
    const write2 = command(['INCR', 'b'], true, outcomes);
    const read = command(['GET', 'a'], false, outcomes);
    [write1, write2, read].forEach((c) => acks.noteSent(c));
    const wait = acks.takeWait()!;
    expect(acks.hold(write1, 'OK')).toBe(true);
    expect(acks.hold(write2, 2)).toBe(true);
    expect(acks.hold(read, '1')).toBe(false); // the caller settles a read at once
    expect(outcomes).toEqual([]);
    wait.settle(null, 1);
    expect(outcomes).toEqual([
      { error: null, reply: 'OK' },
      { error: null, reply: 2 },
    ]);
  });

  it('fails held writes with ReplicationError when WAIT counts too few replicas', () => {
    const acks = new ReplicaAcks(2, 100, ADDRESS);
    const outcomes: Outcome[] = [];
    const write = command(['SET', 'a', '1'], true, outcomes);
    acks.noteSent(write);
    const wait = acks.takeWait()!;
    acks.hold(write, 'OK');
    wait.settle(null, 1);
    const error = outcomes[0].error as ReplicationError;
    expect(error).toBeInstanceOf(ReplicationError);
    expect(error.code).toBe('ERR_REPLICATION');
    expect(error.message).toContain('reached 1 of 2');
  });

  it('fails held writes when WAIT itself fails (a demoted master), keeping the cause', () => {
    const acks = new ReplicaAcks(1, 100, ADDRESS);
    const outcomes: Outcome[] = [];
    const write = command(['SET', 'a', '1'], true, outcomes);
    acks.noteSent(write);
    const wait = acks.takeWait()!;
    acks.hold(write, 'OK');
    const demoted = new Error('WAIT cannot be used with replica instances');
    wait.settle(demoted, null);
    expect(outcomes[0].error).toBeInstanceOf(ReplicationError);
    expect((outcomes[0].error as ReplicationError).message).toContain('reached 0 of 1');
    expect((outcomes[0].error as Error).cause).toBe(demoted);
  });

  it('failAll settles every held write with the error, once', () => {
    const acks = new ReplicaAcks(1, 100, ADDRESS);
    const outcomes: Outcome[] = [];
    const write = command(['SET', 'a', '1'], true, outcomes);
    acks.hold(write, 'OK');
    const lost = new Error('socket closed');
    acks.failAll(lost);
    acks.failAll(lost);
    expect(outcomes).toEqual([{ error: lost, reply: null }]);
  });
});

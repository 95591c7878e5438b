import type { RespArg, RespValue } from '../resp/types';

export type CommandCallback = (error: Error | null, reply: RespValue) => void;

/**
 * One command on its way through a connection. Allocated once per call and reused across
 * retries; `written` is reset before each attempt so the retry policy knows whether the server
 * may have seen it.
 */
export class Command {
  written = false;
  /**
   * RESP3 answers (UN)SUBSCRIBE with one push frame per channel instead of a reply: the command is
   * complete once this many confirmations of its own kind have arrived.
   */
  expectPushes = 0;
  /** A write whose reply waits for `waitReplicas` replicas to confirm it (see ReplicaAcks). */
  needsAck = false;

  constructor(
    readonly args: RespArg[],
    public callback: CommandCallback = ignore,
    readonly buffers = false,
  ) {}

  /** Called exactly once per attempt by the connection or pool; subclasses override it instead of allocating a callback. */
  settle(error: Error | null, reply: RespValue): void {
    this.callback(error, reply);
  }

  get name(): string {
    const name = this.args[0];
    return typeof name === 'string' ? name.toUpperCase() : String(name).toUpperCase();
  }
}

function ignore(): void {}

/** A command whose reply is wanted as a promise: handshakes, topology fetches, heartbeats. */
export function commandPromise(args: RespArg[], buffers = false): { command: Command; reply: Promise<RespValue> } {
  let command!: Command;
  const reply = new Promise<RespValue>((resolve, reject) => {
    command = new Command(args, (error, value) => (error ? reject(error) : resolve(value)), buffers);
  });
  return { command, reply };
}

import { encodeCommand } from '../resp/encoder';
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
  /**
   * The wire bytes, encoded here and nowhere else: a bad argument throws InvalidArgumentError from
   * the constructor, before the command can join any queue, and a retry reuses the bytes.
   */
  readonly encoded: string | Buffer;

  constructor(
    readonly args: RespArg[],
    public callback: CommandCallback = ignore,
    readonly buffers = false,
  ) {
    this.encoded = encodeCommand(args);
  }

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

/**
 * A command whose reply is wanted as a promise: handshakes, topology fetches, heartbeats.
 * Throws InvalidArgumentError synchronously for a bad argument, with nothing created to send.
 */
export function commandPromise(args: RespArg[], buffers = false): { command: Command; reply: Promise<RespValue> } {
  const command = new Command(args, ignore, buffers);
  const reply = new Promise<RespValue>((resolve, reject) => {
    command.callback = (error, value) => (error ? reject(error) : resolve(value));
  });
  return { command, reply };
}

/**
 * One socket write's bytes for `batch`, each command marked written. Commands were encoded when
 * created, so this only joins bytes and cannot fail on an argument. Text stays one string (the
 * socket encodes it in one go); a binary command forces one Buffer for the whole write.
 */
export function joinWritten(batch: readonly Command[]): string | Buffer {
  let text = '';
  let buffers: Buffer[] | undefined;
  for (const command of batch) {
    command.written = true;
    const encoded = command.encoded;
    if (typeof encoded === 'string') text += encoded;
    else {
      buffers ??= [];
      if (text.length > 0) buffers.push(Buffer.from(text));
      text = '';
      buffers.push(encoded);
    }
  }
  if (buffers === undefined) return text;
  if (text.length > 0) buffers.push(Buffer.from(text));
  return buffers.length === 1 ? buffers[0] : Buffer.concat(buffers);
}

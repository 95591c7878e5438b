import type { OnReadOpts } from 'node:net';

/** Where a socket's bytes go. `transient`: the memory is refilled by the next read, so keep nothing of it. */
export type InputSink = (chunk: Buffer, transient: boolean) => void;

/** What one read can take; a reply longer than this arrives over several reads, as it would anyway. */
const READ_BUFFER_BYTES = 64 * 1024;

let sharedReadBuffer: Buffer | undefined;

/**
 * Between a socket and its reader. Plain TCP sockets read through net's `onread` into one buffer
 * shared by every socket in the process: Node then allocates no Buffer and runs no stream machinery
 * per read. Sharing is safe because each read is handed to JavaScript and fully decoded before the
 * event loop reads again, into the same memory, for any socket; what must outlive a read (a reply cut
 * off at its end) the decoder copies out, so a value spread over many reads is copied once more than
 * before, a memcpy. TLS sockets deliver ordinary owned chunks (`onread` is for plain TCP only).
 *
 * Created before the dial, so bytes that arrive before the connection attaches are kept, not lost.
 */
export class SocketInput {
  private sink: InputSink | undefined;
  private early: Buffer[] = [];

  /** For net.connect: the shared buffer and the callback each read lands in. */
  onread(): OnReadOpts {
    sharedReadBuffer ??= Buffer.allocUnsafe(READ_BUFFER_BYTES);
    return {
      buffer: sharedReadBuffer,
      // true: keep reading (false would pause the socket, which nothing here wants).
      callback: (bytes: number, buffer: Uint8Array): boolean => {
        this.deliver(Buffer.from(buffer.buffer, buffer.byteOffset, bytes), true);
        return true;
      },
    };
  }

  /** From a socket's 'data' event (TLS): the chunk is Node's own and may be kept. */
  readonly onData = (chunk: Buffer): void => this.deliver(chunk, false);

  attach(sink: InputSink): void {
    this.sink = sink;
    const early = this.early;
    this.early = [];
    for (const chunk of early) sink(chunk, false);
  }

  private deliver(chunk: Buffer, transient: boolean): void {
    if (this.sink !== undefined) this.sink(chunk, transient);
    else this.early.push(transient ? Buffer.from(chunk) : chunk);
  }
}

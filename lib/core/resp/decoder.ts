import { ProtocolError } from '../errors/protocol-error';
import { Frame, hasLengthLine, K, KINDS } from './frame';
import { resolveDecoderLimits } from './limits';
import { badLine, checkLine, describeByte, parseLength, parseLineValue, replyError, type Fail } from './parse-scalars';
import type { DecoderHandlers, DecoderLimits, RespValue } from './types';

const CR = 13;
const LF = 10;

/**
 * Streaming RESP2/RESP3 decoder. Iterative: open aggregates live on an explicit stack of reused frames.
 * Nothing the peer declares is trusted: lengths, depth and line sizes are checked against the limits
 * before anything is buffered, and the first violation poisons the decoder until reset().
 */
export class RespDecoder {
  private readonly limits: DecoderLimits;
  private readonly fail: Fail;
  private readonly frames: Frame[] = [];
  private depth = 0;
  /** Stream offset of the first byte not yet consumed; error messages point into the stream, not a chunk. */
  private offset = 0;
  /** Unconsumed tail: an incomplete line (`pendingIsLine`), or what followed a reply whose handler threw. */
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private pendingIsLine = true;
  /** A bulk string split across chunks: its parts are kept and concatenated once, when complete. */
  private bulkKind = 0;
  private bulkLength = 0;
  private bulkRemaining = 0;
  private bulkParts: Buffer[] = [];
  private cursor = 0;
  private replyStarted = false;
  /** Stream offset where the current top-level aggregate began, and the aggregates it has opened. */
  private replyStart = 0;
  private replyAggregates = 0;
  private asBuffers = false;
  private failure: ProtocolError | undefined;
  /** The chunk being fed is a reused read buffer: whatever outlives this feed is copied out of it. */
  private transient = false;

  constructor(
    private readonly handlers: DecoderHandlers,
    limits?: Partial<DecoderLimits>,
  ) {
    this.limits = resolveDecoderLimits(limits);
    this.fail = (message, index) => {
      throw this.poison(`${message} at offset ${this.offset + index}`);
    };
  }

  /**
   * Takes ownership of `chunk` (it may be kept until a split value completes): do not reuse its memory,
   * unless `transient`: then the chunk is a read buffer the socket refills after this call, and the
   * few bytes kept past it (the cut-off tail of a reply) are copied out.
   * When a handler throws, the rest of the chunk is kept; the next feed, even of an empty chunk, resumes it.
   */
  feed(chunk: Buffer, transient = false): void {
    if (this.failure) throw this.failure;
    this.transient = transient;
    if (this.pendingLength > 0) {
      // Still no line end: keep collecting rather than re-scanning the growing line on every chunk.
      if (this.pendingIsLine && chunk.indexOf(LF) === -1) {
        if (chunk.length === 0) return;
        const total = this.pendingLength + chunk.length;
        this.pending.push(this.keep(chunk));
        this.pendingLength = total;
        const kind = KINDS[this.pending[0][0]];
        // A length line fails within a few bytes, so joining its pieces to check them stays cheap; other
        // lines are only measured, and checkLine reads no bytes of them.
        if (hasLengthLine(kind)) this.pending = [Buffer.concat(this.pending, total)];
        const contentEnd = chunk[chunk.length - 1] === CR ? total - 1 : total;
        checkLine(this.pending[0], kind, 0, contentEnd, this.limits.maxLineLength, this.fail);
        return;
      }
      this.pending.push(chunk);
      chunk = Buffer.concat(this.pending, this.pendingLength + chunk.length);
      this.transient = false; // the joined copy is ours
      this.pending = [];
      this.pendingLength = 0;
    } else if (chunk.length === 0) {
      return;
    }
    // The try/catch lives here, not in parse(): a catch block in the hot loop made every ProtocolError
    // deoptimize parse(), which tripled the cost of each error.
    try {
      this.parse(chunk);
    } catch (error) {
      // A handler threw after the decoder moved past its reply: keep the rest for the next feed.
      if (error !== this.failure) {
        this.offset += this.cursor;
        if (this.cursor < chunk.length) this.stash(chunk, this.cursor, false);
      }
      throw error;
    }
  }

  /** Forgets all state, including a failure: for a fresh connection, never to resume a broken stream. */
  reset(): void {
    this.release();
    this.offset = 0;
    this.failure = undefined;
  }

  /** `offset` stays the stream offset of b[0] until the end, so `fail` can place any index in the stream. */
  private parse(b: Buffer): void {
    const len = b.length;
    const maxLine = this.limits.maxLineLength;
    let pos = 0;
    if (this.bulkRemaining > 0) {
      pos = this.bulkRemaining < len ? this.bulkRemaining : len;
      this.bulkRemaining -= pos;
      const part = pos === len ? b : b.subarray(0, pos);
      // A part that completes the value is joined before this feed returns; one that does not is kept.
      this.bulkParts.push(this.bulkRemaining > 0 ? this.keep(part) : part);
      if (this.bulkRemaining > 0) return this.consumed(pos);
      this.cursor = pos;
      this.emit(this.finishSplitBulk(pos));
    }
    while (pos < len) {
      const start = pos;
      const kind = KINDS[b[start]];
      if (kind === K.Invalid) this.fail(`unknown RESP type byte ${describeByte(b[start])}`, start);
      // `cursor` marks how far the stream is consumed whenever a handler runs, in case it throws.
      this.cursor = start;
      if (this.depth === 0 && !this.replyStarted) this.startTopLevel(kind);
      const lf = b.indexOf(LF, start + 1);
      if (lf === -1) {
        checkLine(b, kind, start, b[len - 1] === CR ? len - 1 : len, maxLine, this.fail);
        this.stash(b, start, true);
        return this.consumed(start);
      }
      const end = lf - 1;
      if (end === start || b[end] !== CR || end - start - 1 > maxLine) badLine(b, kind, start, lf, maxLine, this.fail);
      pos = this.cursor = lf + 1;
      if (!hasLengthLine(kind)) {
        this.emit(parseLineValue(kind, b, start, end, this.fail));
        continue;
      }
      const n = parseLength(b, start + 1, end, this.fail);
      if (n === -1) {
        if (kind !== K.Bulk && kind !== K.Array) this.fail('null length is only valid for $ and *', start + 1);
        this.emit(null);
      } else if (kind <= K.BlobError) {
        this.checkBulkLength(kind, n, start + 1);
        const stop = pos + n;
        if (stop + 2 > len) {
          // The payload continues in later chunks: remember how much is missing instead of re-parsing.
          this.bulkKind = kind;
          this.bulkLength = n;
          this.bulkRemaining = stop + 2 - len;
          if (pos < len) this.bulkParts.push(this.keep(b.subarray(pos)));
          return this.consumed(len);
        }
        if (b[stop] !== CR || b[stop + 1] !== LF) this.fail(`bulk string of ${n} bytes is not followed by CRLF`, stop);
        const value = this.bulkValue(kind, b, pos, stop, false, pos);
        pos = this.cursor = stop + 2;
        this.emit(value);
      } else {
        this.aggregate(kind, n, start);
      }
    }
    this.consumed(len);
  }

  private consumed(bytes: number): void {
    this.offset += bytes;
    this.cursor = 0;
  }

  private startTopLevel(kind: number): void {
    // Attributes are discarded and pushes are not replies: neither consumes the reply's returnBuffers answer.
    if (kind === K.Attribute || kind === K.Push) {
      this.asBuffers = false;
      return;
    }
    this.asBuffers = this.handlers.returnBuffers();
    this.replyStarted = true;
  }

  private aggregate(kind: number, n: number, start: number): void {
    const limit = this.limits.maxAggregateLength;
    if (n > limit) this.fail(`aggregate of ${n} elements exceeds maxAggregateLength ${limit}`, start + 1);
    // Counted here, not per value: scalar replies (GET, SET) pay nothing for the heap bound.
    if (this.depth === 0) {
      this.replyStart = this.offset + start;
      this.replyAggregates = 0;
    }
    if (++this.replyAggregates > this.limits.aggregateAllowance) this.checkHeapBound(start);
    if (kind === K.Push) {
      if (this.depth > 0) this.fail('push frame nested inside a reply', start);
      // Asked here, once the length line is whole (startTopLevel runs again while it is cut), and never for a reply.
      this.asBuffers = this.handlers.pushBuffers !== undefined && this.handlers.pushBuffers();
    }
    if (n > 0) {
      if (this.depth >= this.limits.maxDepth) this.fail(`nesting deeper than maxDepth ${this.limits.maxDepth}`, start);
      const frame = this.frames[this.depth] ?? (this.frames[this.depth] = new Frame());
      frame.open(kind, n);
      this.depth++;
    } else if (kind === K.Push) {
      this.handlers.onPush([]);
    } else if (kind !== K.Attribute) {
      this.emit(kind === K.Map ? {} : []);
    }
  }

  private checkHeapBound(start: number): void {
    const received = this.offset + start - this.replyStart;
    if (this.replyAggregates * this.limits.minBytesPerAggregate > received) {
      this.fail(
        `reply opened ${this.replyAggregates} aggregates in ${received} bytes, more than one per minBytesPerAggregate ` +
          `${this.limits.minBytesPerAggregate} beyond aggregateAllowance ${this.limits.aggregateAllowance}`,
        start,
      );
    }
  }

  /** Hands a finished value to its parent aggregate, closing every aggregate it completes, innermost first. */
  private emit(value: RespValue): void {
    while (this.depth > 0) {
      const frame = this.frames[this.depth - 1];
      if (!frame.add(value)) return;
      this.depth--;
      const kind = frame.kind;
      const done = frame.close();
      // An attribute annotates the value that follows it; the parent still waits for that value.
      if (kind === K.Attribute) return;
      if (kind === K.Push) {
        this.handlers.onPush(done as RespValue[]);
        return;
      }
      value = done;
    }
    this.replyStarted = false;
    this.handlers.onReply(value);
  }

  private finishSplitBulk(taken: number): RespValue {
    const n = this.bulkLength;
    const parts = this.bulkParts;
    const whole = parts.length === 1 ? parts[0] : Buffer.concat(parts, n + 2);
    this.bulkParts = [];
    if (whole[n] !== CR || whole[n + 1] !== LF) this.fail(`bulk string of ${n} bytes is not followed by CRLF`, taken - 2);
    return this.bulkValue(this.bulkKind, whole, 0, n, parts.length > 1, taken - 2 - n);
  }

  /**
   * `owned`: the bytes are a fresh concatenation; otherwise they belong to a socket chunk and are copied.
   * `at`: index of the payload relative to the chunk being parsed, for error offsets.
   */
  private bulkValue(kind: number, b: Buffer, start: number, end: number, owned: boolean, at: number): RespValue {
    if (kind === K.BlobError) return replyError(b.toString('utf8', start, end));
    if (kind === K.Verbatim) {
      if (b[start + 3] !== 0x3a) this.fail(`expected ':' after the verbatim format, got ${describeByte(b[start + 3])}`, at + 3);
      start += 4;
    }
    if (!this.asBuffers) return b.toString('utf8', start, end);
    // A view would pin the whole socket chunk in memory for as long as the caller keeps the value.
    return owned ? b.subarray(start, end) : Buffer.from(b.subarray(start, end));
  }

  private checkBulkLength(kind: number, n: number, at: number): void {
    if (n > this.limits.maxBulkLength) this.fail(`bulk length ${n} exceeds maxBulkLength ${this.limits.maxBulkLength}`, at);
    if (kind === K.Verbatim && n < 4) this.fail(`verbatim string of ${n} bytes has no format prefix`, at);
  }

  private stash(b: Buffer, from: number, isLine: boolean): void {
    const tail = this.keep(from === 0 ? b : b.subarray(from));
    this.pending = [tail];
    this.pendingLength = tail.length;
    this.pendingIsLine = isLine;
  }

  /** Bytes that outlive this feed: copied when the chunk is a reused read buffer. */
  private keep(bytes: Buffer): Buffer {
    return this.transient ? Buffer.from(bytes) : bytes;
  }

  private poison(message: string): ProtocolError {
    this.release();
    this.failure = new ProtocolError(message);
    return this.failure;
  }

  private release(): void {
    for (let i = 0; i < this.depth; i++) this.frames[i].close();
    this.depth = 0;
    this.pending = [];
    this.pendingLength = 0;
    this.bulkParts = [];
    this.bulkRemaining = 0;
    this.replyStarted = false;
  }
}

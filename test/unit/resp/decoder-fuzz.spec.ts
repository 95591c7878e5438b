import { decodePieces, FUZZ_LIMITS, type Outcome, randomInput, randomPieces, seeded } from '../../helpers/resp-fuzz';

/**
 * 200,000 valid, truncated, mutated and random inputs from a fixed seed. Each must decode, wait for more
 * bytes, or throw a ProtocolError; and cutting it into random chunks (every other time fed through one
 * reused read buffer) must not change what it gives, error message included. bench/fuzz-decoder.ts runs the same with a million inputs.
 */
const INPUTS = 200_000;
const SEED = 0x5eed_2024;

let stackTraceLimit: number;
// Jest raises the limit to 100: capturing that deep a stack for each of the ~100,000 ProtocolErrors would
// cost several times the decoding being tested. Error types and messages are unaffected.
beforeAll(() => {
  stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
});
afterAll(() => {
  Error.stackTraceLimit = stackTraceLimit;
});

it('only decodes, waits or throws ProtocolError, the same however the input is cut', () => {
  const rand = seeded(SEED);
  const counts: Record<Outcome, number> = { decoded: 0, waiting: 0, 'protocol-error': 0 };
  for (let i = 0; i < INPUTS; i++) {
    const input = randomInput(rand);
    const limits = rand() < 0.8 ? FUZZ_LIMITS : {};
    const buffers = rand() < 0.5;
    const context = () => `input #${i} (seed ${SEED}) ${JSON.stringify(input.toString('latin1'))}`;
    let whole, split;
    try {
      whole = decodePieces([input], limits, buffers);
      // Every other input is fed through one reused read buffer, as plain TCP sockets read.
      split = decodePieces(randomPieces(rand, input), limits, buffers, i % 2 === 1);
    } catch (error) {
      throw new Error(`${context()} threw something other than a ProtocolError: ${String(error)}`, { cause: error });
    }
    // A plain throw, not expect(): 200,000 matcher calls would cost more than the decoding.
    if (split.trace !== whole.trace) throw new Error(`${context()}: whole gave ${whole.trace}, cut gave ${split.trace}`);
    counts[whole.outcome]++;
  }
  // No wall-clock bound: speed belongs to bench/fuzz-decoder.ts, and a unit test timed on a shared
  // 2-core machine fails for the machine's load, not the decoder's (20 s was exceeded under load).
  // The mix must keep reaching every outcome, or the fuzzing has silently stopped testing something.
  for (const outcome of Object.keys(counts) as Outcome[]) expect(counts[outcome]).toBeGreaterThan(INPUTS / 20);
}, 120_000);

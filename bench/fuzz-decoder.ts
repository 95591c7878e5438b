/**
 * Fuzzes the RESP decoder with a million valid, truncated, mutated and random inputs (seeded, so a run is
 * reproducible) and prints the count of each outcome. Every input is decoded as one chunk and again cut at
 * random points; both must agree. Anything thrown other than a ProtocolError stops the run with the input.
 *
 *   npx tsc -p tsconfig.bench.json && node dist-bench/bench/fuzz-decoder.js [inputs] [seed]
 */
import { decodePieces, FUZZ_LIMITS, type Outcome, randomInput, randomPieces, seeded } from '../test/helpers/resp-fuzz';

function main(): void {
  const inputs = Number(process.argv[2] ?? 1_000_000);
  const seed = Number(process.argv[3] ?? 0x5eed_2024);
  const rand = seeded(seed);
  const counts: Record<Outcome, number> = { decoded: 0, waiting: 0, 'protocol-error': 0 };
  let bytes = 0;
  let slowest = 0;
  let slowestIndex = 0;
  const started = performance.now();
  for (let i = 0; i < inputs; i++) {
    const input = randomInput(rand);
    const limits = rand() < 0.8 ? FUZZ_LIMITS : {};
    const buffers = rand() < 0.5;
    const pieces = randomPieces(rand, input);
    const begin = performance.now();
    let whole, split;
    try {
      whole = decodePieces([input], limits, buffers);
      split = decodePieces(pieces, limits, buffers);
    } catch (error) {
      fatal(i, seed, input, `threw something other than a ProtocolError: ${String(error)}`);
    }
    const took = performance.now() - begin;
    if (took > slowest) [slowest, slowestIndex] = [took, i];
    if (whole.trace !== split.trace) fatal(i, seed, input, `whole gave ${whole.trace}, cut gave ${split.trace}`);
    counts[whole.outcome]++;
    bytes += input.length;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`decoder fuzz: ${inputs} inputs (${(bytes / 1e6).toFixed(1)} MB), seed 0x${seed.toString(16)}`);
  for (const [outcome, count] of Object.entries(counts)) {
    console.log(`  ${outcome.padEnd(15)} ${String(count).padStart(9)}  ${((100 * count) / inputs).toFixed(1)}%`);
  }
  console.log('  other exception         0');
  console.log(`  whole/cut disagreements 0`);
  console.log(`time ${seconds.toFixed(1)} s (${Math.round(inputs / seconds)} inputs/s, both feeds included, generation included)`);
  // A single slow input would be a hang in the making; a GC pause shows up here too.
  console.log(`slowest input #${slowestIndex}: ${slowest.toFixed(2)} ms`);
}

function fatal(index: number, seed: number, input: Buffer, problem: string): never {
  console.error(`input #${index} (seed 0x${seed.toString(16)}) ${JSON.stringify(input.toString('latin1'))}: ${problem}`);
  process.exit(1);
}

main();

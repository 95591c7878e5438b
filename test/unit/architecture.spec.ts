import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The shape of lib/ as a test: data flows one way (protocol -> connection -> pool -> cluster -> nest),
 * no import cycles (type imports included), lib/core never reaches @nestjs, no file over 300 lines.
 */
const LIB = path.resolve(__dirname, '../../lib');
const MAX_LINES = 300;

/** Lower rank = lower layer; a file may import its own layer or lower ones only. */
const LAYERS: ReadonlyArray<[prefix: string, rank: number]> = [
  ['core/errors/', 0],
  ['core/resp/', 1],
  ['core/options/', 1],
  ['core/credentials/', 1],
  ['core/connection/', 2],
  ['core/slots/', 2],
  ['core/pool/', 3],
  // Channel publishing: below the pool (which reports its sockets), beside commands (whose keys it names).
  ['core/diagnostics/', 3],
  ['core/commands/', 3],
  ['core/pubsub/', 4],
  // The cluster layer, bottom up: what a topology is, how healthy its nodes are, where a command goes.
  ['core/cluster/topology/', 5],
  ['core/cluster/health/', 6],
  ['core/cluster/nodes/', 6],
  ['core/cluster/routing/', 7],
  ['core/cluster/multi-key/', 8],
  ['core/cluster/batch/', 9],
  ['core/cluster/cluster-state.ts', 10],
  ['core/cluster/client/', 11],
  ['client.ts', 12],
  // Integrations: each entry sees only the client entry's public surface.
  ['keyv/', 13],
  ['throttler/', 13],
  ['otel/', 13],
  ['nest/', 13],
  ['index.ts', 14],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Lines as an editor counts them: a final newline ends the last line, it does not start another. */
function lineCount(source: string): number {
  return source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
}

function rel(file: string): string {
  return path.relative(LIB, file).split(path.sep).join('/');
}

function rank(file: string): number {
  const r = rel(file);
  const layer = LAYERS.find(([prefix]) => r === prefix || r.startsWith(prefix));
  if (layer === undefined) throw new Error(`${r} is in no layer of the architecture test: add it to LAYERS`);
  return layer[1];
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function imports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT)) out.push(m[1] ?? m[2]);
  return out;
}

function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  throw new Error(`${rel(from)} imports ${spec}, which does not resolve`);
}

const all = files(LIB);
const graph = new Map(
  all.map((f) => [
    f,
    imports(f)
      .map((s) => resolveLocal(f, s))
      .filter((t): t is string => t !== undefined),
  ]),
);

describe('lib/ architecture', () => {
  it('has no import cycle (type imports included)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'visiting');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next].map(rel).join(' -> '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of all) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('imports only downwards: protocol -> connection -> pool -> cluster -> nest', () => {
    const backEdges: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) if (rank(target) > rank(file)) backEdges.push(`${rel(file)} -> ${rel(target)}`);
    }
    expect(backEdges).toEqual([]);
  });

  it('keeps lib/core free of @nestjs, rxjs and reflect-metadata', () => {
    const offenders = all
      .filter((f) => rel(f).startsWith('core/'))
      .flatMap((f) =>
        imports(f)
          .filter((s) => /^(@nestjs\/|rxjs|reflect-metadata)/.test(s))
          .map((s) => `${rel(f)}: ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it(`has no file over ${MAX_LINES} lines`, () => {
    const long = all
      .map((f) => [rel(f), lineCount(readFileSync(f, 'utf8'))] as const)
      .filter(([, lines]) => lines > MAX_LINES)
      .map(([f, lines]) => `${f}: ${lines}`);
    expect(long).toEqual([]);
  });
});

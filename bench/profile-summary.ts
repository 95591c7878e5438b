/**
 * Top self-time functions of a V8 CPU profile, and the split between our library, Node internals,
 * GC and idle. Reads what `node --cpu-prof` or bench/profile.ts writes:
 *
 *   node dist-bench/bench/profile-summary.js <file>.cpuprofile [top=15]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function main(): void {
  const [file, topArg] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
  console.log(summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(topArg ?? 15), file));
}

export function summarizeProfile(profile: CpuProfile, top: number, name: string): string {
  const lines: string[] = [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (node === undefined) return;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = shorten(url);
    const key = `${functionName || '(anonymous)'}  ${where}${where ? `:${lineNumber + 1}` : ''}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
    byArea.set(area(functionName, url), (byArea.get(area(functionName, url)) ?? 0) + dt);
  });
  const busy = total - (byArea.get('idle') ?? 0);
  lines.push(
    `profile ${name}: ${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy`,
    '',
    'by area (share of busy time):',
  );
  for (const [areaName, us] of [...byArea].filter(([n]) => n !== 'idle').sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${areaName}`);
  }
  lines.push('', `top ${top} self time (share of busy time; JS line numbers of dist-bench):`);
  const rows = [...selfUs]
    .filter(([k]) => !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
  rows.forEach(([key, us], i) =>
    lines.push(
      `  ${String(i + 1).padStart(2)}. ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`,
    ),
  );
  return lines.join('\n');
}

function shorten(url: string): string {
  return url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/dist-bench\//, '')
    .replace(/^.*\/node_modules\//, 'node_modules/');
}

function area(name: string, url: string): string {
  if (name === '(idle)') return 'idle';
  if (name === '(garbage collector)') return 'GC';
  if (name === '(program)') return 'native / unattributed ((program))';
  if (/\/dist-bench\/lib\//.test(url)) return 'our library (lib/)';
  if (/\/dist-bench\/bench\//.test(url)) return 'bench harness (bench/)';
  if (url.includes('node_modules')) return 'peer packages (node_modules)';
  if (url.startsWith('node:') || url === '') return 'Node.js internals and builtins';
  return 'other';
}

if (require.main === module) main();

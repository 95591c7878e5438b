import { OURS } from './best-peer';
import type { RunResults } from './results';
import { RSS_GETS, RSS_GETS_IN_FLIGHT } from './rss-types';

/** The RSS table (every client in fresh processes) and what our entry's import is made of. */
export function renderRss(r: RunResults): string[] {
  if (r.rss.length === 0) return [];
  const gets = RSS_GETS.toLocaleString('en-US');
  const out: string[] = ['## Process RSS per client (fresh processes)', ''];
  out.push(
    `Each client in a process of its own (\`node --expose-gc dist-bench/bench/rss-child.js\`), RSS after a GC: *fresh* (Node and the child's own ` +
      `few modules), after importing the client's entry (ours: \`slotline/client\`, lib/client.ts as compiled in dist-bench), and after ` +
      `connecting to the cluster and ${gets} GETs (${RSS_GETS_IN_FLIGHT} in flight). *Heap* is V8's heap committed (\`heapTotal\`) and used, after a GC; the rest of an RSS growth is native memory.`,
    '',
    `| Client | Entry | Fresh MB | After import MB | Import adds MB | heap committed / used MB | After connect + ${gets} GETs MB | Connect + GETs add MB | Files loaded | Built-ins loaded |`,
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const m of r.rss) {
    const x = m.result;
    if (x === undefined) {
      out.push(`| ${m.label} | failed: ${m.problem ?? '?'} | | | | | | | | |`);
      continue;
    }
    const b = x.breakdown;
    const label = m.id === OURS ? `**${m.label}**` : m.label;
    out.push(
      `| ${label} | \`${b.entry}\` | ${mb(x.freshMb)} | ${mb(x.afterImportMb)} | +${mb(x.afterImportMb - x.freshMb)} | +${mb(b.heapTotalAfterMb - b.heapTotalBeforeMb)} / +${mb(b.heapAfterMb - b.heapBeforeMb)} | ` +
        `${x.afterUseMb === undefined ? '—' : mb(x.afterUseMb)} | ${x.afterUseMb === undefined ? '—' : `+${mb(x.afterUseMb - x.afterImportMb)}`} | ` +
        `${b.files} (${kb(b.fileBytes)} KB) | ${b.builtins.length} |`,
    );
  }
  out.push('');

  const ours = r.rss.find((m) => m.id === OURS);
  if (ours?.result === undefined) return out;
  const b = ours.result.breakdown;
  out.push(`### What \`slotline/client\` loads`, '');
  out.push(
    `${b.files} files, ${kb(b.fileBytes)} KB of JavaScript on disk; Node built-ins loaded for the first time: ` +
      `${b.builtins.length > 0 ? b.builtins.map((n) => `\`${n}\``).join(', ') : 'none'} (with ${b.internals} Node-internal modules and bindings).`,
    '',
  );
  const first = ours.builtinsFirst;
  if (first?.afterBuiltinsMb !== undefined) {
    const builtins = first.afterBuiltinsMb - first.freshMb;
    const code = first.afterImportMb - first.afterBuiltinsMb;
    const fb = first.breakdown;
    out.push(
      `Split (a second fresh process that loads those built-ins before the import): the built-ins alone add ${mb(builtins)} MB, ` +
        `our files on top add ${mb(code)} MB, of which V8's heap commits ${mb(fb.heapTotalAfterMb - fb.heapTotalBeforeMb)} MB ` +
        `(${mb(fb.heapAfterMb - fb.heapBeforeMb)} MB used) and the rest is native memory (compilation, module records); ` +
        `${mb(first.afterImportMb)} MB in all (the first process: ${mb(ours.result.afterImportMb)} MB).`,
      '',
    );
  } else if (ours.problem) {
    out.push(`Split into built-ins and our files: not measured (${ours.problem}).`, '');
  }
  out.push('| Files from | Files | KB on disk |', '| --- | ---: | ---: |');
  for (const g of b.groups) out.push(`| \`${g.name}\` | ${g.files} | ${kb(g.bytes)} |`);
  out.push('');
  return out;
}

function mb(v: number): string {
  return v.toFixed(1);
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(0);
}

import { basename } from 'node:path';
import { bestPeer } from './best-peer';
import { chartPath } from './charts';
import { checkGoals, fmtOps } from './goals';
import { MEMORY_CHECK_COMMANDS } from './memory-check';
import { KEY_COUNT, VALUE_BYTES } from './keyspace';
import { renderRss } from './report-rss';
import { ratio, renderSummary, us } from './report-summary';
import { cellKey, type RunResults } from './results';

/** The whole run as Markdown: setup, goals, summaries, one table and chart per workload, the C reference, memory. */
export function renderReport(r: RunResults): string {
  const { config: c, machine: m } = r;
  const out: string[] = [];
  out.push('# Benchmark results', '');
  out.push(`Produced by \`${c.commandLine}\` on ${m.startedAt} (${m.durationSeconds.toFixed(0)} s).`, '');
  out.push('| Setup | |', '| --- | --- |');
  out.push(`| Machine | ${m.cpu}, ${m.cores} cores, ${m.memoryGb.toFixed(0)} GB, ${m.os} |`);
  out.push(`| Load average (1 min) | ${m.loadStart} at start, ${m.loadEnd} at end (anything else running on the machine shows here) |`);
  out.push(`| Node.js | ${m.node} |`);
  out.push(`| Redis | ${m.redis}, ${m.cluster} on 127.0.0.1, same machine |`);
  out.push(`| Code measured | ${m.revision} |`);
  out.push(
    `| Clients | ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} |`,
  );
  out.push(`| Data | ${KEY_COUNT.toLocaleString('en-US')} keys preloaded, ${VALUE_BYTES}-byte values; every reply checked |`);
  out.push(
    `| Cells | ${c.rounds} round(s) x ${c.seconds} s measured (+${c.warmupSeconds} s warm-up) per client and cell; each client in a process of its own, cells one at a time, order rotated per cell and round; GC before each cell |`,
  );
  out.push('');
  out.push(
    'How to read: every client runs in a process of its own for the whole run (cells one at a time, rotated per round); *in flight* = N async workers in that process, each awaiting its own command in a loop. ' +
      'ops/s and CPU are totals over the rounds; percentiles come from one merged histogram; ' +
      '*x best peer* is the ratio to the best peer of the same cell: the fastest other client (by ops/s) in that workload at that ' +
      'in-flight level, named in the tables (ops/s: higher is better; CPU: lower is better). ' +
      'CPU µs/op is the whole process (`process.cpuUsage`, native threads included) divided by operations, harness included' +
      (r.harness ? ` (the harness alone costs ${r.harness.cpuPerOpUs.toFixed(2)} µs/op at 256 in flight)` : '') +
      '. ' +
      "*servers' CPU* is what the cluster's own redis-server processes (masters and replicas) spent per operation in the same window " +
      '(/proc schedstat; shown when the servers run on this machine): on a shared machine it comes out of the same cores, and a client ' +
      'whose writes wake sleeping servers more often pays for it there. ' +
      "RSS is the client's process at the end of the cell, the harness and its 10,000-key keyspace included (the fresh-process RSS section below measures the client alone). " +
      '± is half the range of per-round ops/s. A goal gives ours / the best peer round by round too (round i of every client ran within ' +
      'seconds of the others\', so these ratios are free of the machine\'s slow swings); "within noise" means they fall on both sides ' +
      'of the target: repeat the cell with more rounds. Charts: ops/s against in-flight, both axes logarithmic (the gap between two lines is their ratio).',
    '',
  );

  out.push('## Goals (issue #15)', '', '| Goal | Measured | |', '| --- | --- | --- |');
  for (const g of checkGoals(r)) out.push(`| ${g.goal} | ${g.measured} | ${g.met === undefined ? '—' : g.met ? 'met' : '**missed**'} |`);
  out.push('');

  out.push(...renderSummary(r));

  const settings = r.clients.map(
    (e) =>
      `${e.adapter.label}: ${e.adapter.settings.master}; replica reads ${e.adapter.settings.replica}` +
      (e.skipped ? ` — **skipped**: ${e.skipped}` : ''),
  );
  out.push('Client settings: ' + settings.join('. ') + '.', '');

  const notes: string[] = [];
  for (const w of r.workloads) {
    const replica = w.id === 'replica-get';
    out.push(`## ${w.title}`, '');
    out.push(`![${w.title}](${basename(chartPath(c.out, w.id))})`, '');
    out.push(
      `| In flight | Client | ops/s | x best peer | p50 µs | p99 µs | p99.9 µs | CPU µs/op | CPU x best peer | servers' CPU µs/op | RSS MB | ± |${replica ? ' served by replicas |' : ''}`,
    );
    out.push(`| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${replica ? ' ---: |' : ''}`);
    for (const n of c.inFlight) {
      const best = bestPeer(r, w.id, n);
      const bestCell = best?.cell;
      for (const e of r.clients) {
        if (e.skipped) continue;
        const name = e.adapter.id === best?.id ? `${e.adapter.label} (best peer)` : e.adapter.label;
        const label = e.adapter.id === 'ours' ? `**${name}**` : name;
        if (w.id === 'mget' && e.mgetUnsupported) {
          out.push(`| ${n} | ${label} | unsupported | | | | | | | | | |`);
          if (n === c.inFlight[0]) notes.push(`${e.adapter.label}, MGET over several slots: ${e.mgetUnsupported}`);
          continue;
        }
        const s = r.cells.get(cellKey(w.id, n, e.adapter.id));
        if (s === undefined) continue;
        if (s.problem !== undefined) {
          notes.push(`${e.adapter.label}, ${w.id}, ${n} in flight: FAILED — ${s.problem}`);
          out.push(`| ${n} | ${label} | **FAILED** (see below) | | | | | | | | | |${replica ? ' |' : ''}`);
          continue;
        }
        out.push(
          `| ${n} | ${label} | ${fmtOps(s.opsPerSec)} | ${ratio(s.opsPerSec, bestCell?.opsPerSec)} | ${us(s.p50Us)} | ${us(s.p99Us)} | ${us(s.p999Us)} | ` +
            `${s.cpuPerOpUs.toFixed(2)} | ${ratio(s.cpuPerOpUs, bestCell?.cpuPerOpUs)} | ${Number.isFinite(s.serverCpuPerOpUs) ? s.serverCpuPerOpUs.toFixed(2) : '—'} | ` +
            `${s.rssMb.toFixed(0)} | ${(s.spread * 100).toFixed(0)}% |` +
            (replica ? ` ${s.replicaShare === undefined ? '?' : `${(s.replicaShare * 100).toFixed(0)}%`} |` : ''),
        );
      }
    }
    out.push('');
  }
  if (notes.length > 0) out.push('Unsupported and failed cells:', '', ...notes.map((n) => `- ${n}`), '');

  out.push('## redis-benchmark (C, same cluster)', '');
  if (r.redisBenchmarkProblem) out.push(`Not run: ${r.redisBenchmarkProblem}`, '');
  else if (!c.redisBenchmark) out.push('Not run (`--no-redis-benchmark`).', '');
  const runs = [
    ...r.latencyReference.map((x, i) => ({ x, what: `one in flight (round ${i + 1})` })),
    ...r.limits.map((x) => ({ x, what: `practical limit, ${x.clients * x.pipeline} in flight` })),
  ];
  if (runs.length > 0) {
    out.push(
      '| Run | GET ops/s | GET mean µs | GET p50 µs | GET p99 µs | SET ops/s | SET mean µs | SET p50 µs | SET p99 µs |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const { x, what } of runs) {
      const g = x.results.GET,
        s = x.results.SET;
      out.push(
        `| \`-c ${x.clients}${x.pipeline > 1 ? ` -P ${x.pipeline}` : ''} -n ${x.requests}\` ${what} | ${fmtOps(g.rps)} | ${us(g.avgUs)} | ${us(g.p50Us)} | ${us(g.p99Us)} | ${fmtOps(s.rps)} | ${us(s.avgUs)} | ${us(s.p50Us)} | ${us(s.p99Us)} |`,
      );
    }
    out.push(
      '',
      `All runs: \`redis-benchmark --cluster -t get,set -r ${KEY_COUNT} -d ${VALUE_BYTES} --csv --precision 3\`. ` +
        "Its percentiles come in steps of about 8 µs at this scale (its histogram's resolution), so the mean is given too; " +
        'the goal takes the median of the per-round p50s.',
      '',
    );
  }

  if (r.memory.length > 0) {
    out.push(`## ${MEMORY_CHECK_COMMANDS.toLocaleString('en-US')} commands in flight at once`, '');
    out.push(
      `${MEMORY_CHECK_COMMANDS.toLocaleString('en-US')} SETs issued synchronously (all in flight before the first reply can be read), then awaited; GC before each client.`,
      '',
    );
    out.push(
      '| Client | Completed | Failed | Time s | RSS before MB | RSS peak MB | RSS growth MB | Heap+external at issue MB |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const mm of r.memory) {
      if (mm.result === undefined) {
        out.push(`| ${mm.label} | skipped: ${mm.skipped ?? '?'} | | | | | | |`);
        continue;
      }
      const x = mm.result;
      out.push(
        `| ${mm.label} | ${fmtOps(x.completed)} | ${fmtOps(x.failed)}${x.firstError ? ` (${x.firstError})` : ''} | ${x.seconds.toFixed(2)} | ${x.rssBeforeMb.toFixed(0)} | ${x.rssPeakMb.toFixed(0)} | ${(x.rssPeakMb - x.rssBeforeMb).toFixed(0)} | ${x.heapAtIssueMb.toFixed(0)} |`,
      );
    }
    out.push('');
  }
  out.push(...renderRss(r));
  return out.join('\n');
}

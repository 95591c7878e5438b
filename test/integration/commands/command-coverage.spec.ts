/**
 * Every data command of the running server has a method (scripts/command-coverage.ts), and the
 * checked-in report is what the script prints today. Adding a command to the server (a newer
 * Redis) or removing a method makes this fail until a method exists or EXCLUDED says why not.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { ask, computeCoverage, parseDocs, renderReport } from '../../../scripts/command-coverage';
import { plainCluster, REPO_ROOT } from '../../helpers/cluster-env';

let client: RedisClusterClient;

beforeAll(async () => {
  client = new RedisClusterClient({ nodes: plainCluster().nodes });
  await client.connect();
});

afterAll(() => client.close());

describe('command coverage against COMMAND DOCS of the test cluster', () => {
  it('reads COMMAND DOCS alike from a RESP3 map (the client) and RESP2 arrays (a plain socket)', async () => {
    const resp3 = parseDocs(await client.call('COMMAND', 'DOCS'));
    const { host, port } = plainCluster().nodes[0];
    const resp2 = parseDocs(await ask(host, port, ['COMMAND', 'DOCS']));
    expect(resp3).toEqual(resp2);
    expect(resp3.find((c) => c.name === 'xgroup|create')).toEqual({ name: 'xgroup|create', group: 'stream', deprecated: false });
    expect(resp3.find((c) => c.name === 'getset')?.deprecated).toBe(true);
  });

  it('finds a method for every data command and no method for a command the server lacks', async () => {
    const coverage = computeCoverage(parseDocs(await client.call('COMMAND', 'DOCS')));
    expect(coverage.missing.map((c) => c.name)).toEqual([]);
    expect(coverage.extra).toEqual([]);
    // The families really were looked at: one row per command, with the well-known methods in them.
    const methods = new Map(coverage.rows.map((r) => [r.command.name, r.methods]));
    for (const [command, method] of [
      ['xadd', 'xadd'],
      ['xreadgroup', 'xreadgroup'],
      ['blpop', 'blpop'],
      ['hscan', 'hscanIterator'],
      ['geosearch', 'geosearch'],
      ['bitfield', 'bitfield'],
      ['fcall', 'fcall'],
      ['function|load', 'functionLoad'],
      ['dbsize', 'dbsize'],
    ]) {
      expect(methods.get(command)).toContain(method);
    }
  });

  it('fails on a data command with no method', () => {
    const coverage = computeCoverage([{ name: 'xfrobnicate', group: 'stream', deprecated: false }]);
    expect(coverage.missing.map((c) => c.name)).toEqual(['xfrobnicate']);
  });

  it('matches the checked-in docs/command-coverage.md (regenerate it with npm run commands:coverage -- --write)', async () => {
    const coverage = computeCoverage(parseDocs(await client.call('COMMAND', 'DOCS')));
    const version = /redis_version:([^\r\n]+)/.exec(String(await client.call('INFO', 'server')))?.[1] ?? 'unknown';
    expect(readFileSync(path.join(REPO_ROOT, 'docs', 'command-coverage.md'), 'utf8')).toBe(renderReport(coverage, version));
  });
});

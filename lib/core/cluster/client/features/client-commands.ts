import { CommandMethods, type RedisKey } from '../../../commands/command-methods';
import type { HashEntry, ScanMatchOptions, ScanPage, ScoredMember } from '../../../commands/command-methods';
import { toBooleans } from '../../../commands/methods/collection-replies';
import { ReplyError } from '../../../errors/reply-error';
import type { RespArg } from '../../../resp/types';
import type { ClusterNodeHandle } from './node-handles';
import { toFunctionLibraries, toInfoByNode, toTime, type FunctionLibrary, type ServerTime } from './server-replies';
import { PubSubIntrospection } from './pubsub-introspection';

export type { FunctionLibrary, ServerTime } from './server-replies';

/**
 * Commands that only make sense on the client, not on a pipeline or a WATCH session: cluster-wide
 * server commands (each fans out to the nodes it concerns and folds the replies), script and
 * function management (loaded on every master, or every node for scripts), and the HSCAN/SSCAN/
 * ZSCAN iterators. The fan-outs reuse the command table's routes (DBSIZE sums over masters,
 * FLUSHALL and FUNCTION LOAD run on every master); INFO and PUBSUB go through nodes(), per node.
 */
export abstract class ClientCommands extends CommandMethods<'promise'> {
  /** The nodes of the current topology, each with `call()` pinned to it. */
  abstract nodes(role?: 'master' | 'replica' | 'all'): ClusterNodeHandle[];

  private introspection: PubSubIntrospection | undefined;

  /**
   * The nodes to ask, once there is a topology: before it (connect() under way) a PING waits for
   * it, and rejects as any command would when the client is not connected or is closed. A property,
   * not a method: the coverage script counts methods as commands.
   */
  private readonly nodesOf = async (role: 'master' | 'replica' | 'all'): Promise<ClusterNodeHandle[]> => {
    const nodes = this.nodes(role);
    if (nodes.length > 0) return nodes;
    await this.send(['PING']);
    return this.nodes(role);
  };

  /** Keys in the whole cluster: DBSIZE summed over the masters. */
  dbsize() {
    return this.send<number>(['DBSIZE']);
  }

  /** Empties every master (their replicas follow). ASYNC frees memory in the background. */
  flushall(mode?: 'ASYNC' | 'SYNC') {
    return this.send<'OK'>(mode === undefined ? ['FLUSHALL'] : ['FLUSHALL', mode]);
  }

  /** The same as flushall() on a cluster, which has only database 0. */
  flushdb(mode?: 'ASYNC' | 'SYNC') {
    return this.send<'OK'>(mode === undefined ? ['FLUSHDB'] : ['FLUSHDB', mode]);
  }

  /** INFO of every node of `role` (default all), as raw text by `host:port`; `section` as INFO takes it. */
  async info(section?: string, role: 'master' | 'replica' | 'all' = 'all'): Promise<Record<string, string>> {
    const nodes = await this.nodesOf(role);
    const replies = await Promise.all(nodes.map((node) => (section === undefined ? node.call('INFO') : node.call('INFO', section))));
    return toInfoByNode(nodes, replies);
  }

  /** The clock of one node. */
  time() {
    return this.send<ServerTime>(['TIME'], { transform: toTime });
  }

  /** Loads a Lua script on every node (replicas too, so EVALSHA works wherever reads go); its SHA1. */
  scriptLoad(script: string) {
    return this.send<string>(['SCRIPT', 'LOAD', script]);
  }

  /** Per SHA1: whether every master has the script. */
  scriptExists(...sha1s: string[]) {
    return this.send<boolean[]>(['SCRIPT', 'EXISTS', ...sha1s], { transform: toBooleans });
  }

  scriptFlush(mode?: 'ASYNC' | 'SYNC') {
    return this.send<'OK'>(mode === undefined ? ['SCRIPT', 'FLUSH'] : ['SCRIPT', 'FLUSH', mode]);
  }

  /** Kills the read-only script running on a master: 'OK' when one master had one to kill. */
  scriptKill(): Promise<'OK'> {
    return this.killOnMasters('SCRIPT');
  }

  /** Loads a library on every master (replicas get it by replication); its name. REPLACE overwrites one of that name. */
  functionLoad(code: string, options?: { REPLACE?: boolean }) {
    return this.send<string>(options?.REPLACE ? ['FUNCTION', 'LOAD', 'REPLACE', code] : ['FUNCTION', 'LOAD', code]);
  }

  /** Deletes a library on every master. */
  functionDelete(library: string) {
    return this.send<'OK'>(['FUNCTION', 'DELETE', library]);
  }

  functionFlush(mode?: 'ASYNC' | 'SYNC') {
    return this.send<'OK'>(mode === undefined ? ['FUNCTION', 'FLUSH'] : ['FUNCTION', 'FLUSH', mode]);
  }

  /**
   * The libraries loaded (LIBRARYNAME: a glob pattern), as the first master lists them; asked of
   * every master like the other FUNCTION commands, so it fails when one is unreachable.
   */
  functionList(options?: { LIBRARYNAME?: string; WITHCODE?: boolean }) {
    const args: RespArg[] = ['FUNCTION', 'LIST'];
    if (options?.LIBRARYNAME !== undefined) args.push('LIBRARYNAME', options.LIBRARYNAME);
    if (options?.WITHCODE) args.push('WITHCODE');
    return this.send<FunctionLibrary[]>(args, { transform: toFunctionLibraries });
  }

  /** Every library of one node, serialized, for functionRestore(). */
  functionDump() {
    return this.send<Buffer>(['FUNCTION', 'DUMP'], { buffers: true });
  }

  /** Restores a functionDump() payload on every master; `policy` APPEND (default), FLUSH or REPLACE. */
  functionRestore(payload: Buffer, policy?: 'APPEND' | 'FLUSH' | 'REPLACE') {
    return this.send<'OK'>(policy === undefined ? ['FUNCTION', 'RESTORE', payload] : ['FUNCTION', 'RESTORE', payload, policy]);
  }

  /** Kills the read-only function running on a master: 'OK' when one master had one to kill. */
  functionKill(): Promise<'OK'> {
    return this.killOnMasters('FUNCTION');
  }

  /** Every field of a hash, a page at a time (HSCAN); a field may come twice if the hash changes meanwhile. */
  async *hscanIterator(key: RedisKey, options?: ScanMatchOptions): AsyncGenerator<HashEntry> {
    yield* pages((cursor) => this.hscan(key, cursor, options));
  }

  async *sscanIterator(key: RedisKey, options?: ScanMatchOptions): AsyncGenerator<string> {
    yield* pages((cursor) => this.sscan(key, cursor, options));
  }

  async *zscanIterator(key: RedisKey, options?: ScanMatchOptions): AsyncGenerator<ScoredMember> {
    yield* pages((cursor) => this.zscan(key, cursor, options));
  }

  /** Channels with subscribers on any node (matching a glob `pattern`). */
  pubsubChannels(pattern?: string) {
    return this.pubsubNodes.channels('CHANNELS', pattern);
  }

  /** Subscribers per channel, summed over the nodes. */
  pubsubNumsub(...channels: string[]) {
    return this.pubsubNodes.counts('NUMSUB', channels);
  }

  /** Pattern subscriptions, summed over the nodes. */
  pubsubNumpat() {
    return this.pubsubNodes.numpat();
  }

  /** Sharded channels with subscribers, from every master. */
  pubsubShardchannels(pattern?: string) {
    return this.pubsubNodes.channels('SHARDCHANNELS', pattern);
  }

  pubsubShardnumsub(...channels: string[]) {
    return this.pubsubNodes.counts('SHARDNUMSUB', channels);
  }

  /**
   * SCRIPT KILL / FUNCTION KILL on every master. Only the master running a script can kill it; the
   * others answer NOTBUSY, which is the answer only when every master does. A property, not a method
   * (see nodesOf).
   */
  private readonly killOnMasters = async (container: 'SCRIPT' | 'FUNCTION'): Promise<'OK'> => {
    const outcomes = await Promise.allSettled((await this.nodesOf('master')).map((node) => node.call(container, 'KILL')));
    if (outcomes.some((o) => o.status === 'fulfilled')) return 'OK';
    const errors = outcomes.map((o) => (o as PromiseRejectedResult).reason as Error);
    throw (
      errors.find((e) => !(e instanceof ReplyError && e.code === 'NOTBUSY')) ?? errors[0] ?? new ReplyError('NOTBUSY', 'NOTBUSY no master')
    );
  };

  /** A getter, not a method: the coverage script counts methods as commands. */
  private get pubsubNodes(): PubSubIntrospection {
    return (this.introspection ??= new PubSubIntrospection((role) => this.nodesOf(role)));
  }
}

async function* pages<T>(page: (cursor: string) => Promise<ScanPage<T>>): AsyncGenerator<T> {
  let cursor = '0';
  do {
    const next = await page(cursor);
    cursor = next.cursor;
    yield* next.items;
  } while (cursor !== '0');
}

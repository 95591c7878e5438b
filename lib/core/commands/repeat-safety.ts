/**
 * Which commands are sent again after an unknown outcome (the connection broke, or the reply
 * timed out, after the command was written): only those whose repeat can change neither the data
 * nor the reply the caller sees. Everything else fails with UnknownOutcomeError. One table, one
 * reason per class; repeat-verdict.ts reads it, only after a failure, never on the hot path.
 */

/**
 * - `always`: repeated;
 * - `never`: the caller gets UnknownOutcomeError;
 * - `whenDestinationIsNotASource`: repeated only when the first key (the destination) is not also
 *   one of the other keys.
 */
export type RepeatRule = 'always' | 'never' | 'whenDestinationIsNotASource';

export interface RepeatClass {
  readonly title: string;
  readonly rule: RepeatRule;
  /** Why, in words: the README's Retries table is this column. */
  readonly reason: string;
  /** Names as CommandSpec.name spells them, subcommands as `PARENT|SUB`. */
  readonly commands: readonly string[];
}

/** An option that changes a command's verdict: SET ... NX (unsafe), RESTORE ... REPLACE (safe). */
export interface RepeatOption {
  readonly command: string;
  /** Any of these (upper case) among the options. */
  readonly options: readonly string[];
  readonly rule: 'always' | 'never';
  readonly reason: string;
  /** argv index where options may start: keys and values before it are never read as options. */
  readonly from: number;
  /** Positional arguments after the options (FUNCTION LOAD [REPLACE] code): not read as options either. */
  readonly trailing?: number;
}

/** The title of the class every command flagged readonly belongs to, unless listed elsewhere. */
export const READS = 'reads';

// A data table: one line per group of command names reads better than one name per line.
// prettier-ignore
export const REPEAT_CLASSES: readonly RepeatClass[] = [
  {
    title: READS,
    rule: 'always',
    reason:
      'the reply depends only on the data, which the first run did not change. Every command flagged readonly ' +
      '(by this table or by the server), and the commands listed, unless given an option listed below',
    commands: ['SORT', 'GEORADIUS', 'GEORADIUSBYMEMBER', 'BITFIELD', 'GETEX', 'XREAD'],
  },
  {
    title: 'server information',
    rule: 'always',
    reason: 'they describe the server and change nothing: the second answer is as true as the first',
    commands: [
      'PING', 'ECHO', 'TIME', 'LASTSAVE', 'INFO', 'COMMAND', 'COMMAND|COUNT', 'COMMAND|DOCS', 'COMMAND|GETKEYS',
      'COMMAND|GETKEYSANDFLAGS', 'COMMAND|INFO', 'COMMAND|LIST', 'CONFIG|GET', 'CLIENT|LIST', 'CLUSTER|INFO',
      'CLUSTER|NODES', 'CLUSTER|SLOTS', 'CLUSTER|SHARDS', 'CLUSTER|MYID', 'CLUSTER|MYSHARDID', 'CLUSTER|KEYSLOT',
      'CLUSTER|LINKS', 'CLUSTER|COUNTKEYSINSLOT', 'CLUSTER|GETKEYSINSLOT', 'CLUSTER|REPLICAS',
      'CLUSTER|COUNT-FAILURE-REPORTS', 'PUBSUB|CHANNELS', 'PUBSUB|NUMSUB', 'PUBSUB|NUMPAT', 'PUBSUB|SHARDCHANNELS',
      'PUBSUB|SHARDNUMSUB', 'OBJECT|HELP', 'MEMORY|STATS', 'MEMORY|DOCTOR', 'XGROUP|HELP', 'XINFO|HELP',
      'SCRIPT|EXISTS', 'FUNCTION|STATS', 'FUNCTION|LIST', 'FUNCTION|DUMP',
    ],
  },
  {
    title: 'overwrite with a constant reply',
    rule: 'always',
    reason:
      'the data ends as one run leaves it and the reply (OK, the new length, the script SHA) is the same both ' +
      'times. A relative expiry (SETEX) restarts at the repeat, which only adds the time the repeat took; ' +
      'PFMERGE takes the register-wise maximum, which a second merge does not raise',
    commands: [
      'SET', 'SETEX', 'PSETEX', 'MSET', 'HMSET', 'LSET', 'SETRANGE', 'XSETID', 'XGROUP|SETID', 'PFMERGE', 'FLUSHALL',
      'FLUSHDB', 'CONFIG|SET', 'CONFIG|RESETSTAT', 'CONFIG|REWRITE', 'SCRIPT|LOAD', 'SCRIPT|FLUSH', 'FUNCTION|FLUSH',
    ],
  },
  {
    title: 'conditional writes',
    rule: 'never',
    reason:
      "the second run sees the first one's effect and answers differently: nil or 0 (SETNX, COPY), " +
      'BUSYKEY (RESTORE), BUSYGROUP (XGROUP CREATE), "already exists" or "no such library" (FUNCTION)',
    commands: [
      'SETNX', 'HSETNX', 'MSETNX', 'RENAMENX', 'COPY', 'RESTORE', 'XGROUP|CREATE', 'FUNCTION|LOAD',
      'FUNCTION|RESTORE', 'FUNCTION|DELETE',
    ],
  },
  {
    title: 'expiry',
    rule: 'never',
    reason:
      "the first run may have ended the key's life (a time in the past or a timeout <= 0 deletes it at once, a " +
      'short one before the repeat arrives), and the repeat then answers 0; NX/XX/GT/LT compare with the ' +
      'expiry the first run set; PERSIST answers 0 once the expiry is gone',
    commands: ['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT', 'PERSIST'],
  },
  {
    title: 'destructive reads',
    rule: 'never',
    reason:
      'the reply is what the first run took or replaced: the repeat takes the next element, or answers nil or ' +
      'the new value, and the first answer is lost',
    commands: [
      'GETSET', 'GETDEL', 'SETBIT', 'LPOP', 'RPOP', 'LMPOP', 'BLPOP', 'BRPOP', 'BLMPOP', 'SPOP', 'ZPOPMIN',
      'ZPOPMAX', 'ZMPOP', 'BZPOPMIN', 'BZPOPMAX', 'BZMPOP', 'XREADGROUP',
    ],
  },
  {
    title: 'counting writes',
    rule: 'never',
    reason: 'the data converges but the reply counts what the run changed, so the repeat answers 0 (DEL 1 then 0; HSET counts new fields)',
    commands: [
      'DEL', 'UNLINK', 'HSET', 'HDEL', 'SADD', 'SREM', 'ZADD', 'ZREM', 'ZREMRANGEBYSCORE', 'ZREMRANGEBYLEX', 'GEOADD',
      'PFADD', 'XACK', 'XDEL', 'XTRIM', 'XGROUP|DESTROY', 'XGROUP|CREATECONSUMER', 'XGROUP|DELCONSUMER',
    ],
  },
  {
    title: 'accumulating writes',
    rule: 'never',
    reason: 'each run adds again: the repeat counts, appends, pushes or inserts a second time',
    commands: [
      'INCR', 'INCRBY', 'INCRBYFLOAT', 'DECR', 'DECRBY', 'APPEND', 'HINCRBY', 'HINCRBYFLOAT', 'ZINCRBY', 'LPUSH',
      'RPUSH', 'LPUSHX', 'RPUSHX', 'LINSERT',
    ],
  },
  {
    title: 'ranges relative to current content',
    rule: 'never',
    reason: 'positions and counts refer to what is there now, which the first run changed: LTRIM q 2 -1 twice drops four elements',
    commands: ['LTRIM', 'LREM', 'ZREMRANGEBYRANK'],
  },
  {
    title: 'move/rename',
    rule: 'never',
    reason: 'the source is gone after the first run: the repeat errors (no such key), answers 0 or nil, or moves the next element',
    commands: ['RENAME', 'SMOVE', 'LMOVE', 'RPOPLPUSH', 'BLMOVE', 'BRPOPLPUSH'],
  },
  {
    title: 'stores from sources',
    rule: 'whenDestinationIsNotASource',
    reason:
      'the destination is overwritten with a result computed from the sources: with the destination not among ' +
      "them the repeat stores the same result and answers the same size; among them it computes from the first run's " +
      'output (BITOP NOT d d flips back, ZUNIONSTORE d 2 d x adds x twice)',
    commands: [
      'BITOP', 'SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE', 'ZRANGESTORE',
      'GEOSEARCHSTORE',
    ],
  },
  {
    title: 'scripts and functions',
    rule: 'never',
    reason: 'a script may do any of the above and the client cannot tell which (the _RO variants are reads)',
    commands: ['EVAL', 'EVALSHA', 'FCALL'],
  },
  {
    title: 'server-side effects',
    rule: 'never',
    reason:
      'the first run did something the data does not undo: a message delivered (twice on a repeat), a stream ' +
      'entry added under a new ID, delivery counts raised',
    commands: ['PUBLISH', 'SPUBLISH', 'XADD', 'XCLAIM', 'XAUTOCLAIM'],
  },
  {
    title: 'connection state',
    rule: 'never',
    reason: 'they act on or describe the connection they run on, and a repeat runs on a new one',
    commands: [
      'WAIT', 'SUBSCRIBE', 'PSUBSCRIBE', 'UNSUBSCRIBE', 'PUNSUBSCRIBE', 'SSUBSCRIBE', 'SUNSUBSCRIBE', 'MULTI', 'EXEC',
      'DISCARD', 'WATCH', 'UNWATCH', 'ASKING', 'READONLY', 'READWRITE', 'CLIENT|GETNAME', 'CLIENT|ID', 'CLIENT|INFO',
      'CLIENT|SETNAME', 'CLIENT|SETINFO', 'CLIENT|TRACKINGINFO', 'CLIENT|GETREDIR', 'CLIENT|NO-TOUCH',
      'CLIENT|NO-EVICT', 'CLIENT|REPLY', 'CLIENT|TRACKING', 'CLIENT|CACHING',
    ],
  },
  {
    title: 'administration',
    rule: 'never',
    reason:
      'they change the cluster or other clients; a repeat errors or acts again (a second FAILOVER or KILL), and ' +
      'the operator must learn the outcome rather than have it guessed',
    commands: [
      'CLUSTER|ADDSLOTS', 'CLUSTER|ADDSLOTSRANGE', 'CLUSTER|DELSLOTS', 'CLUSTER|DELSLOTSRANGE', 'CLUSTER|FAILOVER',
      'CLUSTER|FORGET', 'CLUSTER|MEET', 'CLUSTER|REPLICATE', 'CLUSTER|RESET', 'CLUSTER|SAVECONFIG', 'CLUSTER|SETSLOT',
      'CLUSTER|FLUSHSLOTS', 'CLUSTER|BUMPEPOCH', 'CLUSTER|SET-CONFIG-EPOCH', 'CLIENT|KILL', 'CLIENT|PAUSE',
      'CLIENT|UNPAUSE', 'CLIENT|UNBLOCK', 'SCRIPT|KILL', 'FUNCTION|KILL',
    ],
  },
];

// prettier-ignore
export const REPEAT_OPTIONS: readonly RepeatOption[] = [
  {
    command: 'SET',
    // IFEQ/IFNE/IFDEQ/IFDNE: the compare-and-set conditions of newer servers.
    options: ['NX', 'XX', 'GET', 'IFEQ', 'IFNE', 'IFDEQ', 'IFDNE'],
    rule: 'never',
    reason: "conditional or replying with the old value: the repeat sees the first run's value (SET lock me NX answers nil to the lock's holder)",
    from: 3,
  },
  {
    command: 'XREAD',
    options: ['$'],
    rule: 'never',
    reason: "'$' means the newest entry when the call runs: the repeat starts later and skips what the first run returned",
    from: 2,
  },
  {
    command: 'GETEX',
    options: ['EX', 'PX', 'EXAT', 'PXAT'],
    rule: 'never',
    reason: 'sets an expiry, which may have ended the key before the repeat reads it (see expiry)',
    from: 2,
  },
  {
    command: 'BITFIELD',
    options: ['SET', 'INCRBY'],
    rule: 'never',
    reason: 'SET replies with the old bits, INCRBY adds again',
    from: 2,
  },
  { command: 'SORT', options: ['STORE'], rule: 'never', reason: 'stores from sources, and the destination may be the sorted key', from: 2 },
  {
    command: 'GEORADIUS',
    options: ['STORE', 'STOREDIST'],
    rule: 'never',
    reason: 'stores from sources, and the destination may be the searched key',
    from: 6,
  },
  {
    command: 'GEORADIUSBYMEMBER',
    options: ['STORE', 'STOREDIST'],
    rule: 'never',
    reason: 'stores from sources, and the destination may be the searched key',
    from: 5,
  },
  {
    command: 'RESTORE',
    options: ['REPLACE'],
    rule: 'always',
    reason:
      'replaces with the same payload and answers OK both times; ABSTTL names the same instant both times, and ' +
      'an instant already past makes both runs answer OK and leave no key',
    from: 4,
  },
  { command: 'COPY', options: ['REPLACE'], rule: 'always', reason: 'copies the unchanged source over the destination again and answers 1 both times', from: 3 },
  {
    command: 'FUNCTION|LOAD',
    options: ['REPLACE'],
    rule: 'always',
    reason: 'loads the same library again and answers its name both times',
    from: 2,
    trailing: 1,
  },
  {
    command: 'FUNCTION|RESTORE',
    options: ['REPLACE', 'FLUSH'],
    rule: 'always',
    reason: 'puts the same libraries in place again and answers OK both times',
    from: 3,
  },
];

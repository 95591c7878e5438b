/** The typed replies and options of every command family, on the client and on a pipeline. */
import type {
  FunctionLibrary,
  GeoCoordinates,
  GeoSearchHit,
  HashEntry,
  KeyedElement,
  KeyedElements,
  KeyedMembers,
  KeyedScoredMember,
  LcsIdxReply,
  PendingStreamEntry,
  Pipeline,
  RedisClusterClient,
  ScanPage,
  ScoredMember,
  ServerTime,
  StreamEntry,
  StreamMessages,
  XAutoClaimReply,
  XInfoRecord,
  XPendingEntry,
  XPendingSummary,
} from '../../lib/client';
import type { Equal, Expect, Reply } from './expect-type';

type C = RedisClusterClient;

// Strings and bitmaps
export type _get = Expect<Equal<Reply<C['get']>, string | null>>;
export type _getBuffer = Expect<Equal<Reply<C['getBuffer']>, Buffer | null>>;
export type _getdelBuffer = Expect<Equal<Reply<C['getdelBuffer']>, Buffer | null>>;
export type _msetnx = Expect<Equal<Reply<C['msetnx']>, boolean>>;
export type _lcs = Expect<Equal<Reply<C['lcs']>, string>>;
export type _lcsLen = Expect<Equal<Reply<C['lcsLen']>, number>>;
export type _lcsIdx = Expect<Equal<Reply<C['lcsIdx']>, LcsIdxReply>>;
export type _setbit = Expect<Equal<Reply<C['setbit']>, 0 | 1>>;
export type _bitcount = Expect<Equal<Reply<C['bitcount']>, number>>;
export type _bitfield = Expect<Equal<Reply<C['bitfield']>, (number | null)[]>>;
export type _bitfieldRo = Expect<Equal<Reply<C['bitfieldRo']>, number[]>>;

// Keys
export type _copy = Expect<Equal<Reply<C['copy']>, boolean>>;
export type _dump = Expect<Equal<Reply<C['dump']>, Buffer | null>>;
export type _restore = Expect<Equal<Reply<C['restore']>, 'OK'>>;
export type _expiretime = Expect<Equal<Reply<C['expiretime']>, number>>;
export type _sortRo = Expect<Equal<Reply<C['sortRo']>, string[]>>;
export type _objectEncoding = Expect<Equal<Reply<C['objectEncoding']>, string | null>>;
export type _keys = Expect<Equal<Reply<C['keys']>, string[]>>;

// Hashes
export type _hgetallBuffer = Expect<Equal<Reply<C['hgetallBuffer']>, Record<string, Buffer>>>;
export type _hrandfieldWithValues = Expect<Equal<Reply<C['hrandfieldWithValues']>, HashEntry[]>>;
export type _hscan = Expect<Equal<Reply<C['hscan']>, ScanPage<HashEntry>>>;
export type _hscanIterator = Expect<Equal<ReturnType<C['hscanIterator']>, AsyncGenerator<HashEntry>>>;
export type _hsetnx = Expect<Equal<Reply<C['hsetnx']>, boolean>>;

// Lists, blocking lists
export type _lpos = Expect<Equal<Reply<C['lpos']>, number | null>>;
export type _lposCount = Expect<Equal<Reply<C['lposCount']>, number[]>>;
export type _lmove = Expect<Equal<Reply<C['lmove']>, string | null>>;
export type _lmpop = Expect<Equal<Reply<C['lmpop']>, KeyedElements | null>>;
export type _blpop = Expect<Equal<Reply<C['blpop']>, KeyedElement | null>>;
export type _blpopBuffer = Expect<Equal<Reply<C['blpopBuffer']>, KeyedElement<Buffer> | null>>;
export type _blmpop = Expect<Equal<Reply<C['blmpop']>, KeyedElements | null>>;
export type _lrangeBuffer = Expect<Equal<Reply<C['lrangeBuffer']>, Buffer[]>>;

// Sets
export type _smismember = Expect<Equal<Reply<C['smismember']>, boolean[]>>;
export type _sintercard = Expect<Equal<Reply<C['sintercard']>, number>>;
export type _sscan = Expect<Equal<Reply<C['sscan']>, ScanPage<string>>>;
export type _smove = Expect<Equal<Reply<C['smove']>, boolean>>;

// Sorted sets
export type _zrangeWithScores = Expect<Equal<Reply<C['zrangeWithScores']>, ScoredMember[]>>;
export type _zpopmin = Expect<Equal<Reply<C['zpopmin']>, ScoredMember[]>>;
export type _zmscore = Expect<Equal<Reply<C['zmscore']>, (number | null)[]>>;
export type _zmpop = Expect<Equal<Reply<C['zmpop']>, KeyedMembers | null>>;
export type _bzpopmin = Expect<Equal<Reply<C['bzpopmin']>, KeyedScoredMember | null>>;
export type _bzmpop = Expect<Equal<Reply<C['bzmpop']>, KeyedMembers | null>>;
export type _zunionWithScores = Expect<Equal<Reply<C['zunionWithScores']>, ScoredMember[]>>;
export type _zscanIterator = Expect<Equal<ReturnType<C['zscanIterator']>, AsyncGenerator<ScoredMember>>>;
export type _ScoredMember = Expect<Equal<ScoredMember, { member: string; score: number }>>;

// Streams
export type _xadd = Expect<Equal<Reply<C['xadd']>, string | null>>;
export type _xrange = Expect<Equal<Reply<C['xrange']>, StreamEntry[]>>;
export type _xrangeBuffer = Expect<Equal<Reply<C['xrangeBuffer']>, StreamEntry<Buffer>[]>>;
export type _StreamEntry = Expect<Equal<StreamEntry, { id: string; fields: Record<string, string> }>>;
export type _xread = Expect<Equal<Reply<C['xread']>, StreamMessages<StreamEntry>[] | null>>;
export type _xreadgroup = Expect<Equal<Reply<C['xreadgroup']>, StreamMessages<PendingStreamEntry>[] | null>>;
export type _xpending = Expect<Equal<Reply<C['xpending']>, XPendingSummary>>;
export type _xpendingRange = Expect<Equal<Reply<C['xpendingRange']>, XPendingEntry[]>>;
export type _xautoclaim = Expect<Equal<Reply<C['xautoclaim']>, XAutoClaimReply<StreamEntry>>>;
export type _xautoclaimJustId = Expect<Equal<Reply<C['xautoclaimJustId']>, XAutoClaimReply<string>>>;
export type _xclaimJustId = Expect<Equal<Reply<C['xclaimJustId']>, string[]>>;
export type _xgroupCreate = Expect<Equal<Reply<C['xgroupCreate']>, 'OK'>>;
export type _xinfoGroups = Expect<Equal<Reply<C['xinfoGroups']>, XInfoRecord[]>>;

// Geo, HyperLogLog
export type _geopos = Expect<Equal<Reply<C['geopos']>, (GeoCoordinates | null)[]>>;
export type _geodist = Expect<Equal<Reply<C['geodist']>, number | null>>;
export type _geosearch = Expect<Equal<Reply<C['geosearch']>, string[]>>;
export type _geosearchWith = Expect<Equal<Reply<C['geosearchWith']>, GeoSearchHit[]>>;
export type _geosearchstore = Expect<Equal<Reply<C['geosearchstore']>, number>>;
export type _pfadd = Expect<Equal<Reply<C['pfadd']>, boolean>>;
export type _pfcount = Expect<Equal<Reply<C['pfcount']>, number>>;

// Scripting, functions, server (client only)
export type _functionLoad = Expect<Equal<Reply<C['functionLoad']>, string>>;
export type _functionList = Expect<Equal<Reply<C['functionList']>, FunctionLibrary[]>>;
export type _functionDump = Expect<Equal<Reply<C['functionDump']>, Buffer>>;
export type _scriptExists = Expect<Equal<Reply<C['scriptExists']>, boolean[]>>;
export type _dbsize = Expect<Equal<Reply<C['dbsize']>, number>>;
export type _flushall = Expect<Equal<Reply<C['flushall']>, 'OK'>>;
export type _info = Expect<Equal<Reply<C['info']>, Record<string, string>>>;
export type _time = Expect<Equal<Reply<C['time']>, ServerTime>>;
export type _pubsubNumsub = Expect<Equal<Reply<C['pubsubNumsub']>, Record<string, number>>>;

// The pipeline chains: every family's methods return the pipeline itself...
export type _pipelineXadd = Expect<Equal<ReturnType<Pipeline['xadd']>, Pipeline>>;
export type _pipelineBlpop = Expect<Equal<ReturnType<Pipeline['blpop']>, Pipeline>>;
export type _pipelineGeosearch = Expect<Equal<ReturnType<Pipeline['geosearch']>, Pipeline>>;
export type _pipelineBitfield = Expect<Equal<ReturnType<Pipeline['bitfield']>, Pipeline>>;
export type _pipelineZrangeWithScores = Expect<Equal<ReturnType<Pipeline['zrangeWithScores']>, Pipeline>>;
// ...and the client-only ones (fan-outs, iterators) are not on it.
export type _pipelineNoFunctionLoad = Expect<Equal<'functionLoad' extends keyof Pipeline ? true : false, false>>;
export type _pipelineNoIterator = Expect<Equal<'hscanIterator' extends keyof Pipeline ? true : false, false>>;
export type _pipelineNoDbsize = Expect<Equal<'dbsize' extends keyof Pipeline ? true : false, false>>;

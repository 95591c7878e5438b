import { AskError, MovedError, parseReplyError, RedisClusterError, ReplyError } from '../../../lib/core/errors';

describe('parseReplyError', () => {
  describe('redirects', () => {
    it.each<[string, typeof MovedError | typeof AskError, number, string, number]>([
      ['MOVED 3999 127.0.0.1:6381', MovedError, 3999, '127.0.0.1', 6381],
      ['ASK 3999 127.0.0.1:6381', AskError, 3999, '127.0.0.1', 6381],
      ['MOVED 0 redis-1.example.com:6379', MovedError, 0, 'redis-1.example.com', 6379],
      ['MOVED 16383 127.0.0.9:65535', MovedError, 16383, '127.0.0.9', 65535],
      ['MOVED 1 ::1:7000', MovedError, 1, '::1', 7000],
      ['ASK 1 [::1]:7000', AskError, 1, '::1', 7000],
      ['MOVED 12182 [2001:db8::1]:6379', MovedError, 12182, '2001:db8::1', 6379],
      // An empty host means "the node you are talking to"; the router fills it in.
      ['MOVED 5 :7000', MovedError, 5, '', 7000],
    ])('%s', (text, type, slot, host, port) => {
      const error = parseReplyError(text);
      expect(error).toBeInstanceOf(type);
      expect(error).toBeInstanceOf(ReplyError);
      expect(error).toBeInstanceOf(RedisClusterError);
      expect(error).toMatchObject({ slot, host, port, message: text, code: text.split(' ')[0] });
      expect(error.name).toBe(type === MovedError ? 'MovedError' : 'AskError');
    });

    it.each([
      'MOVED 16384 127.0.0.1:6379',
      'MOVED 99999 127.0.0.1:6379',
      'MOVED -1 127.0.0.1:6379',
      'MOVED 1 127.0.0.1:0',
      'MOVED 1 127.0.0.1:65536',
      'MOVED 1 127.0.0.1:',
      'MOVED 1 127.0.0.1:63a9',
      'MOVED 1 127.0.0.1',
      'MOVED abc 127.0.0.1:6379',
      'MOVED 1',
      'MOVED',
      'MOVED 1 127.0.0.1:6379 extra',
      'ASK 1 host:port',
    ])('keeps the invalid redirect %j a plain ReplyError, never dialled', (text) => {
      const error = parseReplyError(text);
      expect(error).not.toBeInstanceOf(MovedError);
      expect(error).not.toBeInstanceOf(AskError);
      expect(error.constructor).toBe(ReplyError);
      expect(error.message).toBe(text);
    });
  });

  it.each([
    ['TRYAGAIN Multiple keys request during rehashing of slot', 'TRYAGAIN'],
    ['CLUSTERDOWN The cluster is down', 'CLUSTERDOWN'],
    ['LOADING Redis is loading the dataset in memory', 'LOADING'],
    ["READONLY You can't write against a read only replica.", 'READONLY'],
    ['NOAUTH Authentication required.', 'NOAUTH'],
    ['WRONGPASS invalid username-password pair or user is disabled.', 'WRONGPASS'],
    ["CROSSSLOT Keys in request don't hash to the same slot", 'CROSSSLOT'],
    ['NOSCRIPT No matching script. Please use EVAL.', 'NOSCRIPT'],
    ['EXECABORT Transaction discarded because of previous errors.', 'EXECABORT'],
    ['MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to no', 'MASTERDOWN'],
    ['WRONGTYPE Operation against a key holding the wrong kind of value', 'WRONGTYPE'],
    ['ERR unknown command', 'ERR'],
    ['BUSYKEY Target key name already exists.', 'BUSYKEY'],
  ])('keeps the code of %j', (text, code) => {
    const error = parseReplyError(text);
    expect(error.constructor).toBe(ReplyError);
    expect(error).toMatchObject({ code, message: text, name: 'ReplyError' });
  });

  it.each(['', 'lowercase prefix', '123 numeric', 'ÉRR accented'])('falls back to ERR for the code-less %j', (text) => {
    expect(parseReplyError(text)).toMatchObject({ code: 'ERR', message: text });
  });
});

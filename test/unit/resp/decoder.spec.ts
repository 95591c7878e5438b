import { AskError, MovedError, ReplyError } from '../../../lib/core/errors';
import { RespDecoder } from '../../../lib/core/resp/decoder';
import type { RespValue } from '../../../lib/core/resp/types';
import { decodeAs, decodeEveryWay } from '../../helpers/decode';

/** Each case is decoded whole, byte by byte and cut in two at every position (see decodeEveryWay). */
const one = (input: string, buffers = false): RespValue => {
  const { replies, pushes } = decodeEveryWay(input, { buffers });
  expect(pushes).toEqual([]);
  expect(replies).toHaveLength(1);
  return replies[0];
};

describe('RespDecoder: RESP2', () => {
  it.each<[string, RespValue]>([
    ['+OK\r\n', 'OK'],
    ['+\r\n', ''],
    ['+héllo wörld\r\n', 'héllo wörld'],
    [':0\r\n', 0],
    [':-42\r\n', -42],
    [':+7\r\n', 7],
    [':-0\r\n', 0],
    [':9007199254740991\r\n', Number.MAX_SAFE_INTEGER],
    [':-9007199254740991\r\n', -Number.MAX_SAFE_INTEGER],
    [':9007199254740992\r\n', 9007199254740992n],
    [':9223372036854775807\r\n', 9223372036854775807n],
    [':-9223372036854775808\r\n', -9223372036854775808n],
    [':0000000000000000000001\r\n', 1],
    ['$5\r\nhello\r\n', 'hello'],
    ['$0\r\n\r\n', ''],
    ['$8\r\na\r\nb\r\ncd\r\n', 'a\r\nb\r\ncd'],
    ['$6\r\nhéllo\r\n', 'héllo'],
    ['$4\r\n😀\r\n', '😀'],
    ['$-1\r\n', null],
    ['*-1\r\n', null],
    ['*0\r\n', []],
    ['*3\r\n:1\r\n$1\r\nx\r\n+y\r\n', [1, 'x', 'y']],
    ['*2\r\n*2\r\n:1\r\n*0\r\n*1\r\n$-1\r\n', [[1, []], [null]]],
    ['*2\r\n*-1\r\n*1\r\n*1\r\n*1\r\n:5\r\n', [null, [[[5]]]]],
  ])('%j', (input, expected) => {
    expect(one(input)).toEqual(expected);
  });

  it('keeps bigints exact rather than rounding them to doubles', () => {
    expect(typeof one(':9223372036854775807\r\n')).toBe('bigint');
    expect(typeof one(':9007199254740991\r\n')).toBe('number');
  });

  it('turns a top-level error reply into a typed ReplyError value', () => {
    const error = one('-WRONGTYPE Operation against a key holding the wrong kind of value\r\n');
    expect(error).toBeInstanceOf(ReplyError);
    expect((error as ReplyError).code).toBe('WRONGTYPE');
  });

  it('keeps errors nested in an aggregate as values, typed (EXEC, pipelines)', () => {
    const reply = one('*3\r\n+OK\r\n-MOVED 3999 127.0.0.1:6381\r\n-ASK 1 127.0.0.9:7000\r\n') as RespValue[];
    expect(reply[0]).toBe('OK');
    expect(reply[1]).toBeInstanceOf(MovedError);
    expect(reply[1]).toMatchObject({ slot: 3999, host: '127.0.0.1', port: 6381 });
    expect(reply[2]).toBeInstanceOf(AskError);
  });

  it('delivers pipelined replies in order', () => {
    const input = '+OK\r\n:1\r\n$3\r\nfoo\r\n*1\r\n+a\r\n-ERR x\r\n$-1\r\n';
    const { replies } = decodeEveryWay(input);
    expect(replies.slice(0, 4)).toEqual(['OK', 1, 'foo', ['a']]);
    expect(replies[4]).toBeInstanceOf(ReplyError);
    expect(replies[5]).toBeNull();
  });
});

describe('RespDecoder: RESP3', () => {
  it.each<[string, RespValue]>([
    ['_\r\n', null],
    ['#t\r\n', true],
    ['#f\r\n', false],
    [',1.23\r\n', 1.23],
    [',10\r\n', 10],
    [',-1.5e-3\r\n', -0.0015],
    [',+2E10\r\n', 2e10],
    [',inf\r\n', Infinity],
    [',-inf\r\n', -Infinity],
    [',nan\r\n', NaN],
    ['(3492890328409238509324850943850943825024385\r\n', 3492890328409238509324850943850943825024385n],
    ['(-1\r\n', -1n],
    ['=15\r\ntxt:Some string\r\n', 'Some string'],
    ['=4\r\nmkd:\r\n', ''],
    ['%0\r\n', {}],
    ['%2\r\n+first\r\n:1\r\n$6\r\nsecond\r\n#t\r\n', { first: 1, second: true }],
    ['%2\r\n:1\r\n+one\r\n#f\r\n+no\r\n', { 1: 'one', false: 'no' }],
    ['%1\r\n+m\r\n%1\r\n+n\r\n*2\r\n:1\r\n:2\r\n', { m: { n: [1, 2] } }],
    ['~3\r\n+a\r\n:1\r\n_\r\n', ['a', 1, null]],
    ['~0\r\n', []],
    ['*2\r\n~1\r\n%1\r\n+k\r\n,0.5\r\n(9\r\n', [[{ k: 0.5 }], 9n]],
  ])('%j', (input, expected) => {
    expect(one(input)).toEqual(expected);
  });

  it('stores a "__proto__" map key as data instead of replacing the prototype', () => {
    const map = one('%1\r\n+__proto__\r\n+x\r\n') as Record<string, RespValue>;
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.keys(map)).toEqual(['__proto__']);
    expect(map['__proto__']).toBe('x');
  });

  it('turns a blob error into a typed ReplyError', () => {
    const error = one('!21\r\nSYNTAX invalid syntax\r\n');
    expect(error).toBeInstanceOf(ReplyError);
    expect(error).toMatchObject({ code: 'SYNTAX', message: 'SYNTAX invalid syntax' });
  });

  it('skips attributes at top level and nested, without counting them as elements', () => {
    const attribute = '|1\r\n+key-popularity\r\n*2\r\n$1\r\na\r\n,0.19\r\n';
    expect(one(`${attribute}*2\r\n:1\r\n${attribute}:2\r\n`)).toEqual([1, 2]);
    expect(one(`|0\r\n%1\r\n${attribute}+k\r\n+v\r\n`)).toEqual({ k: 'v' });
  });

  it('routes push frames to onPush, never as replies, even between and before replies', () => {
    const input = '>3\r\n+message\r\n+chan\r\n$2\r\nhi\r\n+OK\r\n>0\r\n|1\r\n+a\r\n+b\r\n>1\r\n+invalidate\r\n:1\r\n';
    const { replies, pushes, asked } = decodeEveryWay(input, { buffers: true });
    expect(replies).toEqual(['OK', 1]);
    expect(pushes).toEqual([['message', 'chan', 'hi'], [], ['invalidate']]);
    // Pushes do not consume the returnBuffers answer meant for the next reply, and decode as strings.
    expect(asked).toBe(2);
  });
});

describe('RespDecoder: returnBuffers', () => {
  it('asks once per top-level reply and applies the answer to that whole reply', () => {
    const input = '$3\r\nabc\r\n*2\r\n$1\r\nx\r\n=8\r\ntxt:blob\r\n+simple\r\n$2\r\nzz\r\n';
    const { replies, asked } = decodeEveryWay(input, { buffers: [true, true, true, false] });
    expect(asked).toBe(4);
    expect(replies[0]).toEqual(Buffer.from('abc'));
    expect(replies[1]).toEqual([Buffer.from('x'), Buffer.from('blob')]);
    expect(replies[2]).toBe('simple');
    expect(replies[3]).toBe('zz');
  });

  it('copies buffer values out of the socket chunk, so reusing the chunk cannot corrupt them', () => {
    const chunk = Buffer.from('$3\r\nabc\r\n');
    const { replies } = decodeAs(chunk, 'whole', { buffers: true });
    chunk.fill(0);
    expect(replies[0]).toEqual(Buffer.from('abc'));
  });

  it('asks once for a reply that spans many chunks', () => {
    expect(decodeAs('*3\r\n$1\r\na\r\n:1\r\n$2\r\nbc\r\n', 'bytes', { buffers: true }).asked).toBe(1);
  });
});

describe('RespDecoder: streaming', () => {
  it('collects a large bulk string across chunks and concatenates it once', () => {
    const payload = Buffer.alloc(1_000_000, 'x');
    payload.write('\r\n', 500_000);
    const input = Buffer.concat([Buffer.from(`*2\r\n$${payload.length}\r\n`), payload, Buffer.from('\r\n+OK\r\n')]);
    const seen: RespValue[] = [];
    const decoder = new RespDecoder({ onReply: (v) => seen.push(v), onPush: () => undefined, returnBuffers: () => true });
    const concat = jest.spyOn(Buffer, 'concat');
    for (let at = 0; at < input.length; at += 997) decoder.feed(input.subarray(at, at + 997));
    expect(concat).toHaveBeenCalledTimes(1);
    concat.mockRestore();
    // Buffer#equals: toEqual walks a megabyte one element at a time.
    const [[bulk, ok]] = seen as [[Buffer, string]];
    expect(payload.equals(bulk)).toBe(true);
    expect(ok).toBe('OK');
  });

  it('moves past a reply before its handler throws, and resumes with the rest of the chunk', () => {
    const seen: RespValue[] = [];
    const decoder = new RespDecoder({
      onReply: (v) => {
        seen.push(v);
        if (v === 'boom') throw new Error('handler failed');
      },
      onPush: () => undefined,
      returnBuffers: () => false,
    });
    expect(() => decoder.feed(Buffer.from('+boom\r\n:1\r\n$2\r\nab'))).toThrow('handler failed');
    expect(seen).toEqual(['boom']);
    decoder.feed(Buffer.alloc(0));
    expect(seen).toEqual(['boom', 1]);
    decoder.feed(Buffer.from('\r\n+OK\r\n'));
    expect(seen).toEqual(['boom', 1, 'ab', 'OK']);
  });

  it('asks returnBuffers again when it threw, since that reply has not started', () => {
    let calls = 0;
    const seen: RespValue[] = [];
    const decoder = new RespDecoder({
      onReply: (v) => seen.push(v),
      onPush: () => undefined,
      returnBuffers: () => {
        if (calls++ === 0) throw new Error('no head');
        return true;
      },
    });
    expect(() => decoder.feed(Buffer.from('$1\r\nz\r\n'))).toThrow('no head');
    decoder.feed(Buffer.alloc(0));
    expect(seen).toEqual([Buffer.from('z')]);
  });
});

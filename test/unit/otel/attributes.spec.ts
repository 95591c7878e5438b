import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { errorType, responseStatusCode } from '../../../lib/otel/errors';
import { serverAttributes } from '../../../lib/otel/server-attributes';
import { INSTRUMENTATION_VERSION } from '../../../lib/otel/version';
import { ReplyError } from '../../../lib/core/errors/reply-error';
import { TimeoutError } from '../../../lib/core/errors/timeout-error';
import { MovedError } from '../../../lib/core/errors/moved-error';

describe('otel attributes', () => {
  it('splits host:port into server.address and server.port, IPv6 without brackets', () => {
    expect(serverAttributes('127.0.0.1:7000')).toEqual({ 'server.address': '127.0.0.1', 'server.port': 7000 });
    expect(serverAttributes('[::1]:7001')).toEqual({ 'server.address': '::1', 'server.port': 7001 });
    expect(serverAttributes('')).toEqual({});
  });

  it('error.type is the server code for a reply error, else the class name; status code only for replies', () => {
    const reply = new ReplyError('WRONGTYPE', 'WRONGTYPE wrong kind');
    const timeout = new TimeoutError('read', '127.0.0.1:7000', 100, true);
    expect([errorType(reply), responseStatusCode(reply)]).toEqual(['WRONGTYPE', 'WRONGTYPE']);
    expect([errorType(timeout), responseStatusCode(timeout)]).toEqual(['TimeoutError', undefined]);
    const moved = new MovedError('MOVED 1 127.0.0.1:7001', 1, '127.0.0.1', 7001);
    expect([errorType(moved), errorType(new RangeError('x'))]).toEqual(['MOVED', 'RangeError']);
  });

  it("reports the package's version as the instrumentation scope's", () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(INSTRUMENTATION_VERSION).toBe(pkg.version);
  });
});

import { createHash, createHmac } from 'node:crypto';
import { elastiCacheIamCredentials, IAM_TOKEN_REFRESH_MS } from '../../../lib/core/credentials/elasticache-iam';

/** AWS's documentation example credentials: fixed, so the signature is reproducible. */
const AWS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const T0 = Date.UTC(2026, 0, 2, 3, 4, 5); // 20260102T030405Z

function parse(token: string): { host: string; path: string; query: Map<string, string> } {
  const url = new URL(`http://${token}`);
  return { host: url.host, path: url.pathname, query: new Map([...url.searchParams]) };
}

/** SigV4 query signing written out from AWS's specification, independent of the signer package. */
function expectedSignature(token: string, secret: string, region: string): string {
  const [hostAndPath, rawQuery] = token.split('?');
  const host = hostAndPath.slice(0, hostAndPath.indexOf('/'));
  const canonicalQuery = rawQuery
    .split('&')
    .filter((pair) => !pair.startsWith('X-Amz-Signature='))
    .sort()
    .join('&');
  const canonicalRequest = ['GET', '/', canonicalQuery, `host:${host}`, '', 'host', sha256('')].join('\n');
  const date = new URLSearchParams(rawQuery).get('X-Amz-Date')!;
  const scope = `${date.slice(0, 8)}/${region}/elasticache/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${secret}`, date.slice(0, 8));
  for (const part of [region, 'elasticache', 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest();

describe('elastiCacheIamCredentials', () => {
  it('gives the user id and a presigned connect request without its scheme, as AWS documents the token', async () => {
    const provider = elastiCacheIamCredentials({
      userId: 'app-user',
      cacheName: 'my-cache',
      region: 'eu-west-1',
      credentials: AWS,
      now: () => T0,
    });
    const { username, password } = await provider();
    expect(username).toBe('app-user');
    expect(password.startsWith('my-cache/?')).toBe(true);
    expect(password).not.toMatch(/^https?:/);
    const { host, path, query } = parse(password);
    expect(host).toBe('my-cache');
    expect(path).toBe('/');
    expect(Object.fromEntries(query)).toEqual({
      Action: 'connect',
      User: 'app-user',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIDEXAMPLE/20260102/eu-west-1/elasticache/aws4_request',
      'X-Amz-Date': '20260102T030405Z',
      'X-Amz-Expires': '900',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(query.get('X-Amz-Signature')).toBe(expectedSignature(password, AWS.secretAccessKey, 'eu-west-1'));
  });

  it('signs ResourceType=ServerlessCache for a serverless cache, and a session token when there is one', async () => {
    const provider = elastiCacheIamCredentials({
      userId: 'u1',
      cacheName: 'serverless-cache',
      region: 'us-east-1',
      serverless: true,
      credentials: async () => ({ ...AWS, sessionToken: 'session/token+1=' }),
      now: () => T0,
    });
    const { password } = await provider();
    const { query } = parse(password);
    expect(query.get('ResourceType')).toBe('ServerlessCache');
    expect(query.get('X-Amz-Security-Token')).toBe('session/token+1=');
    expect(query.get('X-Amz-Signature')).toBe(expectedSignature(password, AWS.secretAccessKey, 'us-east-1'));
  });

  it('leaves ResourceType out for a replication group', async () => {
    const { password } = await elastiCacheIamCredentials({
      userId: 'u1',
      cacheName: 'rg',
      region: 'us-east-1',
      credentials: AWS,
      now: () => T0,
    })();
    expect(parse(password).query.has('ResourceType')).toBe(false);
  });

  it('serves one token to every connection until it is 10 minutes old, then signs a new one', async () => {
    let now = T0;
    const credentials = jest.fn(async () => AWS);
    const provider = elastiCacheIamCredentials({ userId: 'u1', cacheName: 'c', region: 'us-east-1', credentials, now: () => now });
    const first = await Promise.all([provider(), provider(), provider()]);
    expect(new Set(first.map((c) => c.password)).size).toBe(1);
    now = T0 + IAM_TOKEN_REFRESH_MS - 1;
    expect((await provider()).password).toBe(first[0].password);
    expect(credentials).toHaveBeenCalledTimes(1);
    now = T0 + IAM_TOKEN_REFRESH_MS;
    const renewed = await provider();
    expect(renewed.password).not.toBe(first[0].password);
    expect(parse(renewed.password).query.get('X-Amz-Date')).toBe('20260102T031405Z');
    expect(credentials).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed signing: the next connection signs again', async () => {
    const credentials = jest.fn<Promise<typeof AWS>, []>().mockRejectedValueOnce(new Error('sts down')).mockResolvedValue(AWS);
    const provider = elastiCacheIamCredentials({ userId: 'u1', cacheName: 'c', region: 'us-east-1', credentials, now: () => T0 });
    await expect(provider()).rejects.toThrow('sts down');
    await expect(provider()).resolves.toMatchObject({ username: 'u1' });
  });

  it('refuses missing names at once', () => {
    expect(() => elastiCacheIamCredentials({ userId: '', cacheName: 'c', region: 'r', credentials: AWS })).toThrow(/userId/);
  });
});

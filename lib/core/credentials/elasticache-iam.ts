import type { CredentialsProvider } from './credentials';

/** AWS credentials as the AWS SDK gives them (`fromNodeProviderChain()` and friends return the function form). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface ElastiCacheIamOptions {
  /** The ElastiCache user's id (IAM-enabled users have user name = user id); becomes the AUTH user name. */
  userId: string;
  /** The replication group id, or the serverless cache's name, in lower case. */
  cacheName: string;
  /** The cache's region, e.g. `eu-west-1`. */
  region: string;
  /** A serverless cache: signs `ResourceType=ServerlessCache`. @default false */
  serverless?: boolean;
  /** Fixed credentials or an AWS SDK credential provider (asked again at each signing, so its own refresh applies). */
  credentials: AwsCredentials | (() => Promise<AwsCredentials>);
  /** Clock, in ms since the epoch: for tests. @default Date.now */
  now?: () => number;
}

/** ElastiCache refuses a token older than this (`X-Amz-Expires`), in seconds. */
export const IAM_TOKEN_TTL_S = 900;
/** A token is signed again once this old, well before the server would refuse it. */
export const IAM_TOKEN_REFRESH_MS = 10 * 60_000;

/**
 * A `credentialsProvider` for ElastiCache IAM authentication: the user id and a SigV4-presigned
 * `GET http://<cacheName>/?Action=connect&User=<userId>` (plus `ResourceType=ServerlessCache`),
 * valid 900 s, without its `http://`, as AWS documents the token. One token serves every
 * connection and is signed again after 10 minutes, so a pool that grows calls no signer per socket.
 *
 * Needs the optional peers `@smithy/signature-v4` and `@aws-crypto/sha256-js`, loaded on the first
 * call only. ElastiCache disconnects an IAM-authenticated connection after 12 hours unless it sends
 * AUTH with a fresh token: set `maxConnAge` below 12 h (e.g. 11 h), or a `reauthInterval` (e.g.
 * 10 minutes) so live sockets renew their session. The token is checked at AUTH only: a socket
 * outlives its token's 15 minutes.
 */
export function elastiCacheIamCredentials(options: ElastiCacheIamOptions): CredentialsProvider {
  const { userId, cacheName, region } = options;
  for (const [name, value] of Object.entries({ userId, cacheName, region })) {
    if (typeof value !== 'string' || value.length === 0)
      throw new TypeError(`elastiCacheIamCredentials: ${name} must be a non-empty string`);
  }
  const now = options.now ?? Date.now;
  let cached: { token: Promise<string>; signedAt: number } | undefined;
  return async () => {
    const at = now();
    if (cached === undefined || at - cached.signedAt >= IAM_TOKEN_REFRESH_MS) {
      const token = presignConnect(options, at);
      cached = { token, signedAt: at };
      // A failed signing is not kept: the next connection tries again.
      token.catch(() => {
        if (cached?.token === token) cached = undefined;
      });
    }
    return { username: userId, password: await cached.token };
  };
}

/** The signed request, as a URL without its scheme: `<cacheName>/?Action=connect&...&X-Amz-Signature=...`. */
async function presignConnect(options: ElastiCacheIamOptions, at: number): Promise<string> {
  const [{ SignatureV4 }, { Sha256 }] = await Promise.all([loadPeer('@smithy/signature-v4'), loadPeer('@aws-crypto/sha256-js')]);
  const signer = new SignatureV4({
    service: 'elasticache',
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
    applyChecksum: false,
  });
  const query: Record<string, string> = { Action: 'connect', User: options.userId };
  if (options.serverless) query.ResourceType = 'ServerlessCache';
  const signed = await signer.presign(
    { method: 'GET', protocol: 'http:', hostname: options.cacheName, path: '/', query, headers: { host: options.cacheName } },
    { expiresIn: IAM_TOKEN_TTL_S, signingDate: new Date(at) },
  );
  const pairs = Object.entries(signed.query ?? {})
    .flatMap(([key, value]) => (Array.isArray(value) ? value.map((v) => [key, v]) : [[key, value]]))
    .filter((pair): pair is [string, string] => typeof pair[1] === 'string')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${escapeUri(key)}=${escapeUri(value)}`);
  return `${options.cacheName}/?${pairs.join('&')}`;
}

/** RFC 3986 encoding as SigV4 canonicalises it (encodeURIComponent leaves !'()* alone). */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

type Peers = {
  '@smithy/signature-v4': typeof import('@smithy/signature-v4');
  '@aws-crypto/sha256-js': typeof import('@aws-crypto/sha256-js');
};

/** The peers load only here, on first use, so the client itself never needs them. */
async function loadPeer<K extends keyof Peers>(name: K): Promise<Peers[K]> {
  try {
    return (await import(name)) as Peers[K];
  } catch (error) {
    throw new Error(
      `elastiCacheIamCredentials needs the optional peer dependency "${name}": npm install @smithy/signature-v4 @aws-crypto/sha256-js`,
      { cause: error },
    );
  }
}

/** What a `credentialsProvider` returns: an ACL user (absent: `default`) and its password or token. */
export interface Credentials {
  username?: string;
  password: string;
}

/**
 * Called for every new connection (pool, heartbeat, subscriber, blocking, topology fetch) before
 * its handshake, and once per `reauthInterval` tick for live ones. Cache inside it what is costly
 * to make (a signed token): it may be called many times a second while a pool grows.
 */
export type CredentialsProvider = () => Promise<Credentials>;

import { EventEmitter } from 'node:events';
import type { RedisClusterClient, RespArg } from '../client';
import { batches } from './batches';
import { resolveKeyvStoreOptions, type RedisClusterKeyvStoreOptions, type ResolvedKeyvStoreOptions } from './keyv-store-options';
import { ownedKeys } from './owned-keys';

/** A value as Keyv hands it to a store: its serialized text (or whatever a custom serializer made). */
type StoredValue = RespArg;

/** `opts` as Keyv reads it: `dialect: 'redis'` is how Keyv recognises a store it may iterate. */
export interface KeyvStoreOpts extends ResolvedKeyvStoreOptions {
  dialect: 'redis';
  url: string;
}

/**
 * A Keyv store over a `RedisClusterClient`: `new Keyv({ store: new RedisClusterKeyvStore(client) })`,
 * or a store of @nestjs/cache-manager / cache-manager.
 *
 * Keys are written as Keyv gives them (`namespace:key`) after `keyPrefix`, with no hash tag: a
 * namespace's keys spread over every slot (one namespace is not one hot slot), and the many-key
 * calls go through the client, which splits MGET/UNLINK/DEL by slot. TTLs are milliseconds (PX).
 * `clear()` and `iterator()` walk every master with SCAN and touch only the keys `ownedKeys`
 * describes; nothing here sends FLUSHALL or FLUSHDB.
 *
 * It has the shape of Keyv's `KeyvStoreAdapter` without importing keyv (the tests hold it to that
 * type), except that `setMany` resolves to one boolean per entry, which is what Keyv's `setMany`
 * passes on to its caller (keyv 5 declares `Promise<void>`).
 *
 * Keyv 5 only (peer `^5`): Keyv 6 hands a store that has a `namespace` unprefixed keys and expects
 * it to prefix them itself, which this store does not do.
 *
 * The store does not own the client: Keyv's `disconnect()` leaves it open for its owner to close.
 */
export class RedisClusterKeyvStore extends EventEmitter {
  /** Set by Keyv to its own namespace; decides what `clear()` and `iterator()` cover. */
  namespace?: string;
  readonly opts: KeyvStoreOpts;
  private readonly settings: ResolvedKeyvStoreOptions;

  constructor(
    readonly client: RedisClusterClient,
    options: RedisClusterKeyvStoreOptions = {},
  ) {
    super();
    this.settings = resolveKeyvStoreOptions(options);
    this.opts = { ...this.settings, dialect: 'redis', url: 'redis-cluster://slotline' };
  }

  async get<Value>(key: string): Promise<Value | undefined> {
    try {
      const value = await this.client.get(this.redisKey(key));
      return (value ?? undefined) as Value | undefined;
    } catch (error) {
      return this.failed(error, undefined);
    }
  }

  async getMany<Value>(keys: string[]): Promise<Array<Value | undefined>> {
    if (keys.length === 0) return [];
    try {
      const values = await this.client.mget(keys.map((key) => this.redisKey(key)));
      return values.map((value) => (value ?? undefined) as Value | undefined);
    } catch (error) {
      return this.failed(
        error,
        keys.map(() => undefined),
      );
    }
  }

  /** `ttl` in milliseconds; none (or 0, or not a positive finite number) keeps the key until deleted. */
  async set(key: string, value: StoredValue, ttl?: number): Promise<boolean> {
    try {
      await this.write(key, value, ttl);
      return true;
    } catch (error) {
      return this.failed(error, false);
    }
  }

  async setMany(entries: Array<{ key: string; value: StoredValue; ttl?: number }>): Promise<boolean[]> {
    return Promise.all(entries.map(({ key, value, ttl }) => this.set(key, value, ttl)));
  }

  async delete(key: string): Promise<boolean> {
    return this.deleteMany([key]);
  }

  /** true when at least one of the keys existed. */
  async deleteMany(keys: string[]): Promise<boolean> {
    if (keys.length === 0) return false;
    try {
      return (await this.remove(keys.map((key) => this.redisKey(key)))) > 0;
    } catch (error) {
      return this.failed(error, false);
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await this.client.exists(this.redisKey(key))) > 0;
    } catch (error) {
      return this.failed(error, false);
    }
  }

  async hasMany(keys: string[]): Promise<boolean[]> {
    try {
      // EXISTS of many keys answers a count, not which ones: one EXISTS per key, sent concurrently.
      const counts = await Promise.all(keys.map((key) => this.client.exists(this.redisKey(key))));
      return counts.map((count) => count > 0);
    } catch (error) {
      return this.failed(
        error,
        keys.map(() => false),
      );
    }
  }

  /** Deletes this store's keys (see `ownedKeys`) on every master, a batch at a time. */
  async clear(): Promise<void> {
    try {
      for await (const batch of this.ownedBatches(this.namespace)) await this.remove(batch);
    } catch (error) {
      this.failed(error, undefined);
    }
  }

  /**
   * Every `[key, value]` of `namespace` (Keyv passes its own), keys as Keyv wrote them (without
   * `keyPrefix`). A key that expires or is deleted during the walk is skipped.
   */
  async *iterator<Value>(namespace?: string): AsyncGenerator<[string, Value], void> {
    try {
      for await (const batch of this.ownedBatches(namespace)) {
        const values = await this.client.mget(batch);
        for (let i = 0; i < batch.length; i++) {
          const value = values[i];
          if (value !== null) yield [batch[i].slice(this.settings.keyPrefix.length), value as Value];
        }
      }
    } catch (error) {
      this.failed(error, undefined);
    }
  }

  private async *ownedBatches(namespace: string | undefined): AsyncGenerator<string[]> {
    const owned = ownedKeys(this.settings.keyPrefix, namespace);
    const size = this.settings.clearBatchSize;
    yield* batches(filter(this.client.scanIterator({ match: owned.match, count: size, type: 'string' }), owned.owns), size);
  }

  private write(key: string, value: StoredValue, ttl: number | undefined): Promise<unknown> {
    const redisKey = this.redisKey(key);
    // PX takes whole milliseconds: a fractional TTL is rounded up, never to 0 (which Redis refuses).
    if (typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0) return this.client.set(redisKey, value, { PX: Math.ceil(ttl) });
    return this.client.set(redisKey, value);
  }

  private remove(redisKeys: string[]): Promise<number> {
    return this.settings.useUnlink ? this.client.unlink(redisKeys) : this.client.del(redisKeys);
  }

  private redisKey(key: string): string {
    return this.settings.keyPrefix + key;
  }

  /**
   * A command failed: 'error' is emitted, then the call resolves to `fallback`, or rejects when
   * `throwOnErrors` is set or nobody listens for 'error' (an unheard error must not vanish).
   */
  private failed<T>(error: unknown, fallback: T): T {
    const heard = this.listenerCount('error') > 0;
    if (heard) this.emit('error', error);
    if (this.settings.throwOnErrors || !heard) throw error;
    return fallback;
  }
}

async function* filter(source: AsyncIterable<string>, keep: (key: string) => boolean): AsyncGenerator<string> {
  for await (const key of source) if (keep(key)) yield key;
}

/**
 * Keyv's own compliance cases (@keyv/test-suite 2.1.2: api, values, namespace, iterator) run as
 * published against the real plain cluster, through `new Keyv({ store })`. The suite registers its
 * cases on a Vitest-shaped object and asserts with the `expect` of each test's context; Jest's
 * globals are handed over in that shape, so every case runs unchanged and none is skipped.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { keyvApiTests, keyvIteratorTests, keyvNamespaceTest, keyvValueTests } from '@keyv/test-suite';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import type { RedisClusterClient } from '../../../lib/client';
import { connectClient, dropPrefix, storeFactory } from './keyv-store-helpers';

type VitestShape = Parameters<typeof keyvApiTests>[0];

/** Jest's globals as the suite calls them: `test.it(name, (t) => t.expect(...))`, beforeEach, afterEach. */
const jestAsVitest = {
  beforeEach,
  afterEach,
  it: (name: string, fn: (context: { expect: typeof expect }) => unknown) => it(name, async () => {
    await fn({ expect });
  }),
} as unknown as VitestShape;

let client: RedisClusterClient;
const { keyPrefix, store: clusterStore } = storeFactory(() => client, 'keyv-compliance');

// The store has KeyvStoreAdapter's shape (type check only), but for setMany's result: see the class comment.
export type StoreHasKeyvShape = ReturnType<typeof clusterStore> extends Omit<KeyvStoreAdapter, 'setMany'> ? true : never;
const storeHasKeyvShape: StoreHasKeyvShape = true;
void storeHasKeyvShape;

beforeAll(async () => {
  client = await connectClient('keyv-compliance-spec');
});

afterAll(async () => {
  if (client?.status === 'ready') await dropPrefix(client, keyPrefix);
  await client?.close();
});

describe('@keyv/test-suite keyvApiTests', () => keyvApiTests(jestAsVitest, Keyv, clusterStore));
describe('@keyv/test-suite keyvValueTests', () => keyvValueTests(jestAsVitest, Keyv, clusterStore));
describe('@keyv/test-suite keyvNamespaceTests', () => keyvNamespaceTest(jestAsVitest, Keyv, clusterStore));
describe('@keyv/test-suite keyvIteratorTests', () => keyvIteratorTests(jestAsVitest, Keyv, clusterStore));

/**
 * Which keys of the cluster belong to a store, for `clear()` and iteration. Keyv hands the store
 * keys already prefixed with its namespace (`ns:key`); the store adds only its `keyPrefix`.
 *
 * - With a namespace: every string key `${keyPrefix}${namespace}:*`.
 * - Without one: every string key `${keyPrefix}*` whose rest holds no ':', i.e. keys written by a
 *   Keyv without a namespace; other namespaces' keys under the same prefix are left alone.
 */
export interface OwnedKeys {
  /** SCAN MATCH pattern (glob characters of the prefix and namespace escaped). */
  match: string;
  /** Whether a key SCAN returned is really this store's (the pattern alone cannot say "no ':'"). */
  owns(redisKey: string): boolean;
}

export function ownedKeys(keyPrefix: string, namespace: string | undefined): OwnedKeys {
  if (namespace) {
    return { match: `${escapeGlob(keyPrefix + namespace)}:*`, owns: () => true };
  }
  return {
    match: `${escapeGlob(keyPrefix)}*`,
    owns: (redisKey) => !redisKey.includes(':', keyPrefix.length),
  };
}

/** Glob metacharacters of Redis MATCH (`* ? [ ] \`) taken literally. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

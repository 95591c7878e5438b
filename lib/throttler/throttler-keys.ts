import { createHash } from 'node:crypto';

export interface ThrottlerKeys {
  record: string;
  hits: string;
}

/**
 * The record's and the hits' keys for one call. Both carry the same hash tag, so they share a slot
 * (one script, no CROSSSLOT). The tag is a digest of the guard's key rather than the key itself: a
 * key may contain braces (a custom `generateKey`), which would cut the tag short or empty it, and a
 * digest of fixed length keeps the record/hits names unambiguous whatever the throttler name holds.
 */
export function throttlerKeys(prefix: string, key: string, throttlerName: string): ThrottlerKeys {
  const tag = createHash('sha1').update(key).digest('hex');
  const base = `${prefix}{${tag}}`;
  return { record: `${base}:record`, hits: `${base}:hits:${throttlerName}` };
}

/**
 * expectTypeOf-style assertions in plain conditional types, checked by `npm run test:types` (tsc
 * over test/types with tsconfig.types.json): a wrong type is a compile error, nothing runs.
 */

/** Exactly equal (not merely assignable either way): the identity trick of type-challenges. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`. */
export type Expect<T extends true> = T;

/** What a client method's promise resolves to. */
export type Reply<F> = F extends (...args: never[]) => Promise<infer V> ? V : never;

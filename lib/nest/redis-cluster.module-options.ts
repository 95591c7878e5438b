import type { RedisClusterOptions } from '../core/options/client-options';

/** What `forRoot` takes (or the `forRootAsync` factory returns): the client's options plus the module's own. */
export interface RedisClusterModuleOptions extends RedisClusterOptions {
  /**
   * Do not connect at boot: the app starts even when no seed answers, and the client connects when
   * `connect()` is called. Health reports down until then.
   * @default false
   */
  lazyConnect?: boolean;
}

/** Given beside the options (to `forRoot`, or to `forRootAsync` next to `useFactory`). */
export interface RedisClusterModuleExtras {
  /** Register the client (and the health indicator) in every module without importing. @default false */
  isGlobal?: boolean;
  /** Register a named client, injected with `@InjectRedisCluster(name)`. Names must be unique in an app. @default none (the default client) */
  name?: string;
}

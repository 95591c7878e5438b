import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
// Types only, erased at compile time: importing this package never requires @nestjs/terminus (an
// optional peer), yet the results are checked against the type HealthCheckService consumes.
import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { RedisClusterClient } from '../../core/cluster/client/cluster-client';
import type { ClusterHealth } from '../../core/cluster/health/health-types';
import { getRedisClusterToken } from '../redis-cluster.tokens';
import { evaluateCluster, evaluateNodes, type NodeCheckOptions, type Verdict } from './evaluate-health';

export interface ClusterCheckOptions {
  /** Which registration to check (its `name`). @default the default (unnamed) client */
  name?: string;
}

export interface NodesCheckOptions extends ClusterCheckOptions, NodeCheckOptions {}

/**
 * Terminus indicators for a RedisClusterModule client. They read the heartbeat's last snapshot
 * (`client.health()`) and nothing else, so `/health` costs Redis nothing however often it is
 * polled. They never throw: any problem, including an unknown name, is a `down` result.
 *
 * Results are built by terminus's `HealthIndicatorService.check(key).up()/degraded()/down()`,
 * loaded on first use rather than injected, which lets RedisClusterModule provide this indicator
 * without making terminus (an optional peer) a hard dependency.
 */
@Injectable()
export class RedisClusterHealthIndicator {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** Up when every slot is served by a master that is up; down names uncovered slots and down nodes. */
  async isHealthy<const Key extends string>(key: Key, options: ClusterCheckOptions = {}): Promise<HealthIndicatorResult<Key>> {
    return this.check(key, options.name, evaluateCluster);
  }

  /**
   * Per node: role, slots, state, latency, pool stats; down on a down master, slow node, or (opt-in)
   * down replica; degraded (terminus 12; `up` with `warnings` on 11) on a suspect node or down replica.
   */
  async checkNodes<const Key extends string>(key: Key, options: NodesCheckOptions = {}): Promise<HealthIndicatorResult<Key>> {
    return this.check(key, options.name, (health) => evaluateNodes(health, options));
  }

  private check<Key extends string>(
    key: Key,
    name: string | undefined,
    evaluate: (health: ClusterHealth) => Verdict,
  ): Promise<HealthIndicatorResult<Key>> {
    let verdict: Verdict;
    try {
      const client = this.resolve(name);
      if (client === undefined) {
        const which = name ? `named "${name}"` : 'without a name (the default client)';
        verdict = { healthy: false, details: { message: `no RedisClusterModule registration ${which}` } };
      } else if (client.status !== 'ready') {
        verdict = { healthy: false, details: { message: `client is ${client.status}, not ready` } };
      } else {
        verdict = evaluate(client.health());
      }
    } catch (error) {
      verdict = { healthy: false, details: { message: error instanceof Error ? error.message : String(error) } };
    }
    return result(key, verdict);
  }

  private resolve(name: string | undefined): RedisClusterClient | undefined {
    try {
      // strict: false finds the registration wherever it was made, not only in this module's scope.
      return this.moduleRef.get<RedisClusterClient>(getRedisClusterToken(name), { strict: false });
    } catch {
      return undefined;
    }
  }
}

/**
 * Terminus's own HealthIndicatorService builds the result (`check(key).up()/degraded()/down()`). It
 * is loaded on first use, not imported, so that this package loads where terminus is not installed;
 * there (nobody runs terminus checks then) the same shape is built by hand. Terminus 11 has no
 * `degraded()`: a degraded verdict is `up` there, its warnings still in the details.
 */
async function result<Key extends string>(key: Key, { healthy, degraded, details }: Verdict): Promise<HealthIndicatorResult<Key>> {
  const service = await terminusService();
  if (service !== undefined) {
    // Typed from terminus 12; at run time terminus 11's session has no degraded().
    const session = service.check(key);
    if (!healthy) return session.down(details);
    if (degraded === true && typeof session.degraded === 'function') return session.degraded(details);
    return session.up(details);
  }
  return { [key]: { status: healthy ? 'up' : 'down', ...details } } as HealthIndicatorResult<Key>;
}

// One load per process, shared by every indicator; a failed load is remembered too.
let loading: Promise<HealthIndicatorService | undefined> | undefined;

function terminusService(): Promise<HealthIndicatorService | undefined> {
  // import(), not require(): the ESM build has no require, and terminus 12 is ESM-only. The CommonJS
  // build compiles this to require(), which loads terminus 12 through Node's require(esm).
  loading ??= import('@nestjs/terminus').then(
    (terminus) => new terminus.HealthIndicatorService(),
    () => undefined,
  );
  return loading;
}

import { Connection } from '../../connection/connection';
import type { ConnectionConfig } from '../../connection/connection-config';
import type { ReauthTarget } from '../../connection/reauth';
import { ClientClosedError } from '../../errors/client-closed-error';
import { settleWithin } from '../../pool/settle-within';
import { ConnectionError } from '../../errors/connection-error';
import { CredentialsError } from '../../errors/credentials-error';
import { TimeoutError } from '../../errors/timeout-error';
import type { OpenConnection } from '../../pool/node-pool';
import type { NodeHealthTracker } from './node-health';
import type { ClusterNode } from '../topology/topology';

interface Probe {
  node: ClusterNode;
  connection: Connection | undefined;
  /** A probe (dial + PING) still running; a tick that finds one counts a miss. */
  running: Promise<void> | undefined;
}

/**
 * PINGs every node, masters and replicas, every `interval` ms on a connection of its own, so user
 * traffic queued on the pool cannot delay or be mistaken for the answer. A PING still unanswered at
 * the next tick is a miss; that makes a frozen (SIGSTOPped) node down after `failures` intervals and
 * up again the moment it answers.
 */
export class Heartbeat {
  private readonly probes = new Map<string, Probe>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly interval: number,
    private readonly configFor: (node: ClusterNode) => ConnectionConfig,
    private readonly health: NodeHealthTracker,
    /** Opens the probe sockets; injected by unit tests, which have no server to dial. */
    private readonly open: OpenConnection = Connection.open,
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.interval);
    this.timer.unref();
  }

  /** Starts probing new nodes and stops (closing the socket of) nodes that left the topology. */
  sync(nodes: Iterable<ClusterNode>): void {
    const seen = new Set<string>();
    for (const node of nodes) {
      seen.add(node.address);
      const probe = this.probes.get(node.address);
      if (probe) probe.node = node;
      else this.probes.set(node.address, { node, connection: undefined, running: undefined });
    }
    for (const [address, probe] of this.probes) {
      if (seen.has(address)) continue;
      probe.connection?.destroy(new ConnectionError(`${address} left the cluster topology`, address, false));
      this.probes.delete(address);
    }
  }

  /**
   * Stops probing. Sockets are destroyed at once (an unanswered PING is not worth waiting for); the
   * promise resolves once the probes under way have ended (a dial cannot be cut short), or after `graceMs`.
   */
  stop(graceMs = Infinity): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    const running: Promise<void>[] = [];
    for (const probe of this.probes.values()) {
      probe.connection?.destroy(new ClientClosedError('heartbeat'));
      if (probe.running !== undefined) running.push(probe.running);
    }
    this.probes.clear();
    return settleWithin(Promise.all(running), graceMs);
  }

  /** The open heartbeat sockets, for reauthInterval; one retired is dialled again, with fresh credentials, by the next tick. */
  reauthTargets(): ReauthTarget[] {
    const targets: ReauthTarget[] = [];
    for (const { connection } of this.probes.values()) {
      if (connection?.isOpen) targets.push({ connection, retire: () => void connection.close() });
    }
    return targets;
  }

  /** Resolves when every node has been probed once more (a probe under way counts). */
  async probeAll(): Promise<void> {
    await Promise.all([...this.probes.values()].map((p) => p.running ?? this.probe(p)));
  }

  private tick(): void {
    for (const probe of this.probes.values()) {
      if (probe.running) this.health.recordFailure(probe.node.address, new TimeoutError('read', probe.node.address, this.interval, true));
      else void this.probe(probe);
    }
  }

  private probe(probe: Probe): Promise<void> {
    probe.running = this.runProbe(probe).finally(() => {
      probe.running = undefined;
    });
    return probe.running;
  }

  private async runProbe(probe: Probe): Promise<void> {
    const { address } = probe.node;
    try {
      if (probe.connection === undefined || !probe.connection.isOpen) {
        const connection = await this.open(this.configFor(probe.node));
        // Stopped, or the node left, while we dialled: nobody would ever close this socket.
        if (this.probes.get(address) !== probe) return void connection.destroy(new ClientClosedError('heartbeat'));
        probe.connection = connection;
      }
      const started = performance.now();
      await probe.connection.request(['PING']);
      if (this.probes.get(address) === probe) this.health.recordSuccess(address, performance.now() - started);
    } catch (error) {
      probe.connection?.destroy(error as Error);
      probe.connection = undefined;
      // The provider failing says nothing of the node: counting it would mark the whole cluster down.
      if (error instanceof CredentialsError) return;
      if (this.probes.get(address) === probe) this.health.recordFailure(address, error as Error);
    }
  }
}

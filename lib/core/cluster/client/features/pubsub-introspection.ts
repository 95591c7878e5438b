import { asArray, text } from '../../../commands/methods/collection-replies';
import { setField, toNumber } from '../../../commands/methods/reply-transforms';
import type { RespValue } from '../../../resp/types';
import type { ClusterNodeHandle } from './node-handles';
import { toChannelCounts } from './server-replies';

type Nodes = (role: 'master' | 'replica' | 'all') => Promise<ClusterNodeHandle[]>;

/**
 * PUBSUB CHANNELS/NUMSUB/NUMPAT/SHARDCHANNELS/SHARDNUMSUB over the cluster. Each node knows only
 * the subscribers connected to it, so every node is asked and the answers are merged: channels
 * united, counts summed.
 */
export class PubSubIntrospection {
  constructor(private readonly nodes: Nodes) {}

  async channels(sub: 'CHANNELS' | 'SHARDCHANNELS', pattern: string | undefined): Promise<string[]> {
    const replies = await this.askAll(pattern === undefined ? [sub] : [sub, pattern]);
    return [...new Set(replies.flatMap((reply) => asArray(reply).map(text)))].sort();
  }

  async counts(sub: 'NUMSUB' | 'SHARDNUMSUB', channels: readonly string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const channel of channels) setField(out, channel, 0);
    for (const reply of await this.askAll([sub, ...channels])) {
      for (const [channel, n] of toChannelCounts(reply)) setField(out, channel, (out[channel] ?? 0) + n);
    }
    return out;
  }

  async numpat(): Promise<number> {
    const replies = await this.askAll(['NUMPAT']);
    return replies.reduce<number>((sum, reply) => sum + toNumber(reply), 0);
  }

  private async askAll(args: string[]): Promise<RespValue[]> {
    const nodes = await this.nodes('all');
    return Promise.all(nodes.map((node) => node.call('PUBSUB', ...args)));
  }
}

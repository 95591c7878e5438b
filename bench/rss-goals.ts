import { OURS } from './best-peer';
import type { GoalCheck } from './goal-check';
import type { RunResults } from './results';
import { RSS_GETS, type RssChildResult } from './rss-types';

/** Issue #15: "the client entry's process RSS at or below node-redis 5.9 and ioredis". */
const RSS_PEERS: readonly string[] = ['node-redis', 'ioredis'];

const PHASES: ReadonlyArray<{ what: string; mb: (x: RssChildResult) => number | undefined }> = [
  { what: 'after importing the entry', mb: (x) => x.afterImportMb },
  { what: `after connecting and ${RSS_GETS.toLocaleString('en-US')} GETs`, mb: (x) => x.afterUseMb },
];

export function rssGoals(r: RunResults): GoalCheck[] {
  if (r.rss.length === 0) return [];
  const label = (id: string): string => r.rss.find((m) => m.id === id)?.label ?? id;
  return PHASES.map(({ what, mb }) => {
    const goal = `\`slotline/client\` process RSS ${what}: at or below ${RSS_PEERS.map(label).join(' and ')}`;
    const oursResult = r.rss.find((m) => m.id === OURS)?.result;
    const ours = oursResult ? mb(oursResult) : undefined;
    const peers = RSS_PEERS.map((id) => {
      const x = r.rss.find((m) => m.id === id)?.result;
      return { label: label(id), mb: x ? mb(x) : undefined };
    });
    const measuredPeers = peers.filter((p): p is { label: string; mb: number } => p.mb !== undefined);
    if (ours === undefined) return { goal, measured: 'not measured', met: undefined };
    const lowest = Math.min(...measuredPeers.map((p) => p.mb));
    const over = ours - lowest;
    const measured =
      `${ours.toFixed(1)} MB vs ${peers.map((p) => `${p.label} ${p.mb === undefined ? 'not measured' : `${p.mb.toFixed(1)} MB`}`).join(', ')}` +
      (measuredPeers.length > 0 && over > 0 ? `; ${over.toFixed(1)} MB over the lowest` : '');
    return { goal, measured, met: measuredPeers.length < RSS_PEERS.length ? undefined : over <= 0 };
  });
}

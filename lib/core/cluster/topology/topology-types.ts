/** A node's part in its shard. */
export type NodeRole = 'master' | 'replica';
/** An inclusive range of hash slots, as CLUSTER SHARDS gives it. */
export type SlotRange = [start: number, end: number];

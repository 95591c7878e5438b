import type { ReadRouter } from './read-router';

/** The default: every command goes to the slot's master, so reads see every acknowledged write. */
export const masterOnly: ReadRouter = {
  pick: (shard) => shard.master,
};

/** How the transport waits between attempts to (re)open a port. */
export interface ReconnectPolicy {
  /** Delay after the first failed open of a present port; doubles on each further failure. */
  initialBackoffMs: number;
  /** Cap for that doubling, so a port that comes right eventually is retried soon enough. */
  maxBackoffMs: number;
  /** How often an absent port is looked for (hot-plug): cheap, so it can stay short. */
  presencePollMs: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  initialBackoffMs: 250,
  maxBackoffMs: 10_000,
  presencePollMs: 1_000,
};

/** Capped exponential backoff: failures 1, 2, 3 … wait initial, 2×initial, 4×initial … up to the cap. */
export function backoffDelay(failures: number, policy: ReconnectPolicy): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** exponent);
}

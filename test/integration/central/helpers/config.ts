import { CentralConfig, type CentralConfigInput } from '../../../../src/central/config';

/** A central config tuned for tests: small batches (many of them), quick polls and short backoff. */
export function testConfig(url: string, overrides: Partial<CentralConfigInput> = {}): CentralConfig {
  return CentralConfig.parse({
    url,
    batch: { maxRows: 200, maxBytes: 256 * 1024 },
    pollIntervalMs: 20,
    referencePollMs: 1_000,
    referenceSettleMs: 0,
    backoff: { initialMs: 20, maxMs: 200 },
    pool: { max: 2, connectionTimeoutMs: 2_000, idleTimeoutMs: 10_000 },
    ...overrides,
  });
}

import type { CodeClass } from '../api';
import { storable } from '../api/text';
import type { DomainEvent } from './events';

/** What a workflow decided about one scan or action: events to record and words for the packer. */
export interface Decision {
  outcome: 'good' | 'bad';
  message: string;
  events: DomainEvent[];
  /** Runs once the transaction has committed (opens a prompt, arms a timer); never before. */
  effect?: () => void;
  /** Module ids whose slice changed besides the owners of `events` (state kept in memory, e.g. a prompt). */
  touches?: readonly string[];
}

export function accept(message: string, events: DomainEvent[], extra: Pick<Decision, 'effect' | 'touches'> = {}): Decision {
  return { outcome: 'good', message, events, ...extra };
}

/**
 * A refusal is still recorded (`scan.rejected`) so the audit trail shows every scan. Its code and
 * reason may hold whatever a scanner sent, so both are made storable (src/api/text.ts); the packer sees
 * the same words the event keeps.
 */
export function refuse(code: string, codeClass: CodeClass | string, reason: string, extra: Pick<Decision, 'effect' | 'touches'> & { bytes?: Uint8Array } = {}): Decision {
  const { bytes, ...rest } = extra;
  const words = storable(reason);
  const payload = { code: storable(code), codeClass, reason: words, ...(bytes ? { bytes: Buffer.from(bytes).toString('hex') } : {}) };
  return { outcome: 'bad', message: words, events: [{ type: 'scan.rejected', payload }], ...rest };
}

/** "3 of 10" */
export function fill(count: number, capacity: number): string {
  return `${count} of ${capacity}`;
}

import type { CodeClass } from '../../api';
import type { DomainEvent } from '../events';

/** What the workflow decided about one scan or button press: events to record and words for the packer. */
export interface Decision {
  outcome: 'good' | 'bad';
  message: string;
  events: DomainEvent[];
}

export function accept(message: string, events: DomainEvent[]): Decision {
  return { outcome: 'good', message, events };
}

/** A refusal is still recorded (`scan.rejected`) so the audit trail shows every scan. */
export function refuse(code: string, codeClass: CodeClass, reason: string): Decision {
  return { outcome: 'bad', message: reason, events: [{ type: 'scan.rejected', payload: { code, codeClass, reason } }] };
}

/** "3 of 10" */
export function fill(count: number, capacity: number): string {
  return `${count} of ${capacity}`;
}

import { eventLog } from './001-event-log';
import { bags } from './002-bags';
import { replicationState } from './101-replication-state';
import { referenceCache } from './102-reference-cache';
import type { Migration } from './migration';

/**
 * Every schema step, oldest first. Only the highest applied version is recorded, so a new step must
 * be numbered above all shipped ones (station core: 1–100, replication: 101 and up).
 */
export const migrations: readonly Migration[] = [eventLog, bags, replicationState, referenceCache];

export type { Migration } from './migration';

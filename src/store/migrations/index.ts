import { eventLog } from './001-event-log';
import { bags } from './002-bags';
import { replicationState } from './101-replication-state';
import { referenceCache } from './102-reference-cache';
import { screenState } from './103-screen-state';
import type { Migration } from './migration';

/**
 * Every schema step, oldest first. Only the highest applied version is recorded, so a new step must
 * be numbered above every shipped one, whoever owns it: 1–2 and 103 are the core's, 101–102
 * replication's, so the next step of either is 104 or higher. Never renumber or edit a shipped step.
 */
export const migrations: readonly Migration[] = [eventLog, bags, replicationState, referenceCache, screenState];

export type { Migration } from './migration';

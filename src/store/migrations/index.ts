import type { LocalMigration } from '../../core/workflow';
import { eventLog } from './001-event-log';
import { replicationState } from './101-replication-state';
import { referenceCache } from './102-reference-cache';
import { screenState } from './103-screen-state';
import { auditChain } from './core-005-audit-chain';
import { refContainerTypes } from './core-006-ref-container-types';
import { refBillsDetail } from './core-008-ref-bills-detail';
import { refStockAndManifests } from './core-007-ref-stock-and-manifests';
import { eventsByTime } from './core-009-events-by-time';

/**
 * The store's own schema steps (`core:NNN`), applied before the workflow modules' steps. Each is
 * recorded by id in `schema_migrations`, so numbering only orders a module's own steps. Never rename
 * or edit a shipped step.
 */
export const storeMigrations: readonly LocalMigration[] = [eventLog, replicationState, referenceCache, screenState, auditChain, refContainerTypes,
  refStockAndManifests, refBillsDetail, eventsByTime];

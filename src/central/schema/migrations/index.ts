import { CentralTables1730000000001 } from './1730000000001-central-tables';
import { CentralIngest1730000000002 } from './1730000000002-central-ingest';
import { CentralPrivileges1730000000003 } from './1730000000003-central-privileges';
import { PooledStations1730000000004 } from './1730000000004-pooled-stations';
import { PlanCachedFunctions1730000000005 } from './1730000000005-plan-cached-functions';
import { UsersAndAuditChain1730000000006 } from './1730000000006-users-and-audit-chain';
import { Projector1730000000007 } from './1730000000007-projector';
import { DeadLetterActions1730000000008 } from './1730000000008-dead-letter-actions';
import { StagedIngest1730000000009 } from './1730000000009-staged-ingest';
import { Containers1730000000010 } from './1730000000010-containers';
import { ProjectionTypes1730000000011 } from './1730000000011-projection-types';
import { ContainerTypes1730000000012 } from './1730000000012-container-types';
import { WeightsAndLabels1730000000013 } from './1730000000013-weights-and-labels';
import { ManifestsAndStock1730000000014 } from './1730000000014-manifests-and-stock';
import { Bills1730000000015 } from './1730000000015-bills';
import { Statistics1730000000016 } from './1730000000016-statistics';
import { FloorReplication1730000000017 } from './1730000000017-floor-replication';

/** Central schema steps, oldest first. Applied by `station migrate`; kiosks never run DDL. */
export const centralMigrations = [CentralTables1730000000001, CentralIngest1730000000002, CentralPrivileges1730000000003, PooledStations1730000000004,
  PlanCachedFunctions1730000000005, UsersAndAuditChain1730000000006, Projector1730000000007,
  DeadLetterActions1730000000008, StagedIngest1730000000009, Containers1730000000010,
  ProjectionTypes1730000000011, ContainerTypes1730000000012, WeightsAndLabels1730000000013,
  ManifestsAndStock1730000000014, Bills1730000000015, Statistics1730000000016, FloorReplication1730000000017];

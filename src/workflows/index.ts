import { composeModules, type Registry } from '../core/registry';
import type { WorkflowModule } from '../core/workflow';
import { auditModule } from './audit/module';
import { bagModule } from './bag/module';
import { billModule } from './bill/module';
import { createContainerModule } from './container/module';
import { eodModule } from './eod/module';
import { dashboardModule } from './dashboard/module';
import { createLabelStep } from './label/module';
import { historyModule } from './history/module';
import { manifestModule } from './manifest/module';
import { sessionModule } from './session/module';
import { userModule } from './user/module';
import { createWeighStep } from './weigh/module';

/** After a container closed: it is weighed (when a scale is configured), then, once its weight is settled, its label printed (when labels are configured). */
const label = createLabelStep();
const weigh = createWeighStep({ settled: (weight, call, kernel) => label.settled(weight, call, kernel) });
const containerModule = createContainerModule({ closed: (closed, kernel) => weigh.closed(closed, kernel) });

/**
 * THE list of workflow modules. A new workflow is one folder plus one line here (and its contract in src/api/requests.ts).
 * The first module that claims scans is the station's mode: containers claim them only when container types are configured.
 * A module that takes the scanner for what it holds (search, a bill) is asked in this order: the search screen first.
 */
export const workflowModules: readonly WorkflowModule[] = [userModule, sessionModule, containerModule, weigh.module, label.module, bagModule, auditModule, historyModule, billModule, manifestModule, dashboardModule, eodModule];

/** The station's modules composed (collisions refused, ordered by dependsOn). */
export function stationRegistry(): Registry {
  return composeModules(workflowModules);
}

import { z } from 'zod';
import { auditContract } from '../workflows/audit/contract';
import { bagContract } from '../workflows/bag/contract';
import { billContract } from '../workflows/bill/contract';
import { containerContract } from '../workflows/container/contract';
import { eodContract } from '../workflows/eod/contract';
import { dashboardContract } from '../workflows/dashboard/contract';
import { historyContract } from '../workflows/history/contract';
import { labelContract } from '../workflows/label/contract';
import { manifestContract } from '../workflows/manifest/contract';
import { sessionContract } from '../workflows/session/contract';
import { userContract } from '../workflows/user/contract';
import { weighContract } from '../workflows/weigh/contract';

/**
 * The workflow modules' contracts, composed into the one API both bridges validate with. A new
 * module adds its contract here (one line) and its module in src/workflows/index.ts (one line); a unit
 * test checks the two lists agree.
 */
export const moduleContracts = [userContract, sessionContract, containerContract, weighContract, labelContract, bagContract, auditContract, historyContract, billContract, manifestContract, dashboardContract, eodContract] as const;

/** Every module's state slice, by module id. */
export const StateSlices = z.object({
  bag: bagContract.slice,
  session: sessionContract.slice,
  /** Absent on a station with no container types. */
  container: containerContract.slice,
  /** Absent on a station with no scale. */
  weigh: weighContract.slice,
  /** Absent on a station with no labels. */
  label: labelContract.slice,
  /** The search screen's hold on the scanner. */
  history: historyContract.slice,
  /** The bill in hand and the open bills. */
  bill: billContract.slice,
  /** The manifest in hand and the manifests to verify. */
  manifest: manifestContract.slice,
});
export type StateSlices = z.infer<typeof StateSlices>;

export const moduleCommands = { ...userContract.commands, ...sessionContract.commands, ...containerContract.commands, ...weighContract.commands, ...labelContract.commands, ...bagContract.commands, ...auditContract.commands, ...historyContract.commands, ...billContract.commands, ...manifestContract.commands, ...eodContract.commands };
export const moduleQueries = { ...userContract.queries, ...sessionContract.queries, ...auditContract.queries, ...historyContract.queries, ...billContract.queries, ...dashboardContract.queries, ...eodContract.queries };

import type { WorkflowModule } from '../../core/workflow';
import { bagContract, type BagSlice } from './contract';
import { decideClose, decideUndo } from './decide-commands';
import { decideChild, decideParent } from './decide-scan';
import { bagMigration } from './migrations.sqlite';
import { createBagProjection } from './projection.sqlite';
import type { BagLookup } from './view';
import { createBagLookup } from './view.sqlite';

const bagsOf = (views: Readonly<Record<string, unknown>>) => views.bag as BagLookup;

/** Parent and child bags: open a parent, link children, close it by hand or at capacity, undo the last link. */
export const bagModule: WorkflowModule = {
  id: 'bag',
  contract: bagContract,
  migrations: [bagMigration],
  createView: (db) => createBagLookup(db),
  project: (db) => createBagProjection(db),
  start(kernel) {
    const policy = () => ({ capacity: kernel.config.bags.capacity });
    return {
      scans: {
        parent: { permission: 'pack.scan', decide: (views, scan) => decideParent(bagsOf(views), scan.key, policy()) },
        child: { permission: 'pack.scan', decide: (views, scan) => decideChild(bagsOf(views), scan.key) },
      },
      commandBarcodes: { CLOSE: 'bag.close', UNDO: 'bag.undo' },
      commands: {
        'bag.close': (_: unknown, call) => kernel.act(call, 'command', (views) => decideClose(bagsOf(views), call.trigger)),
        'bag.undo': (_: unknown, call) => kernel.act(call, 'command', (views) => decideUndo(bagsOf(views), call.trigger)),
      },
      slice(): BagSlice {
        const open = bagsOf(kernel.views).openParent();
        return { openParent: open ? { code: open.code, capacity: open.capacity, children: open.children } : null };
      },
    };
  },
};

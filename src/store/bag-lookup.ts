import type { BagLookup, ParentBag, StandingLink } from '../domain/bags';
import type { Db } from './db';

interface ParentRow { code: string; capacity: number; status: 'open' | 'closed'; close_reason: ParentBag['closeReason'] }

/** Answers the bag workflow's questions from the projection tables, with statements prepared once. */
export function createBagLookup(db: Db): BagLookup {
  const openParentRow = db.prepare("SELECT code, capacity, status, close_reason FROM bag_parents WHERE status = 'open'");
  const parentRow = db.prepare<[string]>('SELECT code, capacity, status, close_reason FROM bag_parents WHERE code = ?');
  const children = db.prepare<[string]>('SELECT child FROM bag_links WHERE parent = ? ORDER BY link_seq').pluck();
  const parentOfChild = db.prepare<[string]>('SELECT parent FROM bag_links WHERE child = ?').pluck();
  const lastLink = db.prepare('SELECT parent, child, link_seq AS seq FROM bag_links ORDER BY link_seq DESC LIMIT 1');

  const toBag = (row: ParentRow | undefined): ParentBag | null => row ? {
    code: row.code,
    capacity: row.capacity,
    status: row.status,
    closeReason: row.close_reason,
    children: children.all(row.code) as string[],
  } : null;

  return {
    openParent: () => toBag(openParentRow.get() as ParentRow | undefined),
    parent: (code) => toBag(parentRow.get(code) as ParentRow | undefined),
    parentOfChild: (child) => (parentOfChild.get(child) as string | undefined) ?? null,
    lastLink: () => (lastLink.get() as StandingLink | undefined) ?? null,
  };
}

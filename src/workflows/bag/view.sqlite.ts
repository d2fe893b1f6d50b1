import type { BagLookup, ParentBag, StandingLink } from './view';
import type { Db } from '../../store/db';

/** A parent with one of its children per row (one row with child null when it has none), oldest link first. */
interface ParentChildRow { code: string; capacity: number; status: 'open' | 'closed'; close_reason: ParentBag['closeReason']; child: string | null }

// One statement per parent read, children included: every child scan reads the open parent, and at
// 100 scans/s each statement run costs tens of µs of cold caches before the packer's answer.
const PARENT_WITH_CHILDREN = `SELECT p.code, p.capacity, p.status, p.close_reason, l.child
  FROM bag_parents p LEFT JOIN bag_links l ON l.parent = p.code`;

/** Answers the bag workflow's questions from the projection tables, with statements prepared once. */
export function createBagLookup(db: Db): BagLookup {
  const openParentRows = db.prepare(`${PARENT_WITH_CHILDREN} WHERE p.status = 'open' ORDER BY l.link_seq`);
  const parentRows = db.prepare<[string]>(`${PARENT_WITH_CHILDREN} WHERE p.code = ? ORDER BY l.link_seq`);
  const parentOfChild = db.prepare<[string]>('SELECT parent FROM bag_links WHERE child = ?').pluck();
  const lastLink = db.prepare('SELECT parent, child, link_seq AS seq FROM bag_links ORDER BY link_seq DESC LIMIT 1');

  const toBag = (rows: ParentChildRow[]): ParentBag | null => {
    const first = rows[0];
    if (!first) return null;
    return {
      code: first.code,
      capacity: first.capacity,
      status: first.status,
      closeReason: first.close_reason,
      children: first.child === null ? [] : rows.map((row) => row.child!),
    };
  };

  return {
    openParent: () => toBag(openParentRows.all() as ParentChildRow[]),
    parent: (code) => toBag(parentRows.all(code) as ParentChildRow[]),
    parentOfChild: (child) => (parentOfChild.get(child) as string | undefined) ?? null,
    lastLink: () => (lastLink.get() as StandingLink | undefined) ?? null,
  };
}

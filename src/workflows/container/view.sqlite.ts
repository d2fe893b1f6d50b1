import type { Db } from '../../store/db';
import type { Container, ContainerView, StandingLink } from './view';

/** A container with one of its children per row (one row with child null when it has none), oldest link first. */
interface Row { code: string; type: string; capacity: number; status: Container['status']; close_reason: Container['closeReason']; child: string | null; child_type: string | null }

const WITH_CHILDREN = `SELECT c.code, c.type, c.capacity, c.status, c.close_reason, l.child, l.child_type
  FROM containers c LEFT JOIN container_links l ON l.parent = c.code`;

/** Answers the container workflow's questions from its projection tables, statements prepared once. */
export function createContainerView(db: Db): ContainerView {
  const currentRows = db.prepare(`${WITH_CHILDREN} WHERE c.code = (SELECT code FROM container_current WHERE one = 1) ORDER BY l.link_seq`);
  const containerRows = db.prepare<[string]>(`${WITH_CHILDREN} WHERE c.code = ? ORDER BY l.link_seq`);
  const parentOf = db.prepare<[string]>('SELECT parent FROM container_links WHERE child = ?').pluck();
  // UNION (not UNION ALL): even a cycle in the table could not make this run for ever.
  const ancestors = db.prepare<[string]>(`WITH RECURSIVE up(code, depth) AS (
      SELECT parent, 1 FROM container_links WHERE child = ?
      UNION SELECT l.parent, up.depth + 1 FROM container_links l JOIN up ON l.child = up.code WHERE up.depth < 1000
    ) SELECT code FROM up ORDER BY depth`).pluck();
  const lastLink = db.prepare('SELECT parent, child, link_seq AS seq, moved FROM container_links ORDER BY link_seq DESC LIMIT 1');
  const lastClosed = db.prepare("SELECT code FROM containers WHERE status = 'closed' ORDER BY closed_seq DESC LIMIT 1").pluck();
  const centralTypes = db.prepare('SELECT id, definition FROM ref_container_types WHERE active = 1 ORDER BY id');

  const toContainer = (rows: Row[]): Container | null => {
    const first = rows[0];
    if (!first) return null;
    return {
      code: first.code,
      type: first.type,
      capacity: first.capacity,
      status: first.status,
      closeReason: first.close_reason,
      children: first.child === null ? [] : rows.map((r) => ({ code: r.child!, type: r.child_type! })),
    };
  };

  return {
    current: () => toContainer(currentRows.all() as Row[]),
    container: (code) => toContainer(containerRows.all(code) as Row[]),
    parentOf: (child) => (parentOf.get(child) as string | undefined) ?? null,
    ancestors: (code) => [...new Set(ancestors.all(code) as string[])],
    lastLink: () => {
      const row = lastLink.get() as (Omit<StandingLink, 'moved'> & { moved: number }) | undefined;
      return row ? { ...row, moved: row.moved === 1 } : null;
    },
    lastClosed: () => (lastClosed.get() as string | undefined) ?? null,
    centralTypes: () => centralTypes.all() as Array<{ id: string; definition: string }>,
  };
}

import { describeWithCentral } from './helpers/central-db';
import { projectionRig } from './helpers/test-station';

jest.setTimeout(120_000);

const timeouts = { statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000 };

/**
 * Containers at central (src/workflows/container/central.sql.ts): nesting to any depth, and central
 * order deciding between stations that worked offline. The stations' events are written as the
 * container module records them; each test ingests, then runs the projector as a worker would.
 */
describeWithCentral('central container projection', (pg) => {
  const { station, q, project } = projectionRig(pg, timeouts);
  const opened = (container: string, type: string, capacity = 10) => ({ type: 'container.opened', payload: { container, type, capacity } });
  const linked = (parent: string, child: string, childType = 'item') => ({ type: 'container.child_linked', payload: { parent, child, childType } });
  const closed = (container: string, count: number) => ({ type: 'container.closed', payload: { container, reason: 'manual', count } });
  const rejections = (id: string) => q(`SELECT seq::int, type, reason, winner_station FROM central.rejections WHERE station_id = $1 ORDER BY seq`, [id]);

  it('projects bag → sack → pallet with each container\'s parent and child count', async () => {
    const s = await station('ct-nest');
    s.local.append([opened('PAL-1', 'pallet'), opened('SCK-1', 'sack'), linked('PAL-1', 'SCK-1', 'sack'), opened('BAG-1', 'bag'),
      linked('SCK-1', 'BAG-1', 'bag'), linked('BAG-1', 'ITEM-1'), linked('BAG-1', 'ITEM-2'), closed('BAG-1', 2)]);
    await project(s);
    expect(await q(`SELECT code, type, status, parent, child_count FROM central.containers WHERE code LIKE '%-1' ORDER BY code`)).toEqual([
      { code: 'BAG-1', type: 'bag', status: 'closed', parent: 'SCK-1', child_count: 2 },
      { code: 'PAL-1', type: 'pallet', status: 'open', parent: null, child_count: 1 },
      { code: 'SCK-1', type: 'sack', status: 'open', parent: 'PAL-1', child_count: 1 },
    ]);
    expect(await rejections('ct-nest')).toEqual([]);
  });

  it('the same child moved at two stations offline: the first move in central order wins, the other is rejected naming it', async () => {
    const a = await station('ct-a');
    const b = await station('ct-b');
    // both stations had the child in X (B's own link of it to the same container changes nothing)
    a.local.append([opened('X-2', 'sack'), linked('X-2', 'C-2'), opened('Y-2', 'sack'), opened('Z-2', 'sack')]);
    await project(a);
    b.local.append([linked('X-2', 'C-2')]);
    await project(b);
    const [moveA] = a.local.append([{ type: 'container.child_moved', payload: { from: 'X-2', to: 'Y-2', child: 'C-2', childType: 'item', approvedBy: 'sup' } }]);
    const [moveB] = b.local.append([{ type: 'container.child_moved', payload: { from: 'X-2', to: 'Z-2', child: 'C-2', childType: 'item', approvedBy: 'sup' } }]);
    await project(a);
    await project(b);
    expect(await q(`SELECT child, parent, station_id, seq::int, moved FROM central.container_links WHERE child = 'C-2'`))
      .toEqual([{ child: 'C-2', parent: 'Y-2', station_id: 'ct-a', seq: moveA, moved: true }]);
    expect(await rejections('ct-a')).toEqual([]);
    expect(await rejections('ct-b')).toEqual([{ seq: moveB, type: 'container.child_moved', reason: 'child_moved_elsewhere', winner_station: 'ct-a' }]);
    expect(await q(`SELECT code, child_count FROM central.containers WHERE code IN ('X-2', 'Y-2', 'Z-2') ORDER BY code`))
      .toEqual([{ code: 'X-2', child_count: 0 }, { code: 'Y-2', child_count: 1 }, { code: 'Z-2', child_count: 0 }]);
  });

  it('a child in another container, a link into a closed one, and a second close are rejected; an undo of a rejected link undoes nothing', async () => {
    const a = await station('ct-c');
    const b = await station('ct-d');
    a.local.append([opened('P-3', 'sack'), linked('P-3', 'C-3'), opened('Q-3', 'sack'), closed('Q-3', 0)]);
    await project(a);
    const [elsewhere, intoClosed, secondClose] = b.local.append([linked('R-3', 'C-3'), linked('Q-3', 'C-4'), closed('Q-3', 0)]);
    b.local.append([{ type: 'container.link_reversed', payload: { parent: 'R-3', child: 'C-3', reversesSeq: elsewhere, reason: 'wrong bag' } }]);
    await project(b);
    expect(await rejections('ct-d')).toEqual([
      { seq: elsewhere, type: 'container.child_linked', reason: 'child_linked_elsewhere', winner_station: 'ct-c' },
      { seq: intoClosed, type: 'container.child_linked', reason: 'parent_closed', winner_station: null },
      { seq: secondClose, type: 'container.closed', reason: 'closed_elsewhere', winner_station: 'ct-c' },
    ]);
    expect(await q(`SELECT child, parent FROM central.container_links WHERE child IN ('C-3', 'C-4')`)).toEqual([{ child: 'C-3', parent: 'P-3' }]);
  });

  it('undo, void and reopen: a void frees the children and leaves the parent; a reopened container takes children again', async () => {
    const s = await station('ct-e');
    const [, , , link] = s.local.append([opened('PAL-5', 'pallet'), opened('SCK-5', 'sack'), linked('PAL-5', 'SCK-5', 'sack'), linked('SCK-5', 'C-5a')]);
    s.local.append([linked('SCK-5', 'C-5b'), { type: 'container.link_reversed', payload: { parent: 'SCK-5', child: 'C-5a', reversesSeq: link, reason: 'wrong item' } }]);
    s.local.append([{ type: 'container.voided', payload: { container: 'SCK-5', reason: 'damaged', children: ['C-5b'], parent: 'PAL-5' } }]);
    s.local.append([closed('PAL-5', 0), { type: 'container.reopened', payload: { container: 'PAL-5', reason: 'one more sack' } }, linked('PAL-5', 'C-5b')]);
    await project(s);
    expect(await q(`SELECT code, status, parent, child_count FROM central.containers WHERE code LIKE '%-5' ORDER BY code`)).toEqual([
      { code: 'PAL-5', status: 'open', parent: null, child_count: 1 },
      { code: 'SCK-5', status: 'voided', parent: null, child_count: 0 },
    ]);
    expect(await q(`SELECT child, parent FROM central.container_links WHERE child LIKE 'C-5%' OR child = 'SCK-5' ORDER BY child`)).toEqual([{ child: 'C-5b', parent: 'PAL-5' }]);
    expect(await rejections('ct-e')).toEqual([]);
  });
});

import { createStore } from 'zustand/vanilla';
import type { StationBridge } from '../../../../src/api';
import { en } from '../../../../renderer/src/i18n/en';
import { de } from '../../../../renderer/src/i18n/de';
import { connectSearch, EMPTY_SEARCH, whatOf, type SearchView } from '../../../../renderer/src/state/search-controller';
import { createStationStore } from '../../../../renderer/src/state/station-store';

const row = (type: string, as: string[], payload: Record<string, unknown>) => ({ type, as: as as never, payload });

describe('the words of a history row', () => {
  test('by the event and where the code stands in it; every key has English and German words', () => {
    expect(whatOf(row('container.child_linked', ['child'], { parent: 'S-1', child: 'C-1', childType: 'bag' }))).toMatchObject({ key: 'container_child_linked_child', values: { parent: 'S-1' } });
    expect(whatOf(row('container.child_linked', ['parent'], { parent: 'S-1', child: 'C-1', childType: 'bag' })).key).toBe('container_child_linked_parent');
    expect(whatOf(row('container.child_moved', ['to'], { from: 'S-1', to: 'S-2', child: 'C-1' })).key).toBe('container_child_moved_to');
    expect(whatOf(row('container.voided', ['children'], { container: 'S-2', children: ['C-4'], parent: null })).key).toBe('container_voided_children');
    expect(whatOf(row('container.closed', ['container'], { container: 'S-1', reason: 'full', count: 3 }))).toMatchObject({ key: 'container_closed', values: { count: '3', reason: 'full' } });
    expect(whatOf(row('bag.child_linked', ['child'], { parent: 'P-1', child: 'C-1' })).key).toBe('bag_child_linked_child');
    expect(whatOf(row('weigh.recorded', ['container'], {}))).toMatchObject({ key: 'other', values: { event: 'weigh.recorded' } });
    const types = ['container.opened', 'container.focused', 'container.closed', 'container.reopened', 'container.child_linked', 'container.child_moved',
      'container.link_reversed', 'container.voided', 'bag.parent_opened', 'bag.parent_closed', 'bag.parent_reopened', 'bag.child_linked', 'bag.link_reversed'];
    for (const type of types) {
      for (const as of ['container', 'parent', 'child', 'from', 'to', 'children']) {
        const { key } = whatOf(row(type, [as], {}));
        if (key === 'other') continue;
        expect([type, as, (en.search.what as Record<string, string>)[key] !== undefined, (de.search?.what as Record<string, string> | undefined)?.[key] !== undefined]).toEqual([type, as, true, true]);
      }
    }
  });
});

describe('the search screen\'s requests', () => {
  test('a search asks what the code is and its newest page; Older follows the cursor, Newest goes back', async () => {
    const calls: Array<[string, unknown]> = [];
    const rowsOf = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ seq: from - i }));
    const bridge = {
      request: async (name: string, payload: { before?: number }) => {
        calls.push([name, payload]);
        if (name === 'history.search') return { kind: 'child', query: 'C-1', code: 'C-1', via: 'code', source: 'bag', type: null, parent: 'P-1', chain: ['P-1'] };
        return payload.before === undefined ? { rows: rowsOf(100, 50), next: 51 } : { rows: rowsOf(50, 10), next: null };
      },
      on: () => () => {},
    } as unknown as StationBridge;
    const station = createStationStore('connected');
    const store = createStore<{ search: SearchView }>(() => ({ search: EMPTY_SEARCH }));
    const search = connectSearch(bridge, station, store);
    search.openSearch();
    expect(station.getState().screen).toBe('search');
    search.setSearchQuery('  C-1 ');
    await search.searchCode();
    expect(calls).toEqual([['history.search', { code: 'C-1' }], ['history.events', { code: 'C-1', limit: 50 }]]);
    expect(store.getState().search).toMatchObject({ searched: 'C-1', result: { kind: 'child', parent: 'P-1' }, next: 51, cursors: [null], loading: false, error: null });
    await search.olderHistory();
    expect(calls.at(-1)).toEqual(['history.events', { code: 'C-1', limit: 50, before: 51 }]);
    expect(store.getState().search).toMatchObject({ next: null, cursors: [null, 51] });
    expect(store.getState().search.rows[0]).toEqual({ seq: 50 });
    await search.olderHistory();
    expect(calls).toHaveLength(3);
    await search.newestHistory();
    expect(store.getState().search).toMatchObject({ next: 51, cursors: [null] });
  });

  test('a refusal is shown in words, and an empty field asks nothing', async () => {
    const bridge = { request: async () => { throw new Error('history.search: Scan your badge to start'); }, on: () => () => {} } as unknown as StationBridge;
    const store = createStore<{ search: SearchView }>(() => ({ search: EMPTY_SEARCH }));
    const search = connectSearch(bridge, createStationStore('connected'), store);
    await search.searchCode('   ');
    expect(store.getState().search.error).toBeNull();
    await search.searchCode('C-1');
    expect(store.getState().search).toMatchObject({ error: 'history.search: Scan your badge to start', loading: false });
  });

  test('a scanner\'s scan while the screen is open fills the field and is searched; badges, commands and buttons are not, nor any scan elsewhere', async () => {
    const handlers: Array<(result: unknown) => void> = [];
    const asked: string[] = [];
    const bridge = {
      request: async (name: string, payload: { code: string }) => {
        if (name === 'history.search') asked.push(payload.code);
        return name === 'history.search' ? { kind: 'none', query: payload.code, code: payload.code, via: 'code', message: 'nothing' } : { rows: [], next: null };
      },
      on: (name: string, handler: (result: unknown) => void) => { if (name === 'scan.result') handlers.push(handler); return () => {}; },
    } as unknown as StationBridge;
    const station = createStationStore('connected');
    const store = createStore<{ search: SearchView }>(() => ({ search: EMPTY_SEARCH }));
    const search = connectSearch(bridge, station, store);
    const scan = (code: string, codeClass = 'child', deviceId = 'serial-1') => { for (const h of handlers) h({ code, codeClass, deviceId, outcome: 'good' }); };
    scan('C-1');
    search.openSearch();
    scan('B-DEMO4', 'badge');
    scan('CMD:CLOSE', 'command');
    scan('bag.close', 'command', 'ui');
    scan('C-2');
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual(['C-2']);
    expect(store.getState().search).toMatchObject({ query: 'C-2', searched: 'C-2' });
  });
});

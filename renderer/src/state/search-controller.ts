import type { RequestResult, StationBridge } from '../api';
import type { StationStore } from './station-store';

export type SearchResult = RequestResult<'history.search'>;
export type HistoryPage = RequestResult<'history.events'>;
export type HistoryRow = HistoryPage['rows'][number];

/** How many events a history page asks for (the station allows 200). */
export const HISTORY_PAGE = 50;

/** The search screen: the code as typed (or scanned into the field), what the station found, and its history. */
export interface SearchView {
  query: string;
  /** The code the result and the history are for (as searched); null before the first search. */
  searched: string | null;
  result: SearchResult | null;
  rows: HistoryRow[];
  /** The `before` cursor of every page up to this one (null = the newest page). */
  cursors: Array<number | null>;
  next: number | null;
  loading: boolean;
  error: string | null;
}

export const EMPTY_SEARCH: SearchView = { query: '', searched: null, result: null, rows: [], cursors: [null], next: null, loading: false, error: null };

export interface SearchActions {
  openSearch(): void;
  setSearchQuery(query: string): void;
  /** Searches the code given, or the one in the field: what it is, and the newest page of its history. */
  searchCode(code?: string): Promise<void>;
  olderHistory(): Promise<void>;
  newestHistory(): Promise<void>;
  /** The screen opened (true) or closed: while it is open the station takes a hardware scan as a search, not a packing scan. */
  holdScanner(on: boolean): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The search screen's requests (`history.search`, `history.events`), on the admin store's `search`
 * part. Pages are keyset (a stack of `before` cursors, no OFFSET); only the newest load's answer is
 * applied, so a slow earlier answer never replaces a newer search.
 */
export function connectSearch(bridge: StationBridge, station: StationStore, store: { getState(): { search: SearchView }; setState(patch: { search: SearchView }): void }): SearchActions {
  let load = 0;
  const set = (patch: Partial<SearchView>) => store.setState({ search: { ...store.getState().search, ...patch } });

  async function page(code: string, cursors: Array<number | null>, request: number): Promise<void> {
    const before = cursors.at(-1) ?? null;
    const answer = await bridge.request('history.events', { code, limit: HISTORY_PAGE, ...(before !== null ? { before } : {}) });
    if (request === load) set({ rows: answer.rows, next: answer.next, cursors, loading: false, error: null });
  }

  async function run(work: (request: number) => Promise<void>): Promise<void> {
    const request = ++load;
    set({ loading: true });
    try {
      await work(request);
    } catch (error) {
      if (request === load) set({ loading: false, error: messageOf(error) });
    }
  }

  const searchCode = (code?: string) => run(async (request) => {
    const query = (code ?? store.getState().search.query).trim();
    if (!query) return set({ loading: false });
    set({ query, searched: query });
    const result = await bridge.request('history.search', { code: query });
    if (request !== load) return;
    set({ result, rows: [], next: null, cursors: [null] });
    await page(query, [null], request);
  });

  // A scanner's scan while this screen is open (a serial or HID scanner; a wedge types into the field)
  // fills the field and is searched. The station took it as a search (`history.capture`): nothing is packed.
  bridge.on('scan.result', (result) => {
    if (station.getState().screen !== 'search' || result.deviceId === 'ui' || result.codeClass === 'badge' || result.codeClass === 'command') return;
    void searchCode(result.code);
  });

  return {
    openSearch: () => {
      station.setState({ screen: 'search' });
    },
    setSearchQuery: (query) => set({ query }),
    searchCode,
    holdScanner: (on) => {
      // a refusal or a dropped link leaves the scanner packing: the screen still searches what is typed
      bridge.request('history.capture', { on }).catch(() => undefined);
    },
    olderHistory: () => run(async (request) => {
      const { searched, next, cursors } = store.getState().search;
      if (searched === null || next === null) return set({ loading: false });
      await page(searched, [...cursors, next], request);
    }),
    newestHistory: () => run(async (request) => {
      const { searched } = store.getState().search;
      if (searched === null) return set({ loading: false });
      await page(searched, [null], request);
    }),
  };
}

/** The words for one history row: an i18n key under `search.what` and its values. */
export function whatOf(row: Pick<HistoryRow, 'type' | 'as' | 'payload'>): { key: string; values: Record<string, string> } {
  const p = (row.payload ?? {}) as Record<string, unknown>;
  const values = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
  const as = row.as[0] ?? 'container';
  const key = `${row.type.replace('.', '_')}${WHAT_BY_ROLE.has(row.type) ? `_${as}` : ''}`;
  return { key: KNOWN_WHAT.has(key) ? key : 'other', values: { ...values, type: values.type ?? row.type, event: row.type } };
}

/** Event types whose words depend on the code's place in them (the child, its parent, where it moved from or to). */
const WHAT_BY_ROLE = new Set(['container.child_linked', 'container.child_moved', 'container.link_reversed', 'container.voided', 'bag.child_linked', 'bag.link_reversed']);
const KNOWN_WHAT = new Set([
  'container_opened', 'container_focused', 'container_closed', 'container_reopened',
  'container_child_linked_child', 'container_child_linked_parent',
  'container_child_moved_child', 'container_child_moved_from', 'container_child_moved_to',
  'container_link_reversed_child', 'container_link_reversed_parent',
  'container_voided_container', 'container_voided_children', 'container_voided_parent',
  'bag_parent_opened', 'bag_parent_closed', 'bag_parent_reopened',
  'bag_child_linked_child', 'bag_child_linked_parent', 'bag_link_reversed_child', 'bag_link_reversed_parent',
  // a shift's rows: one user's refusals, sign-ins and approvals
  'scan_rejected', 'session_started', 'session_ended', 'session_locked', 'session_resumed', 'override_approved',
]);

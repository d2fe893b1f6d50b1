import type { RequestResult, StationBridge } from '../api';
import { HISTORY_PAGE, type HistoryRow } from './search-controller';
import type { Screen, StationStore } from './station-store';
import { loadPickerUsers, type PickerUser } from './user-picker';

export type ShiftPage = RequestResult<'history.shift'>;
export type ShiftRow = ShiftPage['rows'][number];
type CodeRole = HistoryRow['as'][number];

/** How many events a page of a shift asks for: as many as a code's history page. */
export const SHIFT_PAGE = HISTORY_PAGE;

/** The shift screen: whose shift (null = the signed-in user's own), its page, and where Back goes. */
export interface ShiftView {
  userId: string | null;
  rows: ShiftRow[];
  /** The `before` cursor of every page up to this one (null = the newest page). */
  cursors: Array<number | null>;
  next: number | null;
  /** Another user's shift, for a supervisor or an admin. */
  users: PickerUser[];
  returnTo: Screen;
  loading: boolean;
  error: string | null;
}

export const EMPTY_SHIFT: ShiftView = { userId: null, rows: [], cursors: [null], next: null, users: [], returnTo: 'scan', loading: false, error: null };

export interface ShiftActions {
  /** Opens the signed-in user's own shift; Back returns to the screen it was opened from. */
  openShift(): void;
  /** A supervisor's or admin's pick: another user's shift (null or the own id = their own). */
  pickShiftUser(userId: string | null): Promise<void>;
  olderShift(): Promise<void>;
  newestShift(): Promise<void>;
  backFromShift(): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The code an event of a shift is about, and its place in it (the child a packer put in, the container opened …). */
export function shiftSubject(row: Pick<ShiftRow, 'payload'>): { code: string | null; as: CodeRole[] } {
  const p = (row.payload ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  // a child first: "put into P-1001" says more than "C-2001 put in" in a list of one's own scans
  const child = text(p.child);
  if (child) return { code: child, as: ['child'] };
  const container = text(p.container) ?? text(p.parent);
  if (container) return { code: container, as: ['container'] };
  return { code: text(p.code), as: [] };
}

/**
 * The shift screen's requests (`history.shift`, and `user.list` for the picker of a supervisor or
 * admin), on the admin store's `shift` part. Keyset pages (a stack of `before` cursors, no OFFSET);
 * only the newest load's answer is applied. The core decides whose shift a caller may read: a refusal
 * is shown in words.
 */
export function connectShift(
  bridge: StationBridge,
  station: StationStore,
  store: { getState(): { shift: ShiftView }; setState(patch: { shift: ShiftView }): void },
  mayPick: () => boolean,
): ShiftActions {
  let load = 0;
  const set = (patch: Partial<ShiftView>) => store.setState({ shift: { ...store.getState().shift, ...patch } });
  const signedIn = () => {
    const session = station.getState().state?.slices.session;
    return session?.status === 'active' ? session.user?.userId ?? null : null;
  };
  let openedBy: string | null = null;

  async function page(userId: string | null, cursors: Array<number | null>): Promise<void> {
    const request = ++load;
    set({ loading: true, userId });
    const before = cursors.at(-1) ?? null;
    try {
      const answer = await bridge.request('history.shift', { limit: SHIFT_PAGE, ...(userId !== null ? { userId } : {}), ...(before !== null ? { before } : {}) });
      if (request === load) set({ userId, rows: answer.rows, next: answer.next, cursors, loading: false, error: null });
    } catch (error) {
      if (request === load) set({ userId, rows: [], next: null, cursors: [null], loading: false, error: messageOf(error) });
    }
  }

  // Another user signed in (or nobody is): this screen showed someone else's choice, so leave it.
  station.subscribe((view) => {
    if (view.screen === 'shift' && openedBy !== null && signedIn() !== null && signedIn() !== openedBy) station.setState({ screen: 'scan' });
  });
  // A scan adds to the shift: the newest page follows it (an older page stays as the user left it).
  bridge.on('scan.result', () => {
    const { userId, cursors } = store.getState().shift;
    if (station.getState().screen === 'shift' && cursors.length === 1) void page(userId, [null]);
  });

  return {
    openShift: () => {
      const from = station.getState().screen;
      openedBy = signedIn();
      store.setState({ shift: { ...EMPTY_SHIFT, returnTo: from === 'shift' ? 'scan' : from } });
      station.setState({ screen: 'shift' });
      if (mayPick()) void loadPickerUsers(bridge).then((users) => users && set({ users }));
      void page(null, [null]);
    },
    pickShiftUser: (userId) => page(userId === null || userId === '' || userId === signedIn() ? null : userId, [null]),
    olderShift: async () => {
      const { userId, next, cursors } = store.getState().shift;
      if (next !== null) await page(userId, [...cursors, next]);
    },
    newestShift: () => page(store.getState().shift.userId, [null]),
    backFromShift: () => station.setState({ screen: store.getState().shift.returnTo }),
  };
}

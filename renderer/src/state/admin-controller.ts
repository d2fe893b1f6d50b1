import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RequestPayload, RequestResult, Role, ScanResult, StationBridge } from '../api';
import { mayOpenBills } from './bill-rights';
import { connectEod, type EodActions } from './eod-controller';
import { connectSearch, EMPTY_SEARCH, type SearchActions, type SearchView } from './search-controller';
import { connectShift, EMPTY_SHIFT, type ShiftActions, type ShiftView } from './shift-controller';
import type { Screen, StationStore } from './station-store';
import { loadPickerUsers, USER_PICKER_LIMIT } from './user-picker';

export type UserRow = RequestResult<'user.list'>['rows'][number];
export type AuditRow = RequestResult<'audit.events'>['rows'][number];
export type ChainHead = RequestResult<'audit.events'>['head'];
export type RejectionRow = RequestResult<'audit.rejections'>['rows'][number];

/** How many rows a page of the users list and of the audit trail asks for (the station allows 200). */
export const USERS_PAGE = 50;
export const AUDIT_PAGE = 50;
export { USER_PICKER_LIMIT };
/** How many rejections from central the audit screen lists (unseen first; the station allows 200). */
export const REJECTIONS_LIMIT = 50;

/** Who may open which admin screen. The core refuses the requests anyway; this only spares the refusal. */
export function mayOpen(screen: Screen, role: Role | null | undefined): boolean {
  if (screen === 'users') return role === 'admin';
  if (screen === 'audit') return role === 'admin' || role === 'supervisor';
  if (screen === 'bills') return mayOpenBills(role);
  if (screen === 'eod') return role === 'admin' || role === 'supervisor'; // dashboard.view
  if (screen === 'dashboard') return role === 'admin' || role === 'supervisor';
  // every role holds history.view: a signed-in user may read their own shift
  if (screen === 'shift') return role !== null && role !== undefined;
  return true;
}

/** The last answer to an admin action, or a request that failed (not sent, refused, invalid). */
export type AdminNotice =
  | { kind: 'result'; outcome: ScanResult['outcome']; message: string }
  | { kind: 'error'; message: string };

export interface UsersView {
  search: string;
  rows: UserRow[];
  /** The `after` cursor of every page up to this one: the last is this page's. "Previous page" pops it. */
  cursors: Array<string | null>;
  next: string | null;
  /** Users locked by wrong PINs on this page: user id → until when (ISO). */
  lockedUntil: Record<string, string>;
  error: string | null;
}

/** The audit viewer's filters as typed: a user id ('' = anyone), a type or prefix, datetime-local values. */
export interface AuditFilters {
  userId: string;
  type: string;
  from: string;
  to: string;
}

export interface AuditView {
  /** As typed in the filter bar. */
  filters: AuditFilters;
  /** What the table shows (the filters when "Filter" was last pressed): paging keeps these. */
  applied: AuditFilters;
  rows: AuditRow[];
  /** The `before` cursor of every page up to this one (null = the newest page). "Newer" pops it. */
  cursors: Array<number | null>;
  next: number | null;
  head: ChainHead;
  /** The users the picker offers. */
  users: UserRow[];
  error: string | null;
  /** The rejections central sent back: unseen first, then the most recently seen. */
  rejections: RejectionRow[];
  /** How many are unseen in all (the list may hold fewer). */
  unseenRejections: number;
  rejectionsError: string | null;
}

export interface AdminView {
  users: UsersView;
  audit: AuditView;
  notice: AdminNotice | null;
  /** The search screen (src/workflows/history). */
  search: SearchView;
  /** The shift screen (`history.shift`). */
  shift: ShiftView;
}

export type AdminStore = StoreApi<AdminView>;

export const NO_FILTERS: AuditFilters = { userId: '', type: '', from: '', to: '' };

export function createAdminStore(): AdminStore {
  return createStore<AdminView>(() => ({
    users: { search: '', rows: [], cursors: [null], next: null, lockedUntil: {}, error: null },
    audit: {
      filters: NO_FILTERS, applied: NO_FILTERS, rows: [], cursors: [null], next: null, head: null, users: [], error: null,
      rejections: [], unseenRejections: 0, rejectionsError: null,
    },
    notice: null,
    search: EMPTY_SEARCH,
    shift: EMPTY_SHIFT,
  }));
}

/**
 * A datetime-local value (`2026-03-01T08:05`, the kiosk's local time) as the station's ISO time. `to`
 * covers its whole last minute (or second), so "to 08:05" includes 08:05:59. Empty or unreadable: undefined.
 */
export function localToIso(value: string, edge: 'from' | 'to'): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  const seconds = /T\d{2}:\d{2}:\d{2}/.test(value);
  const hasMs = /\.\d+$/.test(value);
  const end = edge === 'to' && !hasMs ? (seconds ? 999 : 59_999) : 0;
  return new Date(date.getTime() + end).toISOString();
}

/** The `audit.events` payload for these filters and this page. */
export function auditQuery(filters: AuditFilters, before: number | null, limit = AUDIT_PAGE) {
  const type = filters.type.trim();
  const from = localToIso(filters.from, 'from');
  const to = localToIso(filters.to, 'to');
  return {
    limit,
    ...(filters.userId ? { userId: filters.userId } : {}),
    ...(type ? { type } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(before !== null ? { before } : {}),
  };
}

/** A payload in one short line: `code=P-1001 reason=idle`, the keys the row already shows left out. */
export function payloadSummary(payload: unknown, maxLength = 120): string {
  if (payload === null || payload === undefined) return '';
  if (typeof payload !== 'object') return String(payload).slice(0, maxLength);
  const skip = new Set(['reason', 'baseVersion']);
  const parts = Object.entries(payload as Record<string, unknown>)
    .filter(([key, value]) => !skip.has(key) && value !== null && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  const text = parts.join(' ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** The first 16 hex digits of a chain hash (the full one goes in a title). */
export const shortHash = (hash: string) => hash.slice(0, 16);

export interface AdminActions extends SearchActions, ShiftActions, EodActions {
  openUsers(): void;
  openAudit(): void;
  openBills(): void;
  backToScanning(): void;
  searchUsers(search: string): Promise<void>;
  nextUsersPage(): Promise<void>;
  previousUsersPage(): Promise<void>;
  refreshUsers(): Promise<void>;
  /** Each resolves to the station's answer (null when the request failed: the notice says why). */
  createUser(user: { name: string; role: Role; badge: string; pin: string }): Promise<ScanResult | null>;
  disableUser(userId: string): Promise<ScanResult | null>;
  enableUser(userId: string): Promise<ScanResult | null>;
  resetPin(userId: string, pin: string): Promise<ScanResult | null>;
  changeRole(userId: string, role: Role): Promise<ScanResult | null>;
  unlockUser(userId: string): Promise<ScanResult | null>;
  setAuditFilters(filters: Partial<AuditFilters>): void;
  applyAuditFilters(): Promise<void>;
  clearAuditFilters(): Promise<void>;
  olderAudit(): Promise<void>;
  newerAudit(): Promise<void>;
  refreshAudit(): Promise<void>;
  /** Marks one rejection from central seen (`audit.rejection_seen`); the answer becomes the notice. */
  markRejectionSeen(centralId: number): Promise<ScanResult | null>;
  /** Retries or skips an event central quarantined (`audit.resolve_quarantined`); central's answer becomes the notice. */
  resolveQuarantined(request: RequestPayload<'audit.resolve_quarantined'>): Promise<ScanResult | null>;
  ackNotice(): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The admin screens: the users list (keyset pages remembered as a stack of cursors, so "Previous
 * page" needs no OFFSET) with its commands, and the audit viewer. Only the newest load's answer is
 * applied, so a slow earlier answer never replaces a newer page. A screen the signed-in role may not
 * use is left for the scan screen as soon as the session changes (sign-out, another user).
 */
export function connectAdmin(bridge: StationBridge, station: StationStore, store: AdminStore = createAdminStore()): AdminActions & { store: AdminStore } {
  let usersLoad = 0;
  let auditLoad = 0;
  let rejectionsLoad = 0;
  /** A command whose answer (or failure) becomes the notice that stays until acknowledged; then `after`. */
  const answered = async (send: () => Promise<ScanResult>, after?: () => Promise<void>): Promise<ScanResult | null> => {
    try {
      const result = await send();
      store.setState({ notice: { kind: 'result', outcome: result.outcome, message: result.message } });
      await after?.();
      return result;
    } catch (error) {
      store.setState({ notice: { kind: 'error', message: messageOf(error) } });
      return null;
    }
  };
  const setUsers = (patch: Partial<UsersView>) => store.setState((view) => ({ users: { ...view.users, ...patch } }));
  const setAudit = (patch: Partial<AuditView>) => store.setState((view) => ({ audit: { ...view.audit, ...patch } }));
  const role = () => {
    const session = station.getState().state?.slices.session;
    return session?.status === 'active' ? session.user?.role ?? null : null;
  };

  /** Loads the users page whose cursor is the last of `cursors`, with its lockouts. */
  async function loadUsers(search: string, cursors: Array<string | null>): Promise<void> {
    const request = ++usersLoad;
    try {
      const page = await bridge.request('user.list', { search, after: cursors.at(-1) ?? null, limit: USERS_PAGE });
      const locks = page.rows.length > 0 ? await bridge.request('session.lockouts', { userIds: page.rows.map((r) => r.userId) }) : [];
      if (request !== usersLoad) return;
      const lockedUntil = Object.fromEntries(locks.flatMap((l) => (l.lockedUntil ? [[l.userId, l.lockedUntil] as const] : [])));
      setUsers({ search, cursors, rows: page.rows, next: page.next, lockedUntil, error: null });
    } catch (error) {
      if (request === usersLoad) setUsers({ search, rows: [], next: null, lockedUntil: {}, error: messageOf(error) });
    }
  }

  async function loadAudit(filters: AuditFilters, cursors: Array<number | null>): Promise<void> {
    const request = ++auditLoad;
    try {
      const page = await bridge.request('audit.events', auditQuery(filters, cursors.at(-1) ?? null));
      if (request !== auditLoad) return;
      setAudit({ applied: filters, cursors, rows: page.rows, next: page.next, head: page.head, error: null });
    } catch (error) {
      if (request === auditLoad) setAudit({ rows: [], next: null, error: messageOf(error) });
    }
  }

  async function loadRejections(): Promise<void> {
    const request = ++rejectionsLoad;
    try {
      const list = await bridge.request('audit.rejections', { limit: REJECTIONS_LIMIT });
      if (request === rejectionsLoad) setAudit({ rejections: list.rows, unseenRejections: list.unseen, rejectionsError: null });
    } catch (error) {
      if (request === rejectionsLoad) setAudit({ rejections: [], unseenRejections: 0, rejectionsError: messageOf(error) });
    }
  }

  async function loadPicker(): Promise<void> {
    const users = await loadPickerUsers(bridge);
    if (users) setAudit({ users });
  }

  const refreshUsers = () => loadUsers(store.getState().users.search, store.getState().users.cursors);

  /** One user command: its answer becomes the notice, then the list is read again. */
  async function command(run: () => Promise<ScanResult>): Promise<ScanResult | null> {
    try {
      const result = await run();
      store.setState({ notice: { kind: 'result', outcome: result.outcome, message: result.message } });
      await refreshUsers();
      return result;
    } catch (error) {
      store.setState({ notice: { kind: 'error', message: messageOf(error) } });
      return null;
    }
  }

  // Leave a screen this role may not use (signed out, locked, another user signed in).
  station.subscribe((view, previous) => {
    if (view.state === previous.state && view.screen === previous.screen) return;
    if (!view.state || mayOpen(view.screen, role())) return;
    station.setState({ screen: 'scan' });
  });
  // New rejections from central (or one marked seen at another kiosk): the open audit screen's list follows the count.
  station.subscribe((view, previous) => {
    if (view.screen !== 'audit' || view.state?.replication?.unseenRejections === previous.state?.replication?.unseenRejections) return;
    void loadRejections();
  });
  // Scans and other screens change lockouts and the log: the open screen's first page follows them.
  bridge.on('scan.result', () => {
    const { screen } = station.getState();
    if (screen === 'users') void refreshUsers();
    if (screen === 'audit' && store.getState().audit.cursors.length === 1) void loadAudit(store.getState().audit.applied, [null]);
  });

  return {
    store,
    ...connectSearch(bridge, station, store),
    ...connectEod(bridge, station),
    // another user's shift is the audit trail's right: only those who may read it get the picker
    ...connectShift(bridge, station, store, () => mayOpen('audit', role())),
    openUsers: () => {
      store.setState({ notice: null });
      station.setState({ screen: 'users' });
      void loadUsers(store.getState().users.search, [null]);
    },
    openAudit: () => {
      store.setState({ notice: null });
      station.setState({ screen: 'audit' });
      void loadPicker();
      void loadRejections();
      void loadAudit(store.getState().audit.applied, [null]);
    },
    backToScanning: () => station.setState({ screen: 'scan' }),
    openBills: () => station.setState({ screen: 'bills' }),
    searchUsers: (search) => loadUsers(search, [null]),
    nextUsersPage: async () => {
      const { next, cursors, search } = store.getState().users;
      if (next !== null) await loadUsers(search, [...cursors, next]);
    },
    previousUsersPage: async () => {
      const { cursors, search } = store.getState().users;
      if (cursors.length > 1) await loadUsers(search, cursors.slice(0, -1));
    },
    refreshUsers,
    createUser: (user) => command(() => bridge.request('user.create', user)),
    disableUser: (userId) => command(() => bridge.request('user.disable', { userId })),
    enableUser: (userId) => command(() => bridge.request('user.enable', { userId })),
    resetPin: (userId, pin) => command(() => bridge.request('user.reset_pin', { userId, pin })),
    changeRole: (userId, newRole) => command(() => bridge.request('user.change_role', { userId, role: newRole })),
    unlockUser: (userId) => command(() => bridge.request('session.unlock', { userId })),
    setAuditFilters: (filters) => setAudit({ filters: { ...store.getState().audit.filters, ...filters } }),
    applyAuditFilters: () => loadAudit(store.getState().audit.filters, [null]),
    clearAuditFilters: () => {
      setAudit({ filters: NO_FILTERS });
      return loadAudit(NO_FILTERS, [null]);
    },
    olderAudit: async () => {
      const { next, cursors, applied } = store.getState().audit;
      if (next !== null) await loadAudit(applied, [...cursors, next]);
    },
    newerAudit: async () => {
      const { cursors, applied } = store.getState().audit;
      if (cursors.length > 1) await loadAudit(applied, cursors.slice(0, -1));
    },
    refreshAudit: async () => {
      await Promise.all([loadRejections(), loadAudit(store.getState().audit.applied, store.getState().audit.cursors)]);
    },
    markRejectionSeen: (centralId) => answered(() => bridge.request('audit.rejection_seen', { centralId }), loadRejections),
    resolveQuarantined: (request) => answered(() => bridge.request('audit.resolve_quarantined', request)),
    ackNotice: () => store.setState({ notice: null }),
  };
}

/** A station time as the kiosk's local date and time, `2026-03-01 08:05:07`. Empty when unreadable. */
export function dateTime(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** The types and module prefixes (`session.`) among these rows, for the type filter's suggestions. */
export function typeSuggestions(rows: readonly { type: string }[]): string[] {
  const seen = new Set<string>();
  for (const { type } of rows) {
    const dot = type.indexOf('.');
    if (dot > 0) seen.add(type.slice(0, dot + 1));
    seen.add(type);
  }
  return [...seen].sort();
}

import type { Db } from '../../store/db';
import type { Views } from '../../core/workflow';
import type { BagLookup } from '../bag/view';
import type { ContainerView } from '../container/view';
import { candidates, type Candidate } from './codes';
import { HISTORY_PAGE_MAX, type CodeRole, type HistoryEventsQuery, type HistoryPage, type HistoryRow, type SearchResult } from './contract';
import type { HistoryView } from './view';

interface Row {
  seq: number; device_time: string; type: string; user_id: string | null; user_name: string | null; role: string | null;
  station_id: string; session_id: string | null; approved_by: string | null; approved_by_name: string | null; payload: string;
}

/** No seq is this high: the cursor of the first page. */
const TOP = Number.MAX_SAFE_INTEGER;
/** A container's newest weighings shown with it. */
const WEIGHTS_SHOWN = 20;
const NAMING_KEYS = ['container', 'parent', 'child', 'from', 'to'] as const;

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The payload fields that name `code`. */
export function rolesOf(payload: unknown, code: string): CodeRole[] {
  if (payload === null || typeof payload !== 'object') return [];
  const p = payload as Record<string, unknown>;
  const roles: CodeRole[] = NAMING_KEYS.filter((key) => p[key] === code);
  if (Array.isArray(p.children) && p.children.includes(code)) roles.push('children');
  return roles;
}

function toRow(r: Row, code: string): HistoryRow {
  const payload = parse(r.payload);
  const reason = payload !== null && typeof payload === 'object' && typeof (payload as { reason?: unknown }).reason === 'string' ? (payload as { reason: string }).reason : null;
  return {
    seq: r.seq, at: r.device_time, type: r.type, userId: r.user_id, userName: r.user_name, role: r.role, stationId: r.station_id, sessionId: r.session_id,
    approvedBy: r.approved_by, approvedByName: r.approved_by_name, as: rolesOf(payload, code), payload, reason,
  };
}

/**
 * Search and history with raw SQL (better-sqlite3 statements prepared once). What a code is comes from
 * the container and bag views (this module's dependsOn); its history from `code_events` (code, seq),
 * the index `history:001` keeps beside the log, joined to `events` by seq: a page is one range of that
 * index read backwards from the cursor, never an OFFSET and never a scan of the log.
 */
export function createHistoryView(db: Db, deps: Views): HistoryView {
  const containers = deps.container as ContainerView;
  const bags = deps.bag as BagLookup;
  const page = db.prepare<{ code: string; before: number; limit: number }>(`SELECT e.seq, e.device_time, e.type, e.user_id, u.name AS user_name,
      e.role, e.station_id, e.session_id, e.approved_by, a.name AS approved_by_name, e.payload
    FROM code_events c
    JOIN events e ON e.seq = c.seq
    LEFT JOIN ref_users u ON u.id = e.user_id
    LEFT JOIN ref_users a ON a.id = e.approved_by
    WHERE c.code = @code AND c.seq < @before
    ORDER BY c.seq DESC LIMIT @limit`);
  const named = db.prepare<[string]>('SELECT EXISTS (SELECT 1 FROM code_events WHERE code = ?)').pluck();
  const countNamed = db.prepare<[string]>('SELECT count(*) FROM code_events WHERE code = ?').pluck();
  const weights = rowsOf(db, 'weights');
  const labels = rowsOf(db, 'label_jobs', ['job_id', 'status', 'reason', 'reprint_of', 'reprint_reason', 'grams', 'requested_seq']);

  const resolve = (query: string): Candidate => {
    const all = candidates(query);
    return all.find((c) => named.get(c.code) === 1) ?? all[0]!;
  };

  const what = (query: string, c: Candidate): SearchResult | null => {
    const code = c.code;
    const base = { query, code, via: c.via };
    const container = containers.container(code);
    if (container) {
      return {
        kind: 'container', ...base, source: 'container', type: container.type, status: container.status, closeReason: container.closeReason,
        capacity: container.capacity, count: container.children.length, chain: containers.ancestors(code).reverse(), children: container.children,
        weights: weights ? weights(code) : null, labels: labels ? labels(code) : null,
      };
    }
    const bag = bags.parent(code);
    if (bag) {
      return {
        kind: 'container', ...base, source: 'bag', type: 'bag', status: bag.status, closeReason: bag.closeReason, capacity: bag.capacity,
        count: bag.children.length, chain: [], children: bag.children.map((child) => ({ code: child, type: 'bag' })), weights: weights ? weights(code) : null,
        labels: labels ? labels(code) : null,
      };
    }
    const parent = containers.parentOf(code);
    if (parent) {
      const type = containers.container(parent)?.children.find((child) => child.code === code)?.type ?? null;
      return { kind: 'child', ...base, source: 'container', type, parent, chain: containers.ancestors(code).reverse() };
    }
    const bagParent = bags.parentOfChild(code);
    if (bagParent) return { kind: 'child', ...base, source: 'bag', type: null, parent: bagParent, chain: [bagParent] };
    const events = countNamed.get(code) as number;
    return events > 0 ? { kind: 'history-only', ...base, events } : null;
  };

  // One snapshot per answer: the chain and the children (or the page) are as of one moment.
  const search = db.transaction((query: string): SearchResult => {
    const all = candidates(query);
    for (const c of all) {
      const found = what(query, c);
      if (found) return found;
    }
    const keys = all.slice(1).map((c) => `${c.via.toUpperCase()} ${c.code}`);
    const inside = keys.length > 0 ? ` (nor for ${keys.join(' or ')} in that scan)` : '';
    return { kind: 'none', query, code: all[0]!.code, via: 'code', message: `Nothing recorded for ${all[0]!.code} at this station${inside}` };
  });

  const events = db.transaction((query: HistoryEventsQuery): HistoryPage => {
    const limit = Math.min(Math.max(1, Math.trunc(query.limit)), HISTORY_PAGE_MAX);
    const c = resolve(query.code);
    const rows = page.all({ code: c.code, before: query.before ?? TOP, limit: limit + 1 }) as Row[];
    const shown = rows.slice(0, limit);
    return { query: query.code.trim(), code: c.code, via: c.via, rows: shown.map((r) => toRow(r, c.code)), next: rows.length > limit ? shown.at(-1)!.seq : null };
  });

  return { search: (query) => search(query), events: (query) => events(query) };
}

/**
 * A container's rows in another workflow's table, where the station keeps one: its weighings
 * (`weights`, the weighing step's) or its label jobs (`label_jobs`, the label step's), found by a
 * `container` column, newest first, as stored (only `pick` of them, where given: a label's ZPL stays
 * out). Null when the table is not there. Read this way, so that search needs neither workflow.
 */
function rowsOf(db: Db, table: 'weights' | 'label_jobs', pick?: readonly string[]): ((code: string) => Array<Record<string, string | number | null>>) | null {
  const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]);
  if (!columns.includes('container')) return null;
  const order = columns.includes('seq') ? 'seq DESC' : 'rowid DESC';
  const shown = pick ? pick.filter((c) => columns.includes(c)).join(', ') : '*';
  const select = db.prepare<[string, number]>(`SELECT ${shown} FROM ${table} WHERE container = ? ORDER BY ${order} LIMIT ?`);
  return (code) => select.all(code, WEIGHTS_SHOWN) as Array<Record<string, string | number | null>>;
}

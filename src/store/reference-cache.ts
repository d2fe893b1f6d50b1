import type Database from 'better-sqlite3';

/**
 * The station's cache of central reference data and of rejections sent back down. Rows arrive in
 * (updated_at, id) order per source; the rows and the advanced checkpoint commit together, so a crash
 * mid-pull simply repeats the last page.
 */
export const REFERENCE_SOURCES = ['users', 'code_rules', 'bags', 'bills', 'container_types', 'stock', 'manifests'] as const;
export type ReferenceSource = (typeof REFERENCE_SOURCES)[number];

export interface Checkpoint {
  updatedAt: string;
  lastId: string;
}

/**
 * A user as central last sent it. `pinHash` is `scrypt$N$r$p$salt$hash` (never a PIN), for offline
 * login. `updatedAt` is the row's version: a user change recorded here carries it as `baseVersion`.
 */
export interface RefUser { id: string; name: string; role: string; badge: string | null; active: boolean; pinHash: string | null; updatedAt: string }
export interface RefCodeRule { id: string; rule: string; active: boolean; updatedAt: string }
export interface RefBag { code: string; status: string; capacity: number | null; linkCount: number; updatedAt: string }
/**
 * A bill as central last sent it: status open | finalised | dispatched (or 'closed', written by an
 * admin before bills were projected). `containers` is the JSON of its lines (the bill module's BillLine).
 */
export interface RefBill {
  id: string; number: string; status: string; openedStation: string | null; openedBy: string | null; finalisedBy: string | null;
  dispatchedBy: string | null; count: number; measuredGrams: number; estimatedGrams: number; totalGrams: number; printed: number;
  containers: string; updatedAt: string;
}
/** One line of a bill from central, as the bill module records it in `bill.added`. */
export interface RefBillLine { container: string; type: string; children: number; grams: number | null; estimatedGrams: number | null }
/** An open bill from central with its lines parsed, for a station continuing it. */
export type OpenRefBill = Omit<RefBill, 'containers'> & { containers: RefBillLine[] };
/** A container type as central defines it: `definition` is the JSON of one `container.types` entry (table of the container module). */
export interface RefContainerType { id: string; definition: string; active: boolean; updatedAt: string }
/** Stock of one product in one warehouse at central (`warehouse_inventory`), as last pulled. */
export interface RefStock { warehouse: string; product: string; quantity: number; updatedAt: string }
/** A manifest at central: `lines` is the JSON array of its lines (the manifest module's ManifestLine). */
export interface RefManifest { id: string; reference: string; warehouse: string; direction: string; lines: string; status: string; updatedAt: string }
export type RefRow<S extends ReferenceSource> =
  S extends 'users' ? RefUser : S extends 'code_rules' ? RefCodeRule : S extends 'bags' ? RefBag : S extends 'bills' ? RefBill
  : S extends 'container_types' ? RefContainerType : S extends 'stock' ? RefStock : RefManifest;

export interface ReceivedRejection {
  centralId: number;
  seq: number;
  eventId: string;
  type: string;
  reason: string;
  detail: string;
  winnerStation: string | null;
  winnerSeq: number | null;
  createdAt: string;
}

const UPSERT: Record<ReferenceSource, string> = {
  // A row this station changed (local_seq: the seq of its user.* event) keeps the local edit until
  // central has acknowledged that event; central's next version of the row then comes down anyway,
  // since applying the event moved its updated_at. Once written from central, the row has no local edit.
  users: `INSERT INTO ref_users (id, name, role, badge, active, pin_hash, updated_at, local_seq)
    VALUES (@id, @name, @role, @badge, @active, @pinHash, @updatedAt, NULL)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, badge = excluded.badge, active = excluded.active,
      pin_hash = excluded.pin_hash, updated_at = excluded.updated_at, local_seq = NULL
    WHERE ref_users.local_seq IS NULL
       OR ref_users.local_seq <= coalesce((SELECT acked_seq FROM replication_state WHERE id = 1), 0)`,
  code_rules: `INSERT INTO ref_code_rules (id, rule, active, updated_at) VALUES (@id, @rule, @active, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET rule = excluded.rule, active = excluded.active, updated_at = excluded.updated_at`,
  bags: `INSERT INTO ref_bags (code, status, capacity, link_count, updated_at) VALUES (@code, @status, @capacity, @linkCount, @updatedAt)
    ON CONFLICT (code) DO UPDATE SET status = excluded.status, capacity = excluded.capacity, link_count = excluded.link_count, updated_at = excluded.updated_at`,
  bills: `INSERT INTO ref_bills (id, number, status, opened_station, opened_by, finalised_by, dispatched_by, count, measured_grams,
      estimated_grams, total_grams, printed, containers, updated_at)
    VALUES (@id, @number, @status, @openedStation, @openedBy, @finalisedBy, @dispatchedBy, @count, @measuredGrams, @estimatedGrams,
      @totalGrams, @printed, @containers, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET number = excluded.number, status = excluded.status, opened_station = excluded.opened_station,
      opened_by = excluded.opened_by, finalised_by = excluded.finalised_by, dispatched_by = excluded.dispatched_by, count = excluded.count,
      measured_grams = excluded.measured_grams, estimated_grams = excluded.estimated_grams, total_grams = excluded.total_grams,
      printed = excluded.printed, containers = excluded.containers, updated_at = excluded.updated_at`,
  container_types: `INSERT INTO ref_container_types (id, definition, active, updated_at) VALUES (@id, @definition, @active, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, active = excluded.active, updated_at = excluded.updated_at`,
  stock: `INSERT INTO ref_stock (warehouse, product, quantity, updated_at) VALUES (@warehouse, @product, @quantity, @updatedAt)
    ON CONFLICT (warehouse, product) DO UPDATE SET quantity = excluded.quantity, updated_at = excluded.updated_at`,
  manifests: `INSERT INTO ref_manifests (id, reference, warehouse, direction, lines, status, updated_at)
    VALUES (@id, @reference, @warehouse, @direction, @lines, @status, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET reference = excluded.reference, warehouse = excluded.warehouse, direction = excluded.direction,
      lines = excluded.lines, status = excluded.status, updated_at = excluded.updated_at`,
};

export function getCheckpoint(db: Database.Database, source: ReferenceSource): Checkpoint | null {
  const row = db.prepare('SELECT updated_at AS updatedAt, last_id AS lastId FROM ref_checkpoints WHERE source = ?').get(source);
  return (row as Checkpoint | undefined) ?? null;
}

/** Stores one page of a source and moves its checkpoint, in one transaction. */
export function applyReferencePage<S extends ReferenceSource>(db: Database.Database, source: S, rows: ReadonlyArray<RefRow<S>>,
  checkpoint: Checkpoint, syncedAt = new Date()): void {
  const upsert = db.prepare(UPSERT[source]);
  db.transaction(() => {
    for (const row of rows) {
      const bound: Record<string, unknown> = { ...row };
      if ('active' in row) bound.active = row.active ? 1 : 0;
      upsert.run(bound);
    }
    db.prepare(`INSERT INTO ref_checkpoints (source, updated_at, last_id, synced_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (source) DO UPDATE SET updated_at = excluded.updated_at, last_id = excluded.last_id, synced_at = excluded.synced_at`)
      .run(source, checkpoint.updatedAt, checkpoint.lastId, syncedAt.toISOString());
  }).immediate();
}

/** Marks a source as pulled up to date without new rows (a fresh station whose central has none yet). */
export function touchCheckpoint(db: Database.Database, source: ReferenceSource, syncedAt = new Date()): void {
  const cp = getCheckpoint(db, source) ?? { updatedAt: '-infinity', lastId: '' };
  applyReferencePage(db, source, [], cp, syncedAt);
}

/**
 * "not-synced" until every source has been pulled once: a fresh station with no central says so
 * instead of validating against an empty cache. The version is the newest central change seen,
 * which the station records with each scan it validated offline.
 */
export function referenceStatus(db: Database.Database):
  | { state: 'not-synced' } | { state: 'synced'; syncedAt: string; version: string } {
  const rows = db.prepare('SELECT source, updated_at AS updatedAt, synced_at AS syncedAt FROM ref_checkpoints').all() as
    Array<{ source: string; updatedAt: string; syncedAt: string }>;
  if (REFERENCE_SOURCES.some((s) => !rows.find((r) => r.source === s))) return { state: 'not-synced' };
  const syncedAt = rows.map((r) => r.syncedAt).sort()[0]!;
  const version = rows.map((r) => r.updatedAt).filter((v) => v !== '-infinity').sort().at(-1) ?? 'empty';
  return { state: 'synced', syncedAt, version };
}

export function findUser(db: Database.Database, idOrBadge: string): RefUser | null {
  const row = db.prepare(`SELECT id, name, role, badge, active, pin_hash AS pinHash, updated_at AS updatedAt FROM ref_users
    WHERE id = ? OR badge = ? LIMIT 1`).get(idOrBadge, idOrBadge) as (Omit<RefUser, 'active'> & { active: number }) | undefined;
  return row ? { ...row, active: row.active === 1 } : null;
}

export function findBag(db: Database.Database, code: string): RefBag | null {
  return (db.prepare('SELECT code, status, capacity, link_count AS linkCount, updated_at AS updatedAt FROM ref_bags WHERE code = ?')
    .get(code) as RefBag | undefined) ?? null;
}

const BILL_COLUMNS = `id, number, status, opened_station AS openedStation, opened_by AS openedBy, finalised_by AS finalisedBy,
  dispatched_by AS dispatchedBy, count, measured_grams AS measuredGrams, estimated_grams AS estimatedGrams, total_grams AS totalGrams,
  printed, containers, updated_at AS updatedAt`;

export function findOpenBill(db: Database.Database, number: string): RefBill | null {
  return (db.prepare(`SELECT ${BILL_COLUMNS} FROM ref_bills WHERE number = ? AND status = 'open'`)
    .get(number) as RefBill | undefined) ?? null;
}

/** Central's open bills (any station's), newest change first, with their lines: the bills a station may continue. */
export function openRefBills(db: Database.Database, limit: number): OpenRefBill[] {
  const rows = db.prepare(`SELECT ${BILL_COLUMNS} FROM ref_bills WHERE status = 'open' ORDER BY updated_at DESC, number LIMIT ?`)
    .all(limit) as RefBill[];
  return rows.map((r) => ({ ...r, containers: JSON.parse(r.containers) as RefBillLine[] }));
}

export function activeCodeRules(db: Database.Database): Array<{ id: string; rule: unknown }> {
  return (db.prepare('SELECT id, rule FROM ref_code_rules WHERE active = 1 ORDER BY id').all() as Array<{ id: string; rule: string }>)
    .map((r) => ({ id: r.id, rule: JSON.parse(r.rule) as unknown }));
}

export function lastRejectionId(db: Database.Database): number {
  return db.prepare('SELECT coalesce(max(central_id), 0) FROM central_rejections').pluck().get() as number;
}

export function saveRejections(db: Database.Database, rows: readonly ReceivedRejection[], receivedAt = new Date()): void {
  const insert = db.prepare(`INSERT INTO central_rejections (central_id, seq, event_id, type, reason, detail, winner_station,
    winner_seq, created_at, received_at) VALUES (@centralId, @seq, @eventId, @type, @reason, @detail, @winnerStation, @winnerSeq,
    @createdAt, @receivedAt) ON CONFLICT (central_id) DO NOTHING`);
  db.transaction(() => {
    for (const r of rows) insert.run({ ...r, receivedAt: receivedAt.toISOString() });
  }).immediate();
}

export function unseenRejections(db: Database.Database): ReceivedRejection[] {
  return db.prepare(`SELECT central_id AS centralId, seq, event_id AS eventId, type, reason, detail, winner_station AS winnerStation,
    winner_seq AS winnerSeq, created_at AS createdAt FROM central_rejections WHERE seen_at IS NULL ORDER BY central_id`).all() as ReceivedRejection[];
}

/** How many rejections no supervisor has marked seen (the replication status and the header chip show it). */
export function countUnseenRejections(db: Database.Database): number {
  return db.prepare('SELECT count(*) FROM central_rejections WHERE seen_at IS NULL').pluck().get() as number;
}

/** The supervisor has seen it; it stays for the audit trail. */
export function markRejectionSeen(db: Database.Database, centralId: number, at = new Date()): void {
  db.prepare('UPDATE central_rejections SET seen_at = ? WHERE central_id = ? AND seen_at IS NULL').run(at.toISOString(), centralId);
}

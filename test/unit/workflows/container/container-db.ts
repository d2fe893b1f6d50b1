import Database from 'better-sqlite3';
import type { Decision } from '../../../../src/core/decision';
import type { StoredEvent } from '../../../../src/core/events';
import { composeModules, type Registry } from '../../../../src/core/registry';
import { runMigrations, storeMigrations, type Db } from '../../../../src/store';
import { createEventLog, type EventLog } from '../../../../src/store/event-log';
import { ContainerConfig } from '../../../../src/workflows/container/config';
import { decideClose, decideConfirmClose } from '../../../../src/workflows/container/decide-commands';
import { decideScan, type ContainerDecision } from '../../../../src/workflows/container/decide-scan';
import { containerModule } from '../../../../src/workflows/container/module';
import { compileTypes, recognise, type ContainerTypes } from '../../../../src/workflows/container/types';
import type { ContainerView } from '../../../../src/workflows/container/view';

/**
 * Bags into sacks onto pallets (an SSCC, GS1 AI 00), and boxes that may hold boxes (for the cycle
 * rules). Sacks hold 3, pallets 2, boxes 3.
 */
export const TEST_TYPES_CONFIG = {
  types: [
    { id: 'bag', name: 'Bag', code: { pattern: '^C-[0-9]+$' }, holds: [] },
    { id: 'sack', name: 'Sack', code: { pattern: '^S-[0-9]+$' }, capacity: 3, emptyWeightG: 300, maxWeightG: 25_000, holds: ['bag'] },
    { id: 'pallet', name: 'Pallet', code: { ai: '00' }, capacity: 2, emptyWeightG: 25_000, maxWeightG: 1_000_000, holds: ['sack'] },
    { id: 'box', name: 'Box', code: { pattern: '^X-[0-9]+$' }, capacity: 3, holds: ['box', 'bag'] },
  ],
};
export const TYPES: ContainerTypes = compileTypes(ContainerConfig.parse(TEST_TYPES_CONFIG));

/** An SSCC as the decoder hands it over: the text of a GS1-128 and its AI 00 element. */
export function sscc(n: number): { text: string; gs1: Array<{ ai: string; value: string }> } {
  const value = String(n).padStart(18, '0');
  return { text: `00${value}`, gs1: [{ ai: '00', value }] };
}

const WHO = { correlationId: 'c-test', deviceId: 'test', userId: 'u-test', role: 'packer' as const, sessionId: 's-test', approvedBy: null };

/**
 * The container workflow's tables on a real in-memory SQLite, with the store's own migrations and the
 * event log: a decision applied here is appended and projected exactly as the station does it.
 */
export class ContainerDb {
  readonly db: Db = new Database(':memory:');
  readonly registry: Registry = composeModules([containerModule]);
  readonly view: ContainerView;
  readonly log: EventLog;

  constructor() {
    this.db.pragma('foreign_keys = ON');
    runMigrations(this.db, [...storeMigrations, ...this.registry.migrations]);
    this.view = this.registry.createViews(this.db).container as ContainerView;
    this.log = createEventLog(this.db, 'test', this.registry.createProjector(this.db));
  }

  /** Appends the decision's events (in one transaction, like the store) and hands it back. */
  apply<D extends Decision>(decision: D): D {
    this.db.transaction(() => this.log.append(decision.events, WHO))();
    return decision;
  }

  /** A scan decided against the view and applied. */
  scan(code: string | { text: string; gs1: Array<{ ai: string; value: string }> }): ContainerDecision {
    const { text, gs1 } = typeof code === 'string' ? { text: code, gs1: null } : code;
    return this.apply(decideScan(this.view, TYPES, text, 'unknown', recognise(TYPES, text, gs1)));
  }

  /** Every scan must be accepted. */
  fill(...codes: string[]): void {
    for (const code of codes) {
      const d = this.scan(code);
      if (d.outcome !== 'good') throw new Error(`${code} refused: ${d.message}`);
    }
  }

  /** Close, then confirm: the container in hand closes short. */
  closeShort(): ContainerDecision {
    return this.apply(decideConfirmClose(this.view, decideClose(this.view, 'container.close').confirmClose!, 'container.confirm_close'));
  }

  /** The workflow's own events so far (no refusals), type and payload. */
  events(): Array<Pick<StoredEvent, 'type' | 'payload'>> {
    return (this.db.prepare("SELECT type, payload FROM events WHERE type LIKE 'container.%' ORDER BY seq").all() as Array<{ type: string; payload: string }>)
      .map((r) => ({ type: r.type, payload: JSON.parse(r.payload) as unknown }));
  }

  types(): string[] {
    return this.events().map((e) => e.type);
  }

  /** A fresh database with every event of this one appended in order: refusals too, so each keeps its seq (an undo names the seq it reverses). */
  replayed(): ContainerDb {
    const replay = new ContainerDb();
    const all = this.db.prepare('SELECT type, payload FROM events ORDER BY seq').all() as Array<{ type: string; payload: string }>;
    replay.apply({ outcome: 'good', message: '', events: all.map((e) => ({ type: e.type, payload: JSON.parse(e.payload) as unknown })) });
    return replay;
  }

  /** Every table of the projection, ordered, for comparing two databases. */
  snapshot(): unknown {
    return {
      containers: this.db.prepare('SELECT code, type, capacity, status, close_reason FROM containers ORDER BY code').all(),
      links: this.db.prepare('SELECT child, child_type, parent, moved FROM container_links ORDER BY child').all(),
      current: this.db.prepare('SELECT code FROM container_current').pluck().get() ?? null,
    };
  }

  close(): void {
    this.db.close();
  }
}

import type { ModuleContract } from '../api/contract';
import type { CodeClass, DeviceStatus, ReplicationSummary, ScanResult } from '../api';
import type { Permission } from '../api/roles';
import type { StationConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import type { DecodedScan } from '../scan/decode';
import type { Db } from './store-port';
import type { Decision } from './decision';
import type { ScalePort } from '../scale/port';
import type { CentralPort } from './central-port';
import type { Actor, StoredEvent } from './events';

/** A local schema step, named `<module id>:NNN`; applied once, recorded by id (src/store/migrate.ts). */
export interface LocalMigration {
  id: string;
  sql: string;
  /** A step that needs code as well as SQL (e.g. hashing existing rows); runs after `sql`, in the same transaction. */
  run?(db: Db): void;
}

/** The read-only questions decisions may ask, per module id (a module sees its own and its dependsOn's). */
export type Views = Readonly<Record<string, unknown>>;

/** Who is acting, from where, on what. `trigger` is what set it off: the scanned code or the button's name. */
export interface CallContext {
  actor: Actor | null;
  deviceId: string;
  correlationId: string;
  trigger: string;
  /** Set when a supervisor approved this call at the override prompt: committed with its events. */
  approval: Approval | null;
}

export interface Approval {
  by: string;
  reason: string;
  permission: Permission;
}

/** What the core offers a running module. */
export interface Kernel {
  readonly config: StationConfig;
  readonly views: Views;
  readonly logger: Logger;
  clock(): Date;
  /**
   * Decides inside ONE transaction, records the events with the call's who, answers like a scan
   * (result on screen, tone, pending error) and pushes the touched slices. Never throws.
   */
  act(call: CallContext, codeClass: CodeClass, decide: (views: Views) => Decision): ScanResult;
  /** The same transaction without an answer on screen (a timer's lock, start-up data). Never throws. */
  record(call: CallContext, decide: (views: Views) => Decision): void;
  /** Pushes these modules' slices now (their state in memory changed). */
  touch(...moduleIds: string[]): void;
  /** Central, through the replication worker; null where the station replicates to none. */
  readonly central: CentralPort | null;
  /** Read-only: the replication summary as the station shows it, read now; null where none is attached (tests, replay). */
  replication?(): ReplicationSummary | null;
  /** A configured scale (the first when no id is given), or null: none configured by that id. */
  scale(id?: string): ScalePort | null;
  /** A device a module drives (the label printer) for the health records; its chip stays in the module's slice. */
  noteDevice?(status: DeviceStatus): void;
}

/** A code class a module takes in the active mode (or always, for a badge). */
export interface ScanHandler {
  permission: Permission;
  decide(views: Views, scan: DecodedScan, call: CallContext): Decision;
}

export type RequestHandler = (payload: never, call: CallContext) => unknown;

/** A user the identity module knows, as the override prompt needs it. */
export interface KnownUser {
  userId: string;
  name: string;
  role: Actor['role'];
  active: boolean;
}

export type PinCheck = { ok: true; user: KnownUser } | { ok: false; message: string };

/**
 * Exactly one module tells the core who is signed in (the sessions module). The core never names it.
 */
export interface Identity {
  /** The signed-in, unlocked user, or null. */
  actor(): Actor | null;
  /** Why there is no actor, in the packer's words ("Scan your badge to start"). */
  noActorMessage(): string;
  findBadge(badge: string): KnownUser | null;
  /** Checks a PIN with lockout (recording failures and lockouts itself). Asynchronous: scrypt. */
  checkPin(userId: string, pin: string, call: CallContext): Promise<PinCheck>;
  /** Any interaction: restarts the idle timer. */
  activity(): void;
}

/** What a module runs with once the station has started it. */
export interface ModuleRuntime {
  /** Code classes it takes: `badge` always, the others while its mode is active. */
  scans?: Partial<Record<CodeClass, ScanHandler>>;
  /** Command barcodes it answers: `CLOSE` (from CMD:CLOSE) → the command `bag.close`. */
  commandBarcodes?: Readonly<Record<string, string>>;
  commands?: Readonly<Record<string, RequestHandler>>;
  /**
   * While the module has something in hand that takes scans (a bill being built, a manifest being
   * verified, the search screen open), its handler: then every valid scan but a badge or a command goes
   * to it, not to the mode's module. Null the rest of the time. Asked on every scan: keep it cheap.
   */
  capture?(): ScanHandler | null;
  queries?: Readonly<Record<string, RequestHandler>>;
  /** Its state slice as the UI shows it (validated by its contract's `slice`). */
  slice?(): unknown;
  identity?: Identity;
  stop?(): void;
}

/** One workflow: a folder under src/workflows plus one line in src/workflows/index.ts. */
export interface WorkflowModule {
  /** Its id: event prefix (`<id>.*`), command namespace and slice key. */
  id: string;
  /** The modules whose views it may read (they are created first). */
  dependsOn?: readonly string[];
  contract: ModuleContract;
  migrations?: readonly LocalMigration[];
  /** Read-only questions over its tables; `deps` holds the views of `dependsOn`. */
  createView?(db: Db, deps: Views): unknown;
  /** Applies ITS OWN events to its tables, inside the append transaction. */
  project?(db: Db): (event: StoredEvent) => void;
  start?(kernel: Kernel): ModuleRuntime;
}

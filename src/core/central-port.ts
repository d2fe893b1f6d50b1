/**
 * What a module may ask of central through the station's replication worker. The core only carries
 * it (Kernel.central); the worker implements it (src/central/replication.ts).
 */

/** A supervisor's decision on one of this station's quarantined events (a dead letter at central). */
export interface DeadLetterDecision {
  action: 'retry' | 'skip';
  kind: 'ingest' | 'projection';
  id: number;
  reason: string;
  /** The kiosk user deciding (central records it with the station's id). */
  who: string;
}

/** Central's answer: retried (or skipped), or still open with the error of the failed retry. */
export interface DeadLetterOutcome {
  status: 'retried' | 'skipped' | 'open';
  error: string | null;
}

export interface CentralPort {
  /** Rejects with central's refusal (SG020 no reason, SG021 unknown, SG022 already done) or why central cannot be reached. */
  resolveDeadLetter(decision: DeadLetterDecision): Promise<DeadLetterOutcome>;
  /** The supervisor screen's floor-wide figures for device-time hours starting in [from, to); rejects when central cannot answer. */
  dashboardFigures?(from: string, to: string): Promise<CentralDashboard>;
}

/** Floor-wide figures as central's statistics reads return them (src/central/dashboard-read.ts), numbers parsed. */
export interface CentralDashboard {
  /** `central.dashboard(from, to)`: per station and hour, and the floor per hour (`station` null). */
  hours: Array<{ station: string | null; hour: string; packers: number; scans: number; refused: number; containersClosed: number; overrides: number; voids: number }>;
  /** `central.dashboard_now()`: per station and floor (`station` null). */
  now: Array<{ station: string | null; openContainers: number; oldestOpenAt: string | null; unbilled: number }>;
  /** `central.packer_kpis(from, to)`, best adjusted rate first. */
  packers: Array<{ userId: string; activeHours: number; scans: number; ratePerHour: number; misscanRate: number | null; overrides: number; voids: number;
    reversals: number; containersClosed: number; avgChildren: number | null; mixedShare: number | null; manifestLines: number; complexity: number; adjustedRate: number }>;
  /** `central.floor_replication()`: per station, aggregates only. */
  stations: Array<{ station: string; lastIngestAt: string | null; mark: number; localSeq: number | null; seenAt: string | null; unprojected: number;
    oldestUnprojectedAt: string | null; deadLetters: number }>;
}

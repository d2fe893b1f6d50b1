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
}

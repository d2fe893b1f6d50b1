import fs from 'node:fs';
import type { StationConfig } from '../../src/config/schema';
import { databaseFile } from '../../src/store';
import type { CheckResult } from './doctor-checks';

function age(ms: number | null): string {
  if (ms === null) return 'n/a';
  return ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

/**
 * Replication as the station database records it (the queue is measured now; the rest is the
 * worker's last saved status). Not configured is fine; a stuck queue, or an error someone must fix,
 * fails with its reason.
 */
export async function checkReplication(config: StationConfig): Promise<CheckResult> {
  const name = 'replication';
  const configured = Boolean(config.central?.url);
  const file = databaseFile(config.dataDir);
  if (!fs.existsSync(file)) {
    return { name, ok: true, detail: configured ? 'no station database yet: nothing to replicate' : 'not configured (no central section): the station works offline' };
  }
  try {
    const { readReplicationStatus } = await import('../../src/central/doctor');
    const s = readReplicationStatus(file, config.stationId, { configured, stuckAfterMs: config.central?.stuckAfterMs });
    const h = s.centralHealth ?? null;
    const central = h === null ? '; at central: not read yet'
      : `; at central: ${h.unprojected} not yet applied${h.unprojected ? `, oldest ${age(h.oldestUnprojectedAgeMs === null ? null : h.oldestUnprojectedAgeMs + Math.max(0, Date.now() - h.readAt))}` : ''}, `
        + `${h.ingestDeadLetters + h.projectionDeadLetters} quarantined (ingest ${h.ingestDeadLetters}, projection ${h.projectionDeadLetters})`;
    const queue = `${s.queueDepth} events waiting, oldest ${age(s.oldestUnsentAgeMs)}${configured ? central : ''}`;
    if (!configured) return { name, ok: true, detail: `not configured (no central section): the station works offline; ${queue}` };
    const problem = s.lastError ? `last error: ${s.lastError.message}` : s.localWarning ?? '';
    if (s.stuck) return { name, ok: false, detail: `queue stuck: ${queue}, central's mark has not moved${problem ? `; ${problem}` : ''}` };
    if (h && h.ingestDeadLetters + h.projectionDeadLetters > 0) {
      return { name, ok: false, detail: `events quarantined at central, a supervisor must retry or skip them ("station central deadletters list"): ${queue}` };
    }
    if (s.state === 'error' && s.lastError) return { name, ok: false, detail: `${s.lastError.message} (${queue})` };
    return { name, ok: true, detail: `${s.state}: ${queue}, central mark ${s.centralMark ?? 'not seen yet'}${problem ? `; ${problem}` : ''}` };
  } catch (err) {
    return { name, ok: false, detail: `cannot read the replication status from ${file}: ${(err as Error).message ?? String(err)}` };
  }
}

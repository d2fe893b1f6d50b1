import { accept, refuse, type Decision } from '../../core/decision';
import type { EodSummary, Unsynced } from './contract';
import type { Period } from './period';
import { unsyncedWords } from './summary';
import type { CloseRow } from './view';

export interface CloseInput {
  period: Period;
  summary: EodSummary;
  hash: string;
  existing: CloseRow | null;
  /** Null: nothing unsynced; `configured` false: no central at all. */
  unsynced: Unsynced | null;
  centralConfigured: boolean;
  /** The supervisor's reason (the payload's, or the approval's at the override prompt). */
  reason: string | null;
  now: Date;
  trigger: string;
  nameOf(userId: string | null): string | null;
}

const what = (p: Period) => (p.shift ? `Shift ${p.shift} of ${p.date}` : `The day ${p.date}`);

/**
 * Closing a day or shift: once, after it has ended, and only when central has everything, unless a
 * supervisor gives a reason (recorded with what was unsynced).
 */
export function decideClose(i: CloseInput): Decision {
  const name = what(i.period);
  if (i.existing) {
    return refuse(i.trigger, 'command', `${name} was closed already (seq ${i.existing.seq}, ${i.existing.at}, by ${i.nameOf(i.existing.userId) ?? 'unknown'})`);
  }
  if (i.now.toISOString() < i.period.end) return refuse(i.trigger, 'command', `${name} ends at ${i.period.end}: close it after that`);
  if (i.unsynced && !i.reason) {
    return refuse(i.trigger, 'command', `${name} is not closed: ${unsyncedWords(i.unsynced)}. Wait for central, or a supervisor closes it anyway with a reason`);
  }
  const synced = !i.centralConfigured ? 'no central is configured, so nothing is unsynced'
    : i.unsynced ? `closed with ${unsyncedWords(i.unsynced)} (${i.reason})` : 'central has every event';
  return accept(`${name} closed: ${synced}. Summary ${i.hash.slice(0, 12)}`, [{
    type: 'eod.closed',
    payload: {
      date: i.period.date, shift: i.period.shift, summaryHash: i.hash,
      firstSeq: i.summary.range?.firstSeq ?? null, lastSeq: i.summary.range?.lastSeq ?? null, unsynced: i.unsynced, reason: i.reason,
    },
  }]);
}

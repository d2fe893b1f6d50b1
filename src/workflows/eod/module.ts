import fs from 'node:fs/promises';
import path from 'node:path';
import { refuse } from '../../core/decision';
import type { CallContext, Kernel, ModuleRuntime, Views, WorkflowModule } from '../../core/workflow';
import type { StationConfig } from '../../config/schema';
import type { UserView } from '../user/view';
import { eodContract, type EodAnswer, type EodQuery } from './contract';
import { decideClose } from './decide';
import { eodCsv, eodPdf, exportName } from './export';
import { eodMigration } from './migrations.sqlite';
import { periodOf } from './period';
import { createEodProjection } from './projection.sqlite';
import { buildSummary, summaryHash, unsyncedOf } from './summary';
import type { EodView } from './view';
import { createEodView } from './view.sqlite';

/** A user's name from the user view, or their id where this station does not know them. */
export function namesFrom(users: UserView | undefined): (userId: string | null) => string | null {
  return (id) => (id === null ? null : users?.byId(id)?.name ?? id);
}

/** The summary of a day or shift with its close, if any; a string when the date or shift is wrong. */
export function eodAnswer(views: Views, config: Pick<StationConfig, 'stationId' | 'eod'>, q: EodQuery): EodAnswer | string {
  const p = periodOf(q.date, q.shift, config.eod);
  if (!p.ok) return p.message;
  const view = views.eod as EodView;
  const nameOf = namesFrom(views.user as UserView | undefined);
  const summary = buildSummary(view, config.stationId, p.period, nameOf);
  const c = view.closeOf(q.date, q.shift ?? null);
  const shifts = config.eod.shifts.map(({ id, start, end }) => ({ id, start, end }));
  return { ...summary, closed: c ? { seq: c.seq, at: c.at, by: nameOf(c.userId), summaryHash: c.summaryHash, reason: c.reason } : null, shifts };
}

/**
 * End of day: the summary of a day or shift (figures by SQL over its seq range), its close (once,
 * refused while central lacks anything unless a supervisor gives a reason) and its CSV and PDF exports.
 */
export const eodModule: WorkflowModule = {
  id: 'eod',
  // container and weigh: their tables are read (and indexed) here; user: the names
  dependsOn: ['user', 'container', 'weigh'],
  contract: eodContract,
  migrations: [eodMigration],
  createView: (db) => createEodView(db),
  project: (db) => createEodProjection(db),
  start: (kernel) => startEod(kernel),
};

function startEod(kernel: Kernel): ModuleRuntime {
  const refused = (call: CallContext, why: string) => kernel.act(call, 'command', () => refuse(call.trigger, 'command', why));
  const answer = (q: EodQuery) => eodAnswer(kernel.views, kernel.config, q);
  const centralConfigured = Boolean(kernel.config.central?.url);

  async function exportFile(p: EodQuery & { format: 'csv' | 'pdf' }, call: CallContext): Promise<unknown> {
    const a = answer(p);
    if (typeof a === 'string') return refused(call, a);
    const printedAt = kernel.clock().toISOString();
    const file = path.join(kernel.config.dataDir, 'documents', 'eod', exportName(a, p.format));
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, p.format === 'csv' ? eodCsv(a) : await eodPdf(a, printedAt));
    } catch (err) {
      return refused(call, `The end-of-day summary could not be saved: ${(err as Error).message}`);
    }
    const { closed: _closed, shifts: _shifts, ...summary } = a;
    return kernel.act(call, 'command', () => ({
      outcome: 'good', message: `End-of-day summary saved: ${file}`,
      events: [{ type: 'eod.exported', payload: { date: p.date, shift: p.shift ?? null, format: p.format, file, summaryHash: summaryHash(summary) } }],
    }));
  }

  return {
    commands: {
      'eod.close': (p: EodQuery & { reason?: string }, call) => kernel.act(call, 'command', (views) => {
        const period = periodOf(p.date, p.shift, kernel.config.eod);
        if (!period.ok) return refuse(call.trigger, 'command', period.message);
        const view = views.eod as EodView;
        const nameOf = namesFrom(views.user as UserView | undefined);
        // inside the transaction: the summary hashed is exactly what the log holds as the close commits
        const summary = buildSummary(view, kernel.config.stationId, period.period, nameOf);
        const quarantined = kernel.replication?.()?.quarantined ?? null;
        return decideClose({
          period: period.period, summary, hash: summaryHash(summary), existing: view.closeOf(p.date, p.shift ?? null),
          unsynced: unsyncedOf(view, { configured: centralConfigured, quarantined }, kernel.clock()), centralConfigured,
          reason: p.reason ?? call.approval?.reason ?? null, now: kernel.clock(), trigger: call.trigger, nameOf,
        });
      }),
      'eod.export': (p: EodQuery & { format: 'csv' | 'pdf' }, call) => exportFile(p, call),
    },
    queries: {
      'eod.summary': (q: EodQuery) => {
        const a = answer(q);
        if (typeof a === 'string') throw Object.assign(new Error(a), { code: 'invalid' });
        return a;
      },
    },
  };
}

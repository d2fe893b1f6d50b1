import fs from 'node:fs';
import path from 'node:path';
import { databaseFile, openStore } from '../../../src/store';
import { stationRegistry } from '../../../src/workflows';
import type { EodAnswer } from '../../../src/workflows/eod/contract';
import { eodCsv, eodPdf, exportName, figures } from '../../../src/workflows/eod/export';
import { eodAnswer } from '../../../src/workflows/eod/module';
import { EXIT, UsageError, type Command } from '../command';
import { CONFIG_OPTIONS, CONFIG_USAGE, configFromFlags } from '../config-flags';

const USAGE = `--date YYYY-MM-DD [--shift ID] [--format text|csv|pdf] [--out FILE] ${CONFIG_USAGE}`;

/** The summary as plain text: the figures, then each list with who. */
export function eodText(a: EodAnswer): string {
  const lines = [`End of day ${a.date}${a.shift ? `, shift ${a.shift}` : ''} at station ${a.stationId} (${a.period.start} to ${a.period.end}, ${a.timeZone})`];
  if (a.empty) lines.push(a.empty);
  const width = Math.max(...figures(a).map(([k]) => k.length));
  for (const [k, v] of figures(a)) lines.push(`  ${k.padEnd(width)}  ${v}`);
  const list = (title: string, rows: string[]) => { if (rows.length) lines.push(title, ...rows.map((r) => `  ${r}`)); };
  list('Refused:', a.refused.rows.map((r) => `seq ${r.seq} ${r.user ?? 'nobody'}: ${r.code}: ${r.reason}`));
  list('Out of tolerance:', a.outOfTolerance.rows.map((r) => `seq ${r.seq} ${r.container} ${r.grams} g (expected ${r.expectedGrams ?? '?'} g), ${r.user ?? 'nobody'}, accepted by ${r.acceptedBy ?? 'nobody'}`));
  list('Overrides:', a.overrides.rows.map((r) => `seq ${r.seq} ${r.action} asked by ${r.requestedBy ?? 'nobody'}, approved by ${r.approvedBy ?? '?'}: ${r.reason}`));
  list('Voids:', a.voids.rows.map((r) => `seq ${r.seq} ${r.container} by ${r.user ?? 'nobody'}${r.approvedBy ? `, approved by ${r.approvedBy}` : ''}: ${r.reason}`));
  list('Open containers carried over:', a.openContainers.map((o) => `${o.container} (${o.type}, opened at seq ${o.openedSeq})`));
  list('Clock:', a.clock.notes);
  if (a.closed) lines.push(`Closed at seq ${a.closed.seq} (${a.closed.at}) by ${a.closed.by ?? 'unknown'}${a.closed.reason ? `: ${a.closed.reason}` : ''}; summary sha256 ${a.closed.summaryHash}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `station eod --date D [--shift S]`: the end-of-day summary from this station's store, as text, or
 * written as CSV or PDF (to --out, or beside the station's own exports). Reads only: nothing is recorded.
 */
export const eod: Command = {
  name: 'eod',
  summary: 'the end-of-day summary of a day or shift from this station\'s store, as text, CSV or PDF; exit 0 done, 2 a bad date or shift',
  usage: USAGE,
  options: { ...CONFIG_OPTIONS, date: { type: 'string' }, shift: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(values, positionals) {
    if (positionals.length > 0) throw new UsageError(`unexpected "${positionals.join(' ')}": expected station eod ${USAGE}`);
    if (typeof values.date !== 'string') throw new UsageError(`--date is required: station eod ${USAGE}`);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'csv' && format !== 'pdf') throw new UsageError(`--format: "${String(format)}" is not text, csv or pdf`);
    const config = configFromFlags(values);
    const store = openStore({ file: databaseFile(config.dataDir), stationId: config.stationId, registry: stationRegistry(), checkpointIntervalMs: config.store.checkpointIntervalMs });
    let a: EodAnswer | string;
    try {
      a = eodAnswer(store.views, config, { date: values.date, ...(typeof values.shift === 'string' ? { shift: values.shift } : {}) });
    } finally {
      store.close();
    }
    if (typeof a === 'string') throw new UsageError(`--date/--shift: ${a}`);
    if (format === 'text' && values.out === undefined) {
      process.stdout.write(eodText(a));
      return EXIT.ok;
    }
    const out = typeof values.out === 'string' ? values.out : path.join(config.dataDir, 'documents', 'eod', exportName(a, format === 'text' ? 'csv' : format));
    const body = format === 'pdf' ? await eodPdf(a, new Date().toISOString()) : format === 'csv' ? eodCsv(a) : eodText(a);
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, body);
    process.stdout.write(`${out}\n`);
    return EXIT.ok;
  },
};

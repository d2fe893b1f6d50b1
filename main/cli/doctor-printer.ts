import fs from 'node:fs/promises';
import path from 'node:path';
import type { StationConfig } from '../../src/config/schema';
import { createPrinter, notReadyReason } from '../../src/label';
import type { CheckResult } from './doctor-checks';

/**
 * The label printer, when `labels` is configured. A network printer is asked its status once (one
 * `~HS`, within its connect and reply timeouts) and nothing is printed; a file or spool target must be
 * a place the station can write to.
 */
export async function checkPrinter(config: StationConfig): Promise<CheckResult[]> {
  const labels = config.labels;
  if (!labels) return [];
  const target = labels.printer;
  const printer = createPrinter(target);
  const name = 'label printer';
  if (target.kind === 'network') {
    const answer = await printer.status!();
    if (!answer.ok) return [{ name, ok: false, detail: `${printer.description}: ${answer.failure.reason}` }];
    const problem = notReadyReason(answer.status);
    return [{ name, ok: !problem, detail: problem ? `${printer.description} answers but is not ready: ${problem}` : `${printer.description} answers and is ready` }];
  }
  const where = target.kind === 'file' ? path.dirname(target.path) : target.dir;
  const writable = await fs.access(where, fs.constants.W_OK).then(() => null, (err: NodeJS.ErrnoException) => err.code ?? String(err));
  return [{ name, ok: writable === null, detail: writable === null ? `${printer.description}: ${where} is writable` : `${printer.description}: ${where} cannot be written (${writable})` }];
}

import { accept, refuse, type Decision } from '../../core/decision';
import type { DomainEvent } from '../../core/events';
import { ManifestLine, type ManifestEventPayload, type PostingLine } from './contract';
import { describeLine, matchLine, productOf, type ScannedItem } from './match';
import type { Line, Manifest, ManifestView } from './view';

/** A manifest read from a file (src/manifest-import) or sent by central, before it is recorded. */
export type Incoming = Omit<ManifestEventPayload<'manifest.imported'>, 'manifest'> & { manifest: string };

/** Per line, what a posting moves: what was scanned (all of it, once the manifest is complete). */
const postingOf = (lines: readonly Line[]): PostingLine[] => lines.filter((l) => l.scanned > 0).map((l) => ({ line: l.line, product: productOf(l), quantity: l.scanned }));

export function decideImport(view: ManifestView, incoming: Incoming, trigger: string): Decision {
  const known = view.manifest(incoming.manifest);
  if (known) return refuse(trigger, 'command', `Manifest ${incoming.manifest} is here already (${known.status}, ${known.lines} lines): it is not imported twice`);
  const units = incoming.lines.reduce((n, l) => n + l.quantity, 0);
  return accept(`Manifest ${incoming.manifest} imported from ${incoming.source.file}: ${incoming.lines.length} lines, ${units} items`,
    [{ type: 'manifest.imported', payload: incoming }]);
}

/** A central manifest's lines, checked against the contract before they are taken (central's data is input too). */
export function incomingFromCentral(sent: { manifest: string; reference: string; warehouse: string; direction: string; lines: unknown[] }): Incoming | string {
  const lines = ManifestLine.array().min(1).safeParse(sent.lines);
  if (!lines.success) {
    // name the line as the manifest numbers it, else its place in the list
    const lineOf = (i: number) => ((sent.lines[i] as { line?: unknown } | undefined)?.line ?? i + 1);
    const words = lines.error.issues.slice(0, 3).map((i) => (typeof i.path[0] === 'number' ? `line ${String(lineOf(i.path[0]))}, field ${i.path.slice(1).join('.')}: ${i.message}` : i.message));
    return `Manifest ${sent.manifest} from central is not valid: ${words.join('; ')}`;
  }
  if (sent.direction !== 'out' && sent.direction !== 'in') return `Manifest ${sent.manifest} from central has direction "${sent.direction}": out or in`;
  return { manifest: sent.manifest, reference: sent.reference, warehouse: sent.warehouse, direction: sent.direction, source: { file: 'central', format: 'central' }, lines: lines.data };
}

export function decideOpen(m: Manifest | null, id: string, trigger: string): Decision {
  if (!m) return refuse(trigger, 'command', `There is no manifest ${id} here or at central`);
  if (m.status === 'completed' || m.status === 'closed-short') return refuse(trigger, 'command', `Manifest ${id} is ${m.status} already`);
  const events: DomainEvent[] = m.status === 'open' ? [{ type: 'manifest.opened', payload: { manifest: id } }] : [];
  return accept(`Manifest ${id}: ${m.scanned} of ${m.expected} scanned. Scan the items`, events);
}

/** One scan against the manifest in hand: counted on its line, and the last one completes the manifest. */
export function decideVerify(view: ManifestView, m: Manifest, item: ScannedItem, code: string): Decision {
  const candidates = item.gtin ? view.linesFor(m.manifest, { gtin: item.gtin }) : [];
  const byCode = candidates.length > 0 ? candidates : view.linesFor(m.manifest, { code: item.code });
  const match = matchLine(item, byCode, m.manifest);
  if ('refused' in match) return refuse(code, 'item', match.refused);
  const { line } = match;
  const events: DomainEvent[] = [{ type: 'manifest.verified', payload: { manifest: m.manifest, line: line.line, code } }];
  const scanned = m.scanned + 1;
  if (scanned < m.expected) {
    return accept(`${describeLine(line)}: ${line.scanned + 1} of ${line.quantity} · ${scanned} of ${m.expected} in all`, events);
  }
  const lines = view.lines(m.manifest).map((l) => (l.line === line.line ? { ...l, scanned: l.scanned + 1 } : l));
  events.push({ type: 'manifest.completed', payload: { manifest: m.manifest, warehouse: m.warehouse, direction: m.direction, lines: postingOf(lines) } });
  return accept(`Manifest ${m.manifest} complete: ${scanned} of ${m.expected}. Stock is posted at central`, events);
}

export function decideCloseShort(view: ManifestView, id: string, reason: string, trigger: string): Decision {
  const m = view.manifest(id);
  if (!m) return refuse(trigger, 'command', `There is no manifest ${id} here`);
  if (m.status === 'completed' || m.status === 'closed-short') return refuse(trigger, 'command', `Manifest ${id} is ${m.status} already`);
  const short = view.lines(id).filter((l) => l.scanned < l.quantity);
  const missing = short.reduce((n, l) => n + l.quantity - l.scanned, 0);
  return accept(`Manifest ${id} closed short: ${missing} item${missing === 1 ? '' : 's'} on ${short.length} line${short.length === 1 ? '' : 's'} not scanned`, [{
    type: 'manifest.closed_short', payload: { manifest: id, warehouse: m.warehouse, direction: m.direction, reason, lines: postingOf(view.lines(id)) },
  }]);
}

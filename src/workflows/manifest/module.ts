import { refuse, type Decision } from '../../core/decision';
import type { CallContext, Kernel, ModuleRuntime, RequestHandler, ScanHandler, Views, WorkflowModule } from '../../core/workflow';
import { describe as describeError, parseManifestFile } from '../../manifest-import';
import type { SessionView } from '../session/view';
import { ManifestId, manifestContract, type ManifestSlice } from './contract';
import { decideCloseShort, decideImport, decideOpen, decideVerify, incomingFromCentral, type Incoming } from './decide';
import { itemOf, productOf } from './match';
import { manifestMigration } from './migrations.sqlite';
import { createManifestProjection } from './projection.sqlite';
import type { ManifestView } from './view';
import { createManifestView } from './view.sqlite';
import { startWeightCheck } from './weight-check';

const manifestsOf = (views: Views) => views.manifest as ManifestView;
const sessionOf = (views: Views) => (views.session as SessionView | undefined)?.current()?.sessionId ?? null;
/** Lines the screen shows at once: those still short first (a 5,000-line manifest is not pushed whole on every scan). */
const SHOWN_LINES = 60;
const ERRORS_SHOWN = 5;
/** How often the slice looks whether central's stock or manifests were pulled (the worker writes them; no event says so). */
export const REFERENCE_WATCH_MS = 2_000;

/**
 * Manifests (scan-to-verify): imported from CSV or XLSX (admin screen or CLI) or taken from central's
 * reference data; a packer opens one and scans against it. Each scan counts on its line, an unknown
 * item or an over-scan is refused, and the last scan completes it, which posts stock at central.
 * A supervisor may close it short. With a scale and unit weights, the goods are weighed once complete.
 */
export const manifestModule: WorkflowModule = {
  id: 'manifest',
  dependsOn: ['session'],
  contract: manifestContract,
  migrations: [manifestMigration],
  createView: (db) => createManifestView(db),
  project: (db) => createManifestProjection(db),
  start: (kernel) => startManifests(kernel),
};

/** A file's manifest as it would be recorded, or the refusal naming file, line and field. */
export async function readManifestFile(file: string, bytes: Buffer, maxBytes: number): Promise<Incoming | string> {
  const parsed = await parseManifestFile({ name: file, bytes }, { maxBytes });
  if (!parsed.ok) {
    const shown = parsed.errors.slice(0, ERRORS_SHOWN).map(describeError).join('; ');
    return parsed.errors.length > ERRORS_SHOWN ? `${shown}; and ${parsed.errors.length - ERRORS_SHOWN} more` : shown;
  }
  const id = ManifestId.safeParse(parsed.reference);
  if (!id.success) return `${file}: the reference "${parsed.reference}" cannot be a manifest id (${id.error.issues[0]!.message})`;
  return { manifest: id.data, reference: parsed.reference, warehouse: parsed.warehouse, direction: parsed.direction, source: { file, format: parsed.format }, lines: parsed.lines };
}

function startManifests(kernel: Kernel): ModuleRuntime {
  const config = kernel.config.manifests;
  let current: { manifest: string; session: string | null } | null = null;
  const inHand = (views: Views) => (current && current.session === sessionOf(views) ? current.manifest : null);
  const act = (call: CallContext, decide: (views: Views) => Decision) => kernel.act(call, 'command', (views) => ({ ...decide(views), touches: ['manifest'] }));
  const weightCheck = startWeightCheck(kernel);
  // The stock on the lines and central's manifests in the list come with the reference pull, which
  // records no event: without this the screen would show them only after the next scan.
  let mark = manifestsOf(kernel.views).referenceMark();
  const watch = setInterval(() => {
    try {
      const next = manifestsOf(kernel.views).referenceMark();
      if (next !== mark) kernel.touch('manifest');
      mark = next;
    } catch (err) {
      kernel.logger.warn('cannot read the reference checkpoints', { error: String(err) });
    }
  }, REFERENCE_WATCH_MS);
  watch.unref();

  const verify: ScanHandler = {
    permission: 'manifest.verify',
    decide: (views, scan) => {
      const view = manifestsOf(views);
      const m = view.manifest(inHand(views)!)!;
      const d = decideVerify(view, m, itemOf(scan, kernel.clock().getUTCFullYear()), scan.key);
      const completed = d.events.some((e) => e.type === 'manifest.completed');
      return { ...d, touches: ['manifest'], effect: completed ? () => weightCheck.completed(m.manifest) : undefined };
    },
  };

  const commands: Record<string, RequestHandler> = {
    'manifest.import': async (p: { file: string; format: 'csv' | 'xlsx'; contentBase64: string }, call) => {
      const incoming = await readManifestFile(p.file, Buffer.from(p.contentBase64, 'base64'), config.maxBytes);
      if (typeof incoming === 'string') return act(call, () => refuse(call.trigger, 'command', incoming));
      return act(call, (views) => decideImport(manifestsOf(views), incoming, call.trigger));
    },
    'manifest.open': (p: { manifest: string }, call) => act(call, (views) => {
      const view = manifestsOf(views);
      const sent = view.manifest(p.manifest) ? null : view.central(p.manifest);
      const take = (d: Decision): Decision => (d.outcome === 'good' ? { ...d, effect: () => { current = { manifest: p.manifest, session: sessionOf(kernel.views) }; } } : d);
      if (!sent) return take(decideOpen(view.manifest(p.manifest), p.manifest, call.trigger));
      // central's manifest is recorded here first, so its lines are in this station's log with the scans
      const incoming = incomingFromCentral(sent);
      if (typeof incoming === 'string') return refuse(call.trigger, 'command', incoming);
      const imported = decideImport(view, incoming, call.trigger);
      return take({ ...imported, message: `Manifest ${p.manifest} from central: 0 of ${incoming.lines.reduce((n, l) => n + l.quantity, 0)} scanned. Scan the items`,
        events: [...imported.events, { type: 'manifest.opened', payload: { manifest: p.manifest } }] });
    }),
    'manifest.put_down': (_p: unknown, call) => act(call, (views) => {
      const id = inHand(views);
      if (!id) return refuse(call.trigger, 'command', 'No manifest in hand');
      return { outcome: 'good', message: `Manifest ${id} put down: the scanner packs again`, events: [], effect: () => { current = null; } };
    }),
    'manifest.close_short': (p: { manifest: string; reason?: string }, call) => act(call, (views) =>
      decideCloseShort(manifestsOf(views), p.manifest, p.reason ?? call.approval?.reason ?? '', call.trigger)),
  };

  return {
    capture: () => {
      const id = inHand(kernel.views);
      return id && manifestsOf(kernel.views).manifest(id)?.status === 'verifying' ? verify : null;
    },
    commandBarcodes: { MANIFEST_PUT_DOWN: 'manifest.put_down' },
    commands,
    slice: (): ManifestSlice => manifestSlice(manifestsOf(kernel.views), inHand(kernel.views), weightCheck.expected),
    stop: () => { clearInterval(watch); weightCheck.stop(); },
  };
}

function manifestSlice(view: ManifestView, id: string | null, expectedGrams: (id: string) => number | null): ManifestSlice {
  const m = id ? view.manifest(id) : null;
  const expected = m ? expectedGrams(m.manifest) : null;
  const weighed = m && expected !== null ? view.lastWeighing(m.manifest) : null;
  return {
    current: m ? {
      manifest: m.manifest, reference: m.reference, warehouse: m.warehouse, direction: m.direction, status: m.status, expected: m.expected, scanned: m.scanned,
      lines: view.progress(m.manifest, SHOWN_LINES).map((l) => ({
        line: l.line, product: productOf(l), description: l.description, lot: l.lot, expiry: l.expiry, expected: l.quantity, scanned: l.scanned,
        stock: view.stock(m.warehouse, productOf(l)),
      })),
      weight: expected === null ? null : { expectedGrams: expected, grams: weighed?.grams ?? null, within: weighed?.within ?? null },
    } : null,
    available: [
      ...view.recent(50).filter((r) => r.status === 'open' || r.status === 'verifying').map((r) => ({ manifest: r.manifest, reference: r.reference, lines: r.lines, status: r.status })),
      ...view.centralAvailable(50).map((r) => ({ ...r, status: 'open' as const })),
    ].slice(0, 50),
  };
}

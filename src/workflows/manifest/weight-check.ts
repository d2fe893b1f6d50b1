import { refuse, type Decision } from '../../core/decision';
import type { CallContext, Kernel } from '../../core/workflow';
import { judgeWeight } from '../weigh/decide';
import { kg } from '../../scale/kg';
import type { ManifestView } from './view';

const manifestsOf = (kernel: Kernel) => kernel.views.manifest as ManifestView;

/**
 * The weight check of a completed manifest: where every line carries a unit weight and a scale is
 * configured, the packed goods are weighed once and compared with the sum of quantity × unit weight,
 * within the scale's tolerance. Out of tolerance is a refusal that stays on screen until acknowledged;
 * the stock posting is not held back by it (the manifest is complete), so a supervisor checks the pack.
 */
export function startWeightCheck(kernel: Kernel): { completed(manifest: string): void; expected(manifest: string): number | null; stop(): void } {
  const config = kernel.config.manifests;
  const scaleConfig = config.scale === false ? undefined
    : config.scale === undefined ? kernel.config.scales?.[0] : kernel.config.scales?.find((s) => s.id === config.scale);
  const aborts = new Set<AbortController>();
  const expected = (manifest: string): number | null => {
    if (!scaleConfig) return null;
    const lines = manifestsOf(kernel).lines(manifest);
    if (lines.length === 0 || lines.some((l) => l.unitWeightG === null)) return null;
    return Math.round(lines.reduce((g, l) => g + l.quantity * l.unitWeightG!, 0) * 1000) / 1000;
  };
  const call = (manifest: string): CallContext => ({ actor: null, deviceId: scaleConfig?.id ?? 'scale', correlationId: `weigh-${manifest}`, trigger: manifest, approval: null });

  async function weigh(manifest: string): Promise<void> {
    const want = expected(manifest);
    const scale = scaleConfig ? kernel.scale(scaleConfig.id) : null;
    if (want === null || !scaleConfig) return;
    const abort = new AbortController();
    aborts.add(abort);
    const result = scale ? await scale.weigh({ timeoutMs: config.timeoutMs, signal: abort.signal }).finally(() => aborts.delete(abort)) : null;
    if (abort.signal.aborted) return;
    kernel.act(call(manifest), 'command', (): Decision => {
      if (!result?.ok) return refuse(manifest, 'command', `Manifest ${manifest} could not be weighed: ${result ? result.detail : `scale ${scaleConfig.id} is not attached`}. Check the pack's weight by hand`);
      const v = judgeWeight(result.grams, want, null, scaleConfig.tolerance);
      const tolerance = v.toleranceGrams ?? 0;
      const events = [{ type: 'manifest.weighed', payload: { manifest, grams: result.grams, expectedGrams: want, toleranceGrams: tolerance, within: v.within } }];
      const words = `Manifest ${manifest} weighs ${kg(result.grams)} (expected ${kg(want)} ± ${kg(tolerance)})`;
      return v.within ? { outcome: 'good', message: words, events, touches: ['manifest'] }
        : { outcome: 'bad', message: `${words}: ${v.verdict}. A supervisor checks the pack`, events, touches: ['manifest'] };
    });
  }
  return {
    completed: (manifest) => { void weigh(manifest).catch((err: unknown) => kernel.logger.error('the manifest weight check failed', { manifest, error: String(err) })); },
    expected,
    stop: () => { for (const a of aborts) a.abort(); },
  };
}

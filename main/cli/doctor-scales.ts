import type { StationConfig } from '../../src/config/schema';
import type { ScaleConfig } from '../../src/scale/config';
import type { ScaleStatusName } from '../../src/scale/port';
import type { CheckResult } from './doctor-checks';

/** What each scale status means to whoever reads the doctor's report. */
const ADVICE: Record<ScaleStatusName, string> = {
  connected: 'answers with a steady weight',
  unstable: 'answers, but the weight is not steady: is something moving on it?',
  overload: 'answers: over its range (take the load off)',
  underload: 'answers: under zero (zero the scale with the pan empty)',
  'no-reply': 'opens but does not answer: check the protocol, the line settings and the cable',
  disconnected: 'is not there: is the scale plugged in and switched on?',
  'permission-denied': 'may not be opened by this user (add it to the dialout group)',
  error: 'cannot be opened',
};

/**
 * Each configured scale, asked once: its port opened and a steady weight requested, within about
 * two reply timeouts. A scale the running station holds open is reported as in use: its chip on the
 * station's screen is the live status then.
 */
export async function checkScale(scale: ScaleConfig): Promise<CheckResult> {
  const name = `scale ${scale.id}`;
  const { ScaleTransport } = await import('../../native/scale');
  const { createLogger } = await import('../../src/log/logger');
  const port = new ScaleTransport({ ...scale, idlePollMs: 0 }, { logger: createLogger({ level: 'error' }) });
  try {
    await port.start();
    const opened = port.status();
    if (opened.status !== 'connected') {
      const busy = /busy|lock|in use/i.test(opened.detail);
      return { name, ok: false, detail: busy ? `${scale.path} is in use (the running station holds it: see its screen)` : `${scale.path} ${ADVICE[opened.status]} — ${opened.detail}` };
    }
    const weight = await port.weigh({ timeoutMs: 2 * scale.replyTimeoutMs + 500 });
    if (weight.ok) return { name, ok: true, detail: `${scale.path} (${scale.protocol}) ${ADVICE.connected}: ${weight.grams} g` };
    const status = weight.reason === 'busy' || weight.reason === 'error' ? 'error' : weight.reason;
    return { name, ok: false, detail: `${scale.path} (${scale.protocol}) ${ADVICE[status]} — ${weight.detail}` };
  } finally {
    await port.stop();
  }
}

export async function checkScales(config: StationConfig): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  for (const scale of config.scales ?? []) checks.push(await checkScale(scale));
  return checks;
}

import { ConfigError } from '../../../src/config/load';
import type { StationConfig } from '../../../src/config/schema';
import { EXIT, type Command } from '../command';
import { CONFIG_OPTIONS, CONFIG_USAGE, configFromFlags } from '../config-flags';
import { checkDatabase, checkDataDir, checkFreeDisk, type CheckResult } from '../doctor-checks';
import { checkReplication } from '../doctor-replication';
import { doctorHealthReport } from '../doctor-health';
import { checkPrinter } from '../doctor-printer';
import { checkScales } from '../doctor-scales';
import { checkScanners } from '../doctor-scanners';
import { formatHealthReport, type HealthReport } from '../../../src/health-report';

/** Checks that a station can start and take scans; exit 0 when healthy, 1 with each failure's reason. */
export const doctor: Command = {
  name: 'doctor',
  summary: 'check the config, data folder, database integrity, free disk, replication and scanner devices',
  usage: `${CONFIG_USAGE} [--json]`,
  options: { ...CONFIG_OPTIONS, json: { type: 'boolean' } },
  async run(values) {
    const checks: CheckResult[] = [];
    let config: StationConfig | null = null;
    try {
      config = configFromFlags(values);
      checks.push({ name: 'config', ok: true, detail: typeof values.config === 'string' ? `${values.config} is valid` : 'defaults (no config file)' });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      checks.push({ name: 'config', ok: false, detail: err.message });
    }
    if (config) checks.push(checkDataDir(config), checkDatabase(config), checkFreeDisk(config), await checkReplication(config), ...await checkScanners(config), ...await checkScales(config), ...await checkPrinter(config));
    const healthy = config !== null && checks.every((c) => c.ok);
    // The same report as the running station's GET /health, from the probes above (doctor-health.ts).
    const health: HealthReport | null = config ? await doctorHealthReport(config, checks) : null;

    if (values.json) {
      process.stdout.write(`${JSON.stringify({ healthy, checks, health }, null, 2)}\n`);
    } else {
      for (const c of checks) process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail.replace(/\n/g, '\n     ')}\n`);
      if (!config) process.stdout.write('skip data folder, database, free disk, replication, scanners: need a valid config\n');
      if (health) process.stdout.write(`${formatHealthReport(health).join('\n')}\n`);
      process.stdout.write(healthy ? 'healthy\n' : 'NOT healthy\n');
    }
    return healthy ? EXIT.ok : EXIT.failed;
  },
};

import fs from 'node:fs';
import path from 'node:path';
import { contextFor } from '../../../src/core/events';
import { uuidv7 } from '../../../src/ids';
import { describe as describeError, parseManifestFile } from '../../../src/manifest-import';
import { databaseFile, openStore } from '../../../src/store';
import { stationRegistry } from '../../../src/workflows';
import { decideImport } from '../../../src/workflows/manifest/decide';
import { readManifestFile } from '../../../src/workflows/manifest/module';
import type { ManifestView } from '../../../src/workflows/manifest/view';
import { EXIT, UsageError, type Command } from '../command';
import { CONFIG_OPTIONS, CONFIG_USAGE, configFromFlags } from '../config-flags';

const USAGE = `check FILE [--max-bytes N] [--json] | import FILE ${CONFIG_USAGE}`;

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/**
 * `station manifests check FILE`: reads a manifest file exactly as an import would and prints what it
 * holds, or every problem (file, line, column). Nothing is recorded. Exit 0 readable, 1 refused.
 * `station manifests import FILE`: the same read, then the manifest is recorded in this station's store
 * (as the admin screen's import does; audited with the device `cli`). A running station sees it at once.
 */
export const manifests: Command = {
  name: 'manifests',
  summary: 'check a manifest file (.csv or .xlsx) as an import would read it, or import it into this station; exit 0 done, 1 refused',
  usage: USAGE,
  options: { ...CONFIG_OPTIONS, 'max-bytes': { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals) {
    const [sub, file, ...extra] = positionals;
    if ((sub !== 'check' && sub !== 'import') || !file || extra.length > 0) throw new UsageError(`expected: station manifests ${USAGE}`);
    const config = configFromFlags(values);
    const maxBytes = values['max-bytes'] === undefined ? config.manifests.maxBytes : Number(values['max-bytes']);
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new UsageError(`--max-bytes: "${String(values['max-bytes'])}" is not a positive whole number`);
    const bytes = readFile(file);
    const name = path.basename(file);
    if (sub === 'import') return importFile(name, bytes, maxBytes, config);

    const result = await parseManifestFile({ name, bytes }, { maxBytes });
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else if (result.ok) {
      const units = result.lines.reduce((n, l) => n + l.quantity, 0);
      process.stdout.write(`${name}: ${result.format}, manifest ${result.reference}, warehouse ${result.warehouse}, direction ${result.direction}: ${result.lines.length} lines, ${units} items\n`);
    } else {
      process.stdout.write(`${result.errors.map(describeError).join('\n')}\n`);
    }
    return result.ok ? EXIT.ok : EXIT.failed;
  },
};

async function importFile(name: string, bytes: Buffer, maxBytes: number, config: ReturnType<typeof configFromFlags>): Promise<number> {
  const incoming = await readManifestFile(name, bytes, maxBytes);
  if (typeof incoming === 'string') {
    process.stderr.write(`station: ${incoming}\n`);
    return EXIT.failed;
  }
  const store = openStore({ file: databaseFile(config.dataDir), stationId: config.stationId, registry: stationRegistry(), checkpointIntervalMs: config.store.checkpointIntervalMs });
  try {
    const { decision } = store.record((views) => decideImport(views.manifest as ManifestView, incoming, name), contextFor(null, uuidv7(), 'cli'));
    (decision.outcome === 'good' ? process.stdout : process.stderr).write(`${decision.outcome === 'good' ? '' : 'station: '}${decision.message}\n`);
    return decision.outcome === 'good' ? EXIT.ok : EXIT.failed;
  } finally {
    store.close();
  }
}

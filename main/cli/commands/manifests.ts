import fs from 'node:fs';
import path from 'node:path';
import { describe as describeError, parseManifestFile } from '../../../src/manifest-import';
import { EXIT, UsageError, type Command } from '../command';

/** The same ceiling as the `manifest.import` command's payload (30 MB of base64). */
const DEFAULT_MAX_BYTES = 22 * 1024 * 1024;

/**
 * `station manifests check FILE`: reads a manifest file exactly as an import would and prints what it
 * holds, or every problem (file, line, column). Nothing is recorded. Exit 0 readable, 1 refused.
 */
export const manifests: Command = {
  name: 'manifests',
  summary: 'check a manifest file (.csv or .xlsx) as an import would read it, without importing; exit 0 readable, 1 refused',
  usage: 'check FILE [--max-bytes N] [--json]',
  options: { 'max-bytes': { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals) {
    const [sub, file, ...extra] = positionals;
    if (sub !== 'check' || !file || extra.length > 0) throw new UsageError('expected: station manifests check FILE [--max-bytes N] [--json]');
    const maxBytes = values['max-bytes'] === undefined ? DEFAULT_MAX_BYTES : Number(values['max-bytes']);
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new UsageError(`--max-bytes: "${String(values['max-bytes'])}" is not a positive whole number`);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
    const result = await parseManifestFile({ name: path.basename(file), bytes }, { maxBytes });
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else if (result.ok) {
      const units = result.lines.reduce((n, l) => n + l.quantity, 0);
      process.stdout.write(`${path.basename(file)}: ${result.format}, manifest ${result.reference}, warehouse ${result.warehouse}, direction ${result.direction}: ${result.lines.length} lines, ${units} items\n`);
    } else {
      process.stdout.write(`${result.errors.map(describeError).join('\n')}\n`);
    }
    return result.ok ? EXIT.ok : EXIT.failed;
  },
};

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FilePrinter, SpoolPrinter, createPrinter, renderLabel, requestJob, retryJob, sendJob, type PrintJob, type PrintResult, type SpoolFs } from '../../../src/label';

const JOB = '0193a5c2-7d4e-7f00-8a1b-2c3d4e5f6a7b';
const JOB2 = '0193a5c2-7d4e-7f00-8a1b-2c3d4e5f6a7c';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'label-it-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function label(jobId: string): string {
  return renderLabel({ jobId, containerCode: 'P-1001', containerType: 'bag', childCount: 2, weightGrams: 800, stationId: 'pack-07', packer: 'Ana', at: new Date('2026-12-01T23:55:00Z') }, { timeZone: 'UTC' });
}

function failure(result: PrintResult) {
  if (result.ok) throw new Error(`printed: ${JSON.stringify(result)}`);
  return result.failure;
}

/** An error as the file system gives it. */
function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('file target', () => {
  test('appends each label to the file', async () => {
    const file = path.join(dir, 'labels.zpl');
    const printer = createPrinter({ kind: 'file', path: file });
    expect(printer.description).toBe(`file ${file}`);
    expect(await printer.print({ jobId: JOB, zpl: label(JOB) })).toEqual({ ok: true, target: `file ${file}` });
    expect(await printer.print({ jobId: JOB2, zpl: label(JOB2) })).toMatchObject({ ok: true });
    expect(fs.readFileSync(file, 'utf8')).toBe(label(JOB) + label(JOB2));
  });

  test('a missing folder, a folder as the file: specific reasons, nothing delivered', async () => {
    const missing = path.join(dir, 'nope', 'labels.zpl');
    expect(failure(await new FilePrinter(missing).print({ jobId: JOB, zpl: label(JOB) }))).toEqual({ kind: 'io-error', reason: `the folder for ${missing} does not exist`, delivered: 'no' });
    expect(failure(await new FilePrinter(dir).print({ jobId: JOB, zpl: label(JOB) }))).toMatchObject({ reason: `${dir} is a folder, not a file`, delivered: 'no' });
  });

  test('a regular file on a full disk is cut back to where it was: no half label stays, nothing delivered', async () => {
    const file = path.join(dir, 'labels.zpl');
    fs.writeFileSync(file, label(JOB));
    const handle = await fs.promises.open(file, 'r');
    const proto = Object.getPrototypeOf(handle) as fs.promises.FileHandle;
    await handle.close();
    const spy = jest.spyOn(proto, 'writeFile').mockImplementation(async function (this: fs.promises.FileHandle, data) {
      await this.write(String(data).slice(0, 20));
      throw fsError('ENOSPC');
    });
    try {
      expect(failure(await new FilePrinter(file).print({ jobId: JOB2, zpl: label(JOB2) }))).toEqual({ kind: 'io-error', reason: `no space left for ${file} (disk full)`, delivered: 'no' });
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(file, 'utf8')).toBe(label(JOB));
  });

  const full = fs.existsSync('/dev/full') ? test : test.skip;
  full('a full device (/dev/full): "no space left", and it may have taken part of the label', async () => {
    expect(failure(await new FilePrinter('/dev/full').print({ jobId: JOB, zpl: label(JOB) }))).toEqual({ kind: 'io-error', reason: 'no space left for /dev/full (disk full)', delivered: 'maybe' });
  });
});

describe('spool folder', () => {
  const spooled = (): string[] => fs.readdirSync(dir).sort();

  test('one label-<job id>.zpl per job, written whole, no temp file left', async () => {
    const printer = new SpoolPrinter(dir);
    expect(await printer.print({ jobId: JOB, zpl: label(JOB) })).toEqual({ ok: true, target: `spool folder ${dir}` });
    expect(spooled()).toEqual([`label-${JOB}.zpl`]);
    expect(fs.readFileSync(path.join(dir, `label-${JOB}.zpl`), 'utf8')).toBe(label(JOB));
  });

  test('a job already in the folder is not written again', async () => {
    const printer = new SpoolPrinter(dir);
    await printer.print({ jobId: JOB, zpl: label(JOB) });
    fs.writeFileSync(path.join(dir, `label-${JOB}.zpl`), 'picked up and marked');
    expect(await printer.print({ jobId: JOB, zpl: label(JOB) })).toMatchObject({ ok: true, note: 'already in the spool folder' });
    expect(fs.readFileSync(path.join(dir, `label-${JOB}.zpl`), 'utf8')).toBe('picked up and marked');
  });

  test('a missing folder, a file where the folder should be', async () => {
    const missing = path.join(dir, 'spool');
    expect(failure(await new SpoolPrinter(missing).print({ jobId: JOB, zpl: label(JOB) }))).toEqual({ kind: 'io-error', reason: `the folder for ${missing} does not exist`, delivered: 'no' });
    const notADir = path.join(dir, 'file');
    fs.writeFileSync(notADir, '');
    expect(failure(await new SpoolPrinter(notADir).print({ jobId: JOB, zpl: label(JOB) })).reason).toBe(`a part of ${notADir} is not a folder`);
  });

  // As root a folder's mode does not stop writes; the injected EACCES below covers that case there.
  const unprivileged = process.getuid?.() !== 0 ? test : test.skip;
  unprivileged('a read-only folder: "no permission to write"', async () => {
    fs.chmodSync(dir, 0o555);
    try {
      expect(failure(await new SpoolPrinter(dir).print({ jobId: JOB, zpl: label(JOB) })).reason).toBe(`no permission to write ${dir}`);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });

  /** The real file system, but for one operation that fails as a full or read-only disk would. */
  function failing(op: 'writeFile' | 'rename', code: string): SpoolFs & { removed: string[] } {
    const removed: string[] = [];
    return {
      removed,
      access: (file) => fs.promises.access(file),
      writeFile: async (file, data, options) => {
        await fs.promises.writeFile(file, op === 'writeFile' ? data.slice(0, 10) : data, options);
        if (op === 'writeFile') throw fsError(code);
      },
      rename: async (from, to) => {
        if (op === 'rename') throw fsError(code);
        await fs.promises.rename(from, to);
      },
      rm: async (file, options) => {
        removed.push(path.basename(file));
        await fs.promises.rm(file, options);
      },
    };
  }

  test.each([
    ['writeFile', 'ENOSPC', 'no space left for DIR (disk full)'],
    ['writeFile', 'EDQUOT', 'the disk quota for DIR is used up'],
    ['rename', 'EROFS', 'DIR is on a read-only file system'],
    ['writeFile', 'EACCES', 'no permission to write DIR'],
  ] as const)('%s fails with %s: "%s", the half-written temp file removed, no label in the folder', async (op, code, reason) => {
    const files = failing(op, code);
    expect(failure(await new SpoolPrinter(dir, files).print({ jobId: JOB, zpl: label(JOB) }))).toEqual({ kind: 'io-error', reason: reason.replace('DIR', dir), delivered: 'no' });
    expect(files.removed).toHaveLength(1);
    expect(files.removed[0]).toMatch(new RegExp(`^\\.label-${JOB}\\..+\\.tmp$`));
    expect(spooled()).toEqual([]);
  });

  test('a job that failed on a full disk is spooled exactly once after a retry', async () => {
    const created = requestJob({ jobId: JOB, containerCode: 'P-1001', containerType: 'bag', zpl: label(JOB), at: '2026-12-01T23:55:00.000Z', by: 'u-ana' });
    if (!created.ok) throw new Error(created.refusal);
    const failed = await sendJob(new SpoolPrinter(dir, failing('writeFile', 'ENOSPC')), created.job);
    expect(failed.state).toMatchObject({ status: 'failed', reason: `no space left for ${dir} (disk full)` });
    const retried = retryJob(failed);
    if (!retried.ok) throw new Error(retried.refusal);
    const sent: PrintJob = await sendJob(new SpoolPrinter(dir), retried.job);
    expect(sent.state.status).toBe('sent');
    expect(spooled()).toEqual([`label-${JOB}.zpl`]);
  });

  test('a job id that cannot name a file is refused', async () => {
    expect(failure(await new SpoolPrinter(dir).print({ jobId: '../escape', zpl: 'x' })).reason).toBe('the job id "../escape" cannot name a spool file');
  });
});

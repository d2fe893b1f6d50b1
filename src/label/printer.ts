import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { PrinterTarget } from './config';
import { HostStatusError, hostStatusEnd, notReadyReason, parseHostStatus, type HostStatus } from './host-status';

/**
 * Where labels go, behind one interface: a network printer (raw TCP, port 9100), a file or device,
 * or a spool folder. Nothing here throws for a printer that is off, slow, out of paper or a folder
 * that is full: the result says what happened, in words, and whether the label may have got out.
 */
export interface LabelPrinter {
  /** For messages and logs, e.g. "printer 10.0.7.21:9100". */
  readonly description: string;
  /** Sends one label. */
  print(job: PrintRequest): Promise<PrintResult>;
  /** Asks the printer's status without printing (network printers only). */
  status?(): Promise<StatusResult>;
}

export interface PrintRequest {
  jobId: string;
  zpl: string;
}

/**
 * Whether the label can have reached the printer: `no` when the failure came before a byte of the
 * label left (a retry cannot print twice), `maybe` when it came after (a retry might).
 */
export type Delivered = 'no' | 'maybe';

export type PrintFailureKind = 'unreachable' | 'timeout' | 'not-ready' | 'bad-status' | 'connection-lost' | 'io-error';

export interface PrintFailure {
  kind: PrintFailureKind;
  /** In words, for the packer: "printer is off or unreachable", "paper out" … */
  reason: string;
  delivered: Delivered;
  /** The printer's status when it gave one. */
  status?: HostStatus;
}

export type PrintResult =
  | { ok: true; target: string; status?: HostStatus; note?: string }
  | { ok: false; target: string; failure: PrintFailure };

export type StatusResult = { ok: true; status: HostStatus } | { ok: false; failure: PrintFailure };

export function createPrinter(target: PrinterTarget): LabelPrinter {
  switch (target.kind) {
    case 'network': return new NetworkPrinter(target);
    case 'file': return new FilePrinter(target.path);
    case 'spool': return new SpoolPrinter(target.dir);
  }
}

/** "3 s", "0.25 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** A failure on the way, carrying what it means for the job. */
class Stop extends Error {
  constructor(readonly failure: PrintFailure) {
    super(failure.reason);
  }
}

const stop = (kind: PrintFailureKind, reason: string, delivered: Delivered, status?: HostStatus): Stop =>
  new Stop(status ? { kind, reason, delivered, status } : { kind, reason, delivered });

export interface NetworkPrinterOptions {
  host: string;
  port: number;
  connectTimeoutMs: number;
  replyTimeoutMs: number;
  writeTimeoutMs: number;
}

/** Opens the TCP connection (tests pass one that never connects). */
export type Dial = (host: string, port: number) => net.Socket;

const dialTcp: Dial = (host, port) => net.createConnection({ host, port });

/**
 * A ZPL printer on raw TCP. One label is one connection:
 *
 * 1. connect (`connectTimeoutMs`);
 * 2. `~HS`, and refuse to print unless the status says ready (`replyTimeoutMs`);
 * 3. the label (`writeTimeoutMs`);
 * 4. `~HS` again: the printer reads its input in order, so a reply to this second request proves it
 *    has read the whole label up to `^XZ`. Without that reply the label may or may not have arrived
 *    (`delivered: 'maybe'`), and the job module will not retry it on its own.
 *
 * The socket is destroyed on every path. Labels to one printer go one at a time.
 */
export class NetworkPrinter implements LabelPrinter {
  readonly description: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: NetworkPrinterOptions, private readonly dial: Dial = dialTcp) {
    this.description = `printer ${options.host}:${options.port}`;
  }

  print(job: PrintRequest): Promise<PrintResult> {
    return this.serialized(async (link) => {
      const before = await link.hostStatus('no');
      const reason = notReadyReason(before);
      if (reason) throw stop('not-ready', reason, 'no', before);
      await link.write(job.zpl);
      const after = await link.hostStatus('maybe').catch((error: unknown) => {
        // Bytes came back after the label, so the printer read the label; only their form is wrong.
        if (error instanceof Stop && error.failure.kind === 'bad-status') return undefined;
        throw error;
      });
      const problem = after && notReadyReason(after);
      const note = !after ? 'the status reply after the label was garbled' : problem ? `received; the printer now says ${problem}: the label prints once that is fixed` : undefined;
      return { ok: true as const, target: this.description, ...(after ? { status: after } : {}), ...(note ? { note } : {}) };
    }).then((result) => result, (failure: PrintFailure) => ({ ok: false as const, target: this.description, failure }));
  }

  status(): Promise<StatusResult> {
    return this.serialized(async (link) => ({ ok: true as const, status: await link.hostStatus('no') }))
      .then((result) => result, (failure: PrintFailure) => ({ ok: false as const, failure }));
  }

  /** Runs `work` on a fresh connection after the previous one finished; rejects with a `PrintFailure`. */
  private serialized<T>(work: (link: Link) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const link = new Link(this.options, this.dial);
      try {
        await link.connect();
        return await work(link);
      } catch (error) {
        throw error instanceof Stop ? error.failure : { kind: 'connection-lost', reason: `printing failed: ${String(error)}`, delivered: link.delivered } satisfies PrintFailure;
      } finally {
        link.close();
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

const UNREACHABLE: Record<string, (where: string) => string> = {
  ECONNREFUSED: (where) => `printer is off or unreachable (${where} refused the connection)`,
  EHOSTUNREACH: (where) => `printer is off or unreachable (no route to ${where})`,
  ENETUNREACH: (where) => `printer is off or unreachable (no network route to ${where})`,
  EHOSTDOWN: (where) => `printer is off or unreachable (${where} is down)`,
  ENOTFOUND: (where) => `printer is off or unreachable (the name in ${where} is not known)`,
  EAI_AGAIN: (where) => `printer is off or unreachable (the name in ${where} could not be looked up)`,
};

/** One TCP connection to a printer, with a reader for `~HS` replies. */
class Link {
  /** Whether any byte of a label has been handed to the socket. */
  delivered: Delivered = 'no';
  private socket: net.Socket | undefined;
  private inbox = '';
  private waiter: (() => void) | undefined;
  private ended: Stop | undefined;
  private readonly where: string;

  constructor(private readonly options: NetworkPrinterOptions, private readonly dial: Dial) {
    this.where = `${options.host}:${options.port}`;
  }

  connect(): Promise<void> {
    const { connectTimeoutMs } = this.options;
    return new Promise<void>((resolve, reject) => {
      const socket = this.dial(this.options.host, this.options.port);
      this.socket = socket;
      const timer = setTimeout(() => reject(stop('timeout', `printer did not answer in ${seconds(connectTimeoutMs)} (no connection to ${this.where})`, 'no')), connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve();
      });
      socket.on('data', (chunk: Buffer) => {
        this.inbox += chunk.toString('latin1');
        this.waiter?.();
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const code = error.code ?? '';
        const unreachable = UNREACHABLE[code];
        const failure = unreachable
          ? stop('unreachable', unreachable(this.where), this.delivered)
          : stop('connection-lost', `the connection to ${this.where} failed (${code || error.message})`, this.delivered);
        this.end(failure);
        reject(failure);
      });
      socket.on('close', () => this.end(stop('connection-lost', `${this.where} closed the connection`, this.delivered)));
    });
  }

  private end(reason: Stop): void {
    this.ended ??= reason;
    this.waiter?.();
  }

  /** Sends `~HS` and waits for the whole reply. `delivered` is what a failure here means for the label. */
  async hostStatus(delivered: Delivered): Promise<HostStatus> {
    const { replyTimeoutMs } = this.options;
    const silent = delivered === 'no'
      ? `printer did not answer in ${seconds(replyTimeoutMs)} (no status reply; some printers stay silent while out of paper or ribbon or with the head open)`
      : `printer did not answer in ${seconds(replyTimeoutMs)} after the label was sent: it may or may not have received it`;
    await this.write('~HS', delivered);
    const reply = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => { this.waiter = undefined; reject(stop('timeout', silent, delivered)); }, replyTimeoutMs);
      const check = (): void => {
        const end = hostStatusEnd(this.inbox);
        if (end < 0 && !this.ended) return;
        clearTimeout(timer);
        this.waiter = undefined;
        if (end < 0) {
          reject(stop(this.ended!.failure.kind, `${this.ended!.message} before its status reply was complete`, delivered));
          return;
        }
        resolve(this.inbox.slice(0, end));
        this.inbox = this.inbox.slice(end);
      };
      this.waiter = check;
      check();
    });
    try {
      return parseHostStatus(reply);
    } catch (error) {
      if (error instanceof HostStatusError) throw stop('bad-status', `the printer's status reply is garbled: ${error.message}`, delivered);
      throw error;
    }
  }

  /** Writes and waits until the bytes are handed to the network (`writeTimeoutMs`). */
  write(bytes: string, delivered: Delivered = 'maybe'): Promise<void> {
    const { writeTimeoutMs } = this.options;
    if (delivered === 'maybe') this.delivered = 'maybe';
    return new Promise<void>((resolve, reject) => {
      if (this.ended) {
        reject(stop(this.ended.failure.kind, this.ended.message, delivered));
        return;
      }
      const timer = setTimeout(() => reject(stop('timeout', `printer did not take the label in ${seconds(writeTimeoutMs)}: it may or may not have received it`, delivered)), writeTimeoutMs);
      this.socket!.write(Buffer.from(bytes, 'latin1'), (error) => {
        clearTimeout(timer);
        if (error) reject(stop('connection-lost', `the connection to ${this.where} broke while sending (${(error as NodeJS.ErrnoException).code ?? error.message})`, delivered));
        else resolve();
      });
    });
  }

  close(): void {
    this.waiter = undefined;
    this.socket?.destroy();
  }
}

type FsError = NodeJS.ErrnoException;

/** A file-system failure in words: what the packer (or IT) can do about it. */
export function fileErrorReason(error: unknown, where: string): string {
  const code = (error as FsError)?.code ?? '';
  switch (code) {
    case 'ENOENT': return `the folder for ${where} does not exist`;
    case 'ENOTDIR': return `a part of ${where} is not a folder`;
    case 'EISDIR': return `${where} is a folder, not a file`;
    case 'EACCES': case 'EPERM': return `no permission to write ${where}`;
    case 'EROFS': return `${where} is on a read-only file system`;
    case 'ENOSPC': return `no space left for ${where} (disk full)`;
    case 'EDQUOT': return `the disk quota for ${where} is used up`;
    default: return `cannot write ${where} (${code || String(error)})`;
  }
}

/**
 * Appends each label to a file or device (a USB printer's /dev/usb/lp0, a capture file). A failed
 * write to a regular file is cut back to where it started, so a half label never stays behind and
 * the job may be retried; on a device that cannot be undone (`delivered: 'maybe'`).
 */
export class FilePrinter implements LabelPrinter {
  readonly description: string;

  constructor(private readonly file: string) {
    this.description = `file ${file}`;
  }

  async print(job: PrintRequest): Promise<PrintResult> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.file, 'a');
    } catch (error) {
      return this.failed(error, 'no');
    }
    let size: number | undefined;
    try {
      const stat = await handle.stat();
      size = stat.isFile() ? stat.size : undefined;
      await handle.writeFile(job.zpl, 'utf8');
      return { ok: true, target: this.description };
    } catch (error) {
      const undone = size !== undefined && await handle.truncate(size).then(() => true, () => false);
      return this.failed(error, undone ? 'no' : 'maybe');
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  private failed(error: unknown, delivered: Delivered): PrintResult {
    return { ok: false, target: this.description, failure: { kind: 'io-error', reason: fileErrorReason(error, this.file), delivered } };
  }
}

/** The file operations a spool folder needs (tests inject a full or read-only disk). */
export interface SpoolFs {
  writeFile(file: string, data: string, options: { flag: string }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: boolean }): Promise<void>;
  access(file: string): Promise<void>;
}

/**
 * One file per job in a folder another program prints from: written to a hidden temp file, then
 * renamed to `label-<job id>.zpl`, so a reader never sees half a label. A failure leaves no file
 * behind, so it is always `delivered: 'no'`. A job already in the folder is not written again.
 */
export class SpoolPrinter implements LabelPrinter {
  readonly description: string;

  constructor(private readonly dir: string, private readonly files: SpoolFs = fs) {
    this.description = `spool folder ${dir}`;
  }

  static fileName(jobId: string): string {
    return `label-${jobId}.zpl`;
  }

  async print(job: PrintRequest): Promise<PrintResult> {
    if (!/^[0-9A-Za-z-]{1,64}$/.test(job.jobId)) return { ok: false, target: this.description, failure: { kind: 'io-error', reason: `the job id "${job.jobId}" cannot name a spool file`, delivered: 'no' } };
    const final = path.join(this.dir, SpoolPrinter.fileName(job.jobId));
    if (await this.files.access(final).then(() => true, () => false)) return { ok: true, target: this.description, note: 'already in the spool folder' };
    const temp = path.join(this.dir, `.label-${job.jobId}.${randomUUID()}.tmp`);
    try {
      await this.files.writeFile(temp, job.zpl, { flag: 'wx' });
      await this.files.rename(temp, final);
      return { ok: true, target: this.description };
    } catch (error) {
      await this.files.rm(temp, { force: true }).catch(() => undefined);
      return { ok: false, target: this.description, failure: { kind: 'io-error', reason: fileErrorReason(error, this.dir), delivered: 'no' } };
    }
  }
}

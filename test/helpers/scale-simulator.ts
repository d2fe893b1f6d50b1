/**
 * A scale on a real pty, for the scale transport's tests and benchmark. socat makes a tty pair: the
 * simulator opens one end with `serialport` and speaks MT-SICS, Toledo 8217 or a continuous line; the
 * transport under test opens the other end (`stationEnd`) as it would a real scale.
 *
 * Replies are paced at the simulated line speed: a reply leaves after the time its request and its own
 * bytes take on the wire at `baudRate` with the line's bits per character (a pty itself has no speed).
 * The script is a list of states, one per reply (continuous: one per line); the last one repeats.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { SerialPort } from 'serialport';
import { lineTimeMs } from '../../src/scale';

export type SimState =
  | { grams: number; stable?: boolean; garbageBefore?: string }
  | { kind: 'overload' | 'underload' | 'silent' | 'ES' | 'ET' | 'EL' }
  | { kind: 'garbage'; bytes: string };

export interface ScaleSimulatorOptions {
  protocol: 'mt-sics' | 'toledo-8217' | 'continuous';
  dir: string;
  name: string;
  baudRate?: number;
  dataBits?: 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  /** Pace replies at the line speed (default true). */
  paced?: boolean;
  script?: SimState[];
}

const running = new Set<ChildProcess>();

export class ScaleSimulator {
  readonly scaleEnd: string;
  readonly stationEnd: string;
  /** Commands received, in order (without their terminators). */
  readonly requests: string[] = [];
  /** Set to stop answering (and, continuous, sending) as a scale that hung would. */
  silent = false;
  tareGrams = 0;
  private script: SimState[];
  private step = 0;
  private socat: ChildProcess | undefined;
  private port: SerialPort | undefined;
  private inbox = '';
  private ticker: NodeJS.Timeout | undefined;
  private readonly line: { baudRate: number; dataBits: number; parity: string; stopBits: number };

  constructor(private readonly options: ScaleSimulatorOptions) {
    this.scaleEnd = `${options.dir}/${options.name}-scale`;
    this.stationEnd = `${options.dir}/${options.name}-station`;
    this.script = options.script ?? [{ grams: 1000 }];
    const sevenE1 = options.protocol === 'toledo-8217';
    this.line = {
      baudRate: options.baudRate ?? 9600,
      dataBits: options.dataBits ?? (sevenE1 ? 7 : 8),
      parity: options.parity ?? (sevenE1 ? 'even' : 'none'),
      stopBits: options.stopBits ?? 1,
    };
  }

  /** Replaces the script; the next reply uses its first state. */
  play(script: SimState[]): void {
    this.script = script;
    this.step = 0;
  }

  /** Starts socat on the link paths and opens the scale's end: a plug-in (or a replug). */
  async plugIn(): Promise<void> {
    let stderr = '';
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.scaleEnd}`, `pty,raw,echo=0,link=${this.stationEnd}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    running.add(child);
    child.once('exit', () => running.delete(child));
    this.socat = child;
    while (!fs.existsSync(this.scaleEnd) || !fs.existsSync(this.stationEnd)) {
      if (child.exitCode !== null) throw new Error(`socat exited early: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const port = new SerialPort({ path: this.scaleEnd, baudRate: this.line.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('data', (chunk: Buffer) => this.onBytes(chunk.toString('latin1')));
    port.on('error', () => undefined);
    this.port = port;
    if (this.options.protocol === 'continuous') this.startTicking();
  }

  /** Closes the scale's end and stops socat, which removes both links: the device node is gone. */
  async unplug(): Promise<void> {
    this.stopTicking();
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    const child = this.socat;
    this.socat = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }

  /** Time `chars` characters take on the simulated line. */
  lineTimeMs(chars: number): number {
    return lineTimeMs(chars, this.line);
  }

  /** The bytes this simulator answers a weigh request with for a state (for the bench's baseline). */
  replyFor(state: SimState): string {
    return this.weightReply(state);
  }

  private next(): SimState {
    const state = this.script[Math.min(this.step, this.script.length - 1)]!;
    this.step += 1;
    return state;
  }

  private onBytes(text: string): void {
    if (this.options.protocol === 'continuous') return;
    this.inbox += text;
    // MT-SICS commands end CR LF; Toledo's are single letters.
    for (;;) {
      let command: string;
      if (this.options.protocol === 'mt-sics') {
        const at = this.inbox.indexOf('\r\n');
        if (at < 0) return;
        command = this.inbox.slice(0, at);
        this.inbox = this.inbox.slice(at + 2);
      } else {
        if (!this.inbox) return;
        command = this.inbox[0]!;
        this.inbox = this.inbox.slice(1);
        if (command === '\r' || command === '\n') continue;
      }
      this.requests.push(command);
      this.answer(command);
    }
  }

  private answer(command: string): void {
    if (this.silent) return;
    let reply: string | undefined;
    if (command === 'S' || command === 'SI' || command === 'W') {
      const state = this.next();
      if ('kind' in state && state.kind === 'silent') return;
      // MT-SICS `S` waits for stability; this simulator answers it like SI but says S I when moving.
      reply = command === 'S' && 'grams' in state && state.stable === false ? 'S I\r\n' : this.weightReply(state);
    } else if (command === 'Z') {
      reply = this.options.protocol === 'mt-sics' ? 'Z A\r\n' : `\x02?${String.fromCharCode(0x60 | 0x10)}\r`;
      this.tareGrams = 0;
    } else if (command === 'T' && this.options.protocol === 'mt-sics') {
      const state = this.script[Math.min(this.step, this.script.length - 1)]!;
      this.tareGrams = 'grams' in state ? state.grams : 0;
      reply = `T S ${(this.tareGrams).toFixed(2).padStart(10)} g\r\n`;
    } else {
      reply = this.options.protocol === 'mt-sics' ? 'ES\r\n' : `\x02?${String.fromCharCode(0x60)}\r`;
    }
    this.send(reply, this.lineTimeMs(command.length + (this.options.protocol === 'mt-sics' ? 2 : 0) + reply.length));
  }

  private weightReply(state: SimState): string {
    const { protocol } = this.options;
    if ('kind' in state) {
      switch (state.kind) {
        case 'garbage': return state.bytes;
        case 'silent': return '';
        case 'ES': case 'ET': case 'EL': return protocol === 'mt-sics' ? `${state.kind}\r\n` : '';
        case 'overload': return protocol === 'mt-sics' ? 'S +\r\n' : protocol === 'toledo-8217' ? `\x02?${String.fromCharCode(0x60 | 0x02)}\r` : 'OL,GS,+99999.9kg\r\n';
        case 'underload': return protocol === 'mt-sics' ? 'S -\r\n' : protocol === 'toledo-8217' ? `\x02?${String.fromCharCode(0x60 | 0x04)}\r` : 'ST,GS,-   0.050kg\r\n';
      }
    }
    const stable = state.stable ?? true;
    const grams = state.grams - this.tareGrams;
    const prefix = state.garbageBefore ?? '';
    if (protocol === 'mt-sics') return `${prefix}S ${stable ? 'S' : 'D'} ${grams.toFixed(2).padStart(10)} g\r\n`;
    if (protocol === 'toledo-8217') return `${prefix}\x02${stable ? (grams / 1000).toFixed(3).padStart(6, '0') : `?${String.fromCharCode(0x60 | 0x01)}`}\r`;
    const kg = grams / 1000;
    return `${prefix}${stable ? 'ST' : 'US'},GS,${kg < 0 ? '-' : '+'}${Math.abs(kg).toFixed(3).padStart(8)}kg\r\n`;
  }

  private send(bytes: string, afterMs: number): void {
    if (!bytes) return;
    const write = (): void => {
      if (this.port?.isOpen && !this.silent) this.port.write(Buffer.from(bytes, 'latin1'));
    };
    if (this.options.paced === false) write();
    else setTimeout(write, afterMs);
  }

  /**
   * Continuous: one line after another, back to back at the line speed. Each line is written when its
   * last byte would have arrived (the end of its slot), on a self-correcting schedule.
   */
  private startTicking(): void {
    const started = performance.now();
    let due = 0;
    const schedule = (): void => {
      const line = this.weightReply(this.next());
      due += this.options.paced === false ? 5 : this.lineTimeMs(Math.max(line.length, 1));
      this.ticker = setTimeout(() => {
        if (!this.silent && line && this.port?.isOpen) this.port.write(Buffer.from(line, 'latin1'));
        schedule();
      }, Math.max(0, started + due - performance.now()));
    };
    schedule();
  }

  private stopTicking(): void {
    if (this.ticker) clearTimeout(this.ticker);
    this.ticker = undefined;
  }
}

export async function killAllScaleSimulators(): Promise<void> {
  const children = [...running];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map((child) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve)))));
}

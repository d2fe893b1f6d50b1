/**
 * A ZPL printer on a real TCP listener (127.0.0.1, an ephemeral port), for the label printer's
 * tests. It reads its input the way a printer does: one stream, `^XA`…`^XZ` formats recorded as
 * labels, and `~HS` answered wherever it appears, even inside a format (control commands act on
 * arrival), so a label that leaked a `~` into its data would show up as an extra request.
 *
 * It can be ready, out of paper, paused, with its head open …; stall (accept, read, never answer);
 * stall only after it has taken a label (the ambiguous timeout); answer garbage; hang up; or be turned off
 * (closed port: connection refused) and on again on the same port.
 */
import net from 'node:net';

export interface SimStatus {
  paperOut?: boolean;
  paused?: boolean;
  headOpen?: boolean;
  ribbonOut?: boolean;
  bufferFull?: boolean;
  partialFormat?: boolean;
  overTemperature?: boolean;
  formatsInBuffer?: number;
}

export const READY: SimStatus = {};
export const PAPER_OUT: SimStatus = { paperOut: true };
export const HEAD_OPEN: SimStatus = { headOpen: true };
export const PAUSED: SimStatus = { paused: true };

export type Behaviour =
  | { kind: 'answer' }
  | { kind: 'stall' }
  /** Answer `~HS` until this many labels have arrived, then answer nothing more. */
  | { kind: 'stall-after-labels'; labels: number }
  | { kind: 'garbage'; reply: string }
  /** Close the connection on `~HS` instead of answering. */
  | { kind: 'hang-up' }
  /** Answer the first `~HS`, then stop reading: the station's writes back up (a hung printer). */
  | { kind: 'stop-reading' };

const bit = (on: boolean | undefined): string => (on ? '1' : '0');

/** The three `~HS` strings a printer in `status` answers. */
export function hostStatusReply(status: SimStatus = READY): string {
  const one = `030,${bit(status.paperOut)},${bit(status.paused)},1218,${String(status.formatsInBuffer ?? 0).padStart(3, '0')},${bit(status.bufferFull)},0,${bit(status.partialFormat)},000,0,0,${bit(status.overTemperature)}`;
  const two = `001,0,${bit(status.headOpen)},${bit(status.ribbonOut)},0,2,6,0,00000000,1,000`;
  const three = '1234,0';
  return [one, two, three].map((s) => `\x02${s}\x03\r\n`).join('');
}

export class ZplPrinterSimulator {
  readonly host = '127.0.0.1';
  /** Complete formats received, `^XA` … `^XZ`, in order. */
  readonly labels: string[] = [];
  /** `~HS` requests received. */
  statusRequests = 0;
  /** Connections accepted so far. */
  connections = 0;
  status: SimStatus = READY;
  /** When set, the status answered once a label has arrived (e.g. the paper ran out printing it). */
  statusAfterLabel: SimStatus | undefined;
  behaviour: Behaviour = { kind: 'answer' };
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private idleWaiters: Array<() => void> = [];
  private boundPort = 0;

  get port(): number {
    return this.boundPort;
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  /** Starts listening: on an ephemeral port the first time, on the same port after `turnOff`. */
  async turnOn(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, this.host, () => resolve());
    });
    this.boundPort = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Closes the port and drops every connection: the next connect is refused. */
  async turnOff(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once no connection is open (the client closed every socket it opened). */
  whenIdle(): Promise<void> {
    if (this.sockets.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private accept(socket: net.Socket): void {
    this.connections += 1;
    this.sockets.add(socket);
    let inbox = '';
    let format: string | undefined;
    socket.on('data', (chunk: Buffer) => {
      inbox += chunk.toString('latin1');
      // One pass over the stream, as a printer's parser: ~HS acts at once, ^XA … ^XZ is a label.
      for (;;) {
        const next = [inbox.indexOf('~HS'), inbox.indexOf(format === undefined ? '^XA' : '^XZ')].filter((at) => at >= 0);
        if (next.length === 0) break;
        const at = Math.min(...next);
        if (inbox.startsWith('~HS', at)) {
          if (format !== undefined) format += inbox.slice(0, at);
          inbox = inbox.slice(at + 3);
          this.statusRequests += 1;
          this.answer(socket);
        } else if (format === undefined) {
          format = '^XA';
          inbox = inbox.slice(at + 3);
        } else {
          this.labels.push(`${format}${inbox.slice(0, at)}^XZ`);
          format = undefined;
          inbox = inbox.slice(at + 3);
        }
      }
      // Keep a possible partial "~H" / "^X" at the end for the next chunk.
      const keep = Math.max(inbox.lastIndexOf('~'), inbox.lastIndexOf('^'));
      const tail = keep >= 0 && inbox.length - keep < 3 ? inbox.slice(keep) : '';
      if (format !== undefined) format += inbox.slice(0, inbox.length - tail.length);
      inbox = tail;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (this.sockets.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  private answer(socket: net.Socket): void {
    const behaviour = this.behaviour;
    if (behaviour.kind === 'stall') return;
    if (behaviour.kind === 'stall-after-labels' && this.labels.length >= behaviour.labels) return;
    if (behaviour.kind === 'hang-up') {
      socket.destroy();
      return;
    }
    if (behaviour.kind === 'stop-reading') socket.pause();
    socket.write(Buffer.from(behaviour.kind === 'garbage' ? behaviour.reply : hostStatusReply(this.labels.length > 0 && this.statusAfterLabel ? this.statusAfterLabel : this.status), 'latin1'));
  }
}

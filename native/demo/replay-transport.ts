import type { DemoScannerConfig } from '../../src/config/scanners';
import type { Logger } from '../../src/log/logger';
import type { ScanTransport, TransportSink } from '../../src/ports';
import { readReplayFile } from './replay-file';

/** What a missing or unreadable replay file means, in words for whoever set up the station. */
function describeReadError(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `demo replay file not found: ${file}`;
  if (code === 'EACCES' || code === 'EPERM') return `demo replay file not readable (permission denied): ${file}`;
  if (code === 'EISDIR') return `demo replay file is a folder, expected a text file: ${file}`;
  return `cannot read demo replay file ${file}: ${(error as Error).message}`;
}

/**
 * The demo scanner's replay file: feeds one code per line at `replayIntervalMs`, then stops, so a
 * newcomer sees the station work with no hardware. The on-screen demo panel is the renderer's.
 */
export class ReplayTransport implements ScanTransport {
  readonly kind = 'demo' as const;
  readonly deviceId: string;
  private readonly file: string;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly config: DemoScannerConfig & { replayFile: string }, logger: Logger) {
    this.deviceId = config.id;
    this.file = config.replayFile;
    this.log = logger.child({ deviceId: config.id, transport: 'demo-replay', file: config.replayFile });
  }

  async start(sink: TransportSink): Promise<void> {
    if (this.running) return;
    this.running = true;
    let codes: Uint8Array[];
    try {
      codes = await readReplayFile(this.file);
    } catch (error) {
      const detail = describeReadError(this.file, error);
      this.log.error(detail);
      sink.status({ deviceId: this.deviceId, kind: this.kind, status: 'error', detail });
      this.running = false;
      return;
    }
    if (!this.running) return;
    sink.status({ deviceId: this.deviceId, kind: this.kind, status: 'connected', detail: `replaying ${codes.length} codes from ${this.file}` });
    this.feed(sink, codes, 0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private feed(sink: TransportSink, codes: Uint8Array[], next: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.running) return;
      const bytes = codes[next];
      if (!bytes) {
        sink.status({ deviceId: this.deviceId, kind: this.kind, status: 'connected', detail: `replay finished: ${codes.length} codes sent` });
        this.running = false;
        return;
      }
      const now = Date.now();
      sink.scan({ deviceId: this.deviceId, bytes, firstByteAt: now, receivedAt: now });
      this.feed(sink, codes, next + 1);
    }, this.config.replayIntervalMs);
  }
}

import { StoreError } from '../../../src/store';
import type { StationRuntime } from '../../compose';
import { missingHostEnv, missingHostFlags } from '../../launcher/host-flags';
import { EXIT, type Command } from '../command';
import { CONFIG_OPTIONS, CONFIG_USAGE, configFromFlags } from '../config-flags';
import { rendererDir } from '../paths';

/** The line scripts and tests wait for; printed once the station takes scans. */
export const READY_PREFIX = 'station ready: ';

export const serve: Command = {
  name: 'serve',
  summary: 'run the headless host: the kiosk UI over HTTP and the station API over WebSocket',
  usage: `${CONFIG_USAGE} [--port P]`,
  options: { ...CONFIG_OPTIONS, port: { type: 'string', short: 'p' } },
  async run(values) {
    const config = configFromFlags(values);
    // Loaded here, not at the top: `--help` and `doctor` need no scanner drivers or HTTP server.
    const { openStationRuntime } = await import('../../compose');
    const { startHeadless } = await import('../../headless');
    let runtime: StationRuntime;
    try {
      runtime = openStationRuntime(config, { console: process.stderr.isTTY });
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      process.stderr.write(`station: ${err.message}\n`);
      return EXIT.failed;
    }
    const { logger, station } = runtime;
    const missing = missingHostFlags();
    if (missing.length > 0) logger.warn('the host was started without its V8 flags: expect GC pauses of up to tens of ms inside scans', { missing });
    const missingEnv = process.platform === 'linux' ? missingHostEnv() : [];
    if (missingEnv.length > 0) logger.warn('the host was started without its allocator setting: freed large buffers stay resident (higher memory use)', { missing: missingEnv });
    let host;
    try {
      host = await startHeadless({ endpoint: station.endpoint, config, logger, rendererDir: rendererDir(), health: () => runtime.health() });
    } catch (err) {
      await runtime.close();
      process.stderr.write(`station: cannot listen on ${config.http.host}:${config.http.port}: ${(err as Error).message}\n`);
      return EXIT.failed;
    }
    await runtime.attachDevices();
    logger.info('station ready', { url: host.url, stationId: config.stationId, dataDir: config.dataDir });
    process.stdout.write(`${READY_PREFIX}${host.url}\n`);

    const served = host;
    return new Promise<number>((resolve) => {
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info('station stopping', { signal });
        served.close()
          .then(() => runtime.close())
          .finally(() => {
            // Let the logger flush and the loop drain; force the exit only if a handle lingers.
            setTimeout(() => process.exit(EXIT.ok), 5000).unref();
            resolve(EXIT.ok);
          });
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    });
  },
};

import { z } from 'zod';
import { ScanRules } from '../scan/rules';
import { ScannerConfig } from './scanners';
import { CentralConfig } from '../central/config';
import { ScaleConfigList } from '../scale/config';
import { ContainerConfig } from '../workflows/container/config';
import { WeighConfig } from '../workflows/weigh/config';
import { ManifestsConfig } from '../workflows/manifest/config';
import { LabelsConfig } from '../workflows/label/config';
import { EodConfig } from '../workflows/eod/config';

/** The whole station configuration. Every field has a default, so no file at all is a valid config. */
export const StationConfig = z.object({
  stationId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, _ and -, at most 63').default('station-1'),
  /** Where the SQLite store and logs live. Empty means the platform's user data folder. */
  dataDir: z.string().default(''),
  /** Kiosk mode: full screen, no devtools, demo panel hidden. */
  kiosk: z.boolean().default(false),
  /** The language of the kiosk screen (its own words; the station's messages stay as worded). */
  language: z.enum(['en', 'de']).default('en'),
  http: z.object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(4780),
  }).strict().default({ host: '127.0.0.1', port: 4780 }),
  bags: z.object({
    capacity: z.number().int().min(1).max(10000).default(10),
  }).strict().default({ capacity: 10 }),
  /** Badge + PIN sessions. */
  session: z.object({
    /** No scan or touch for this long locks the screen; the open work stays, the same user resumes with the PIN. */
    idleLockMs: z.number().int().min(10_000).max(24 * 3_600_000).default(300_000),
    /** A session ends by itself after this long (a shift); the user signs in again. */
    shiftLimitMs: z.number().int().min(60_000).max(7 * 24 * 3_600_000).default(12 * 3_600_000),
    /** Outside kiosk mode: create one demo user per role on a station with no users (kiosk mode never creates users). */
    demoUsers: z.boolean().default(true),
  }).strict().default({ idleLockMs: 300_000, shiftLimitMs: 12 * 3_600_000, demoUsers: true }),
  scanRules: ScanRules.default(ScanRules.parse({})),
  scanners: z.array(ScannerConfig).default([{ kind: 'demo', id: 'demo', replayIntervalMs: 1000 }])
    .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'each scanner needs its own id'),
  log: z.object({
    level: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
    /** Empty means `<dataDir>/logs`. */
    dir: z.string().default(''),
    retentionDays: z.number().int().min(1).max(365).default(14),
  }).strict().default({ level: 'info', dir: '', retentionDays: 14 }),
  /** Diagnostics: record every transport's raw bytes with timings (JSON lines) for `station replay`. */
  capture: z.object({
    enabled: z.boolean().default(false),
    /** Empty means `<dataDir>/captures`. */
    dir: z.string().default(''),
  }).strict().default({ enabled: false, dir: '' }),
  /** Serial scales (MT-SICS, Toledo 8217, continuous line); see docs/scales.md. Absent means none. */
  scales: ScaleConfigList.optional(),
  /** Container types (bag → sack → pallet); see docs/containers.md. Absent means no containers. */
  container: ContainerConfig.optional(),
  /** Weighing a closed container (which scale, how long); see docs/containers.md. Absent: the first scale, 10 s. */
  weigh: WeighConfig.optional(),
  /** Manifest imports and the weight check of a completed manifest; see docs/manifests.md. */
  manifests: ManifestsConfig.default(ManifestsConfig.parse({})),
  /** Container labels (ZPL printer, templates, retry of a job that did not print); see docs/labels.md. Absent: no labels. */
  labels: LabelsConfig.optional(),
  /** Replication to the central PostgreSQL. Absent means the station works on its own (offline). */
  central: CentralConfig.optional(),
  /** End of day: shifts and their time zone; see docs/end-of-day.md. Default: no shifts, UTC. */
  eod: EodConfig.default(EodConfig.parse({})),
  /** GET /health on the headless host and `station doctor` (docs/health.md). */
  health: z.object({
    /** Less free space than this on the data folder's disk is "down": the store may soon refuse scans. */
    minFreeDiskMb: z.number().int().min(0).default(200),
  }).strict().default({ minFreeDiskMb: 200 }),
  store: z.object({
    /** How often a TRUNCATE checkpoint is tried (it waits for 2 s without scans); PASSIVE ones follow every 100 records. */
    checkpointIntervalMs: z.number().int().min(1000).default(60_000),
  }).strict().default({ checkpointIntervalMs: 60_000 }),
}).strict();

export type StationConfig = z.infer<typeof StationConfig>;

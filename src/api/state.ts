import { z } from 'zod';
import { ScanResult } from './scan';
import { StateSlices } from './requests';

/** A supervisor's approval the station is waiting for (an action refused for lack of a right). */
export const OverridePrompt = z.object({
  kind: z.literal('override'),
  action: z.string(),
  permission: z.string(),
  requestedBy: z.string(),
  /** `badge`: waiting for a supervisor's badge; `pin`: for that supervisor's PIN and a reason. */
  stage: z.enum(['badge', 'pin']),
  supervisor: z.string().nullable(),
  error: z.string().nullable(),
});
export type OverridePrompt = z.infer<typeof OverridePrompt>;

/** An error the packer has not acknowledged yet. It stays on screen (and in state) until `error.ack`. */
export const PendingError = z.object({
  id: z.string(),
  message: z.string(),
  code: z.string().optional(),
  at: z.string(),
});
export type PendingError = z.infer<typeof PendingError>;

export const DeviceStatus = z.object({
  deviceId: z.string(),
  kind: z.enum(['serial', 'hid-pos', 'hid-keyboard', 'demo', 'wedge', 'scale', 'printer']),
  /**
   * A scale's own states too: a weight that will not settle, over or under its range, a scale that stopped answering;
   * and the label printer's: `not-ready` (paper out, head open, paused …: the detail says which).
   */
  status: z.enum(['connected', 'disconnected', 'not-in-hid-pos-mode', 'permission-denied', 'error', 'unstable', 'overload', 'underload', 'no-reply', 'not-ready']),
  detail: z.string().optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/**
 * Replication to the central database as the UI shows it. `not-configured` means the station works
 * offline by design; `stuck` (queue not moving) is the one thing a packer must pass on.
 */
export const ReplicationSummary = z.object({
  /** not-configured, starting, replicating, idle, retrying, error, stopped. */
  state: z.string(),
  /** Events committed here that central has not acknowledged yet. */
  queueDepth: z.number().int().nonnegative(),
  /** Age of the oldest of them; null when the queue is empty. */
  oldestUnsentAgeMs: z.number().nonnegative().nullable(),
  /** How far central is behind in time: 0 when caught up; null before central was ever reached. */
  lagMs: z.number().nonnegative().nullable(),
  stuck: z.boolean(),
  /** Rejections central sent back (a change that lost, a login by a user central had disabled) that no supervisor has marked seen. */
  unseenRejections: z.number().int().nonnegative(),
  /** Events central stored but has not applied yet (the projector behind), and how old the oldest is; absent before central said. */
  unprojected: z.object({ count: z.number().int().nonnegative(), oldestAgeMs: z.number().nonnegative().nullable() }).optional(),
  /** This station's open dead letters at central (ingest and projection): a supervisor must retry or skip them. */
  quarantined: z.number().int().nonnegative().optional(),
  /** Those dead letters (at most 50, oldest seq first), for the supervisor's retry and skip on the sync screen. */
  quarantine: z.array(z.object({
    kind: z.enum(['ingest', 'projection']),
    id: z.number().int(),
    seq: z.number().int(),
    type: z.string(),
    error: z.string(),
    at: z.string(),
  })).optional(),
  /** The last error or local warning, in words. */
  detail: z.string().optional(),
});
export type ReplicationSummary = z.infer<typeof ReplicationSummary>;

export const StationState = z.object({
  stationId: z.string(),
  /** Each workflow module's slice, by module id (shapes in the modules' contracts). */
  slices: StateSlices,
  prompt: OverridePrompt.nullable(),
  recentScans: z.array(ScanResult),
  pendingErrors: z.array(PendingError),
  devices: z.array(DeviceStatus),
  /** True when the demo panel may be shown (demo scanner on and not in kiosk mode). */
  demoPanel: z.boolean(),
  /** Null when this station core has no replication attached (tests, `station replay`). */
  replication: ReplicationSummary.nullable().optional(),
  /** The kiosk's language (config `language`); absent from older stations, which means English. */
  language: z.enum(['en', 'de']).optional(),
});
export type StationState = z.infer<typeof StationState>;

/**
 * Pushed after a commit: only the slices its events (or its prompt) touched, plus the pending errors.
 * The new result itself arrives as `scan.result` just before.
 */
export const StatePatch = z.object({
  slices: StateSlices.partial(),
  /** The results answered since the last patch, newest first (the screen's list of last scans). */
  results: z.array(ScanResult),
  pendingErrors: z.array(PendingError),
  prompt: OverridePrompt.nullable(),
});
export type StatePatch = z.infer<typeof StatePatch>;

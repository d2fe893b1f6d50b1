import { z } from 'zod';
import type { RequestSpec } from './contract';
import { DeviceHealth } from './device-health';
import { DIAGNOSTICS_KEPT, DiagnosticScan } from './diagnostics';
import { moduleCommands, moduleQueries } from './requests';
import { ScanResult } from './scan';
import { cleanText } from './text';
import { DeviceStatus, StatePatch, StationState } from './state';

/** The longest code a packer-side command may carry; real 2D codes stay far below this. */
export const MAX_CODE_LENGTH = 4096;

const noPayload = z.object({}).strict();

/** The core's own commands; each names the permission the core checks before running it. */
const coreCommands = {
  /** A scan typed by the wedge or the demo panel: routed like a scanner's (its own gate applies). */
  'scan.submit': {
    payload: z.object({ code: cleanText(z.string().min(1).max(MAX_CODE_LENGTH)), source: z.enum(['wedge', 'demo']) }).strict(),
    result: ScanResult,
    permission: 'public',
  },
  'error.ack': { payload: z.object({ id: z.string().min(1).max(64) }).strict(), result: z.object({ acknowledged: z.boolean() }), permission: 'public' },
  /** The supervisor's PIN and reason for the open override prompt. */
  'override.approve': {
    payload: z.object({ pin: z.string().regex(/^[0-9]{4,8}$/, 'a PIN is 4 to 8 digits'), reason: cleanText(z.string().trim().min(1).max(200)) }).strict(),
    result: ScanResult,
    permission: 'public',
  },
  'override.cancel': { payload: noPayload, result: ScanResult, permission: 'public' },
} as const satisfies Record<string, RequestSpec>;

const coreQueries = {
  'station.state': { payload: noPayload, result: StationState, permission: 'public' },
  'scans.recent': { payload: z.object({ limit: z.number().int().min(1).max(500).default(20) }).strict(), result: z.array(ScanResult), permission: 'public' },
  /** The last scans as hex + text with their decode, newest first (the supervisor's diagnostics screen). */
  'diagnostics.recent': {
    payload: z.object({ limit: z.number().int().min(1).max(DIAGNOSTICS_KEPT).default(50) }).strict(),
    result: z.array(DiagnosticScan),
    permission: 'diagnostics.view',
  },
  /** Each scanner's, scale's and the label printer's health record (the supervisor's device and sync health). */
  'station.device_health': { payload: noPayload, result: z.array(DeviceHealth), permission: 'dashboard.view' },
} as const satisfies Record<string, RequestSpec>;

/** Commands change the station. Each has a zod schema for its payload and one for its result. */
export const commands = { ...coreCommands, ...moduleCommands };
/** Queries only read. */
export const queries = { ...coreQueries, ...moduleQueries };

/** Events are pushed from the station to every connected UI. */
export const events = {
  'scan.result': ScanResult,
  'device.status': DeviceStatus,
  'state.changed': StationState,
  'state.patch': StatePatch,
} as const;

export type CommandName = keyof typeof commands;
export type QueryName = keyof typeof queries;
export type RequestName = CommandName | QueryName;
export type EventName = keyof typeof events;

type AllRequests = typeof commands & typeof queries;
export type RequestPayload<N extends RequestName> = z.input<AllRequests[N]['payload']>;
export type RequestResult<N extends RequestName> = z.output<AllRequests[N]['result']>;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]>;

export function requestSpec(name: RequestName): RequestSpec {
  return (name in commands ? commands[name as CommandName] : queries[name as QueryName]) as RequestSpec;
}

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(commands, name) || Object.hasOwn(queries, name);
}

/** The core's own request names (no module owns them). */
export const CORE_REQUESTS: readonly string[] = [...Object.keys(coreCommands), ...Object.keys(coreQueries)];

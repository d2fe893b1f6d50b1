import { z } from 'zod';
import { DIAGNOSTICS_KEPT, DiagnosticScan } from './diagnostics';
import { ScanResult } from './scan';
import { DeviceStatus, StationState } from './state';

/** The longest code a packer-side command may carry; real 2D codes stay far below this. */
export const MAX_CODE_LENGTH = 4096;

/** Commands change the station. Each has a zod schema for its payload and one for its result. */
export const commands = {
  'scan.submit': {
    payload: z.object({ code: z.string().min(1).max(MAX_CODE_LENGTH), source: z.enum(['wedge', 'demo']) }).strict(),
    result: ScanResult,
  },
  'bag.close': { payload: z.object({}).strict(), result: ScanResult },
  'scan.undo': { payload: z.object({}).strict(), result: ScanResult },
  'error.ack': { payload: z.object({ id: z.string().min(1).max(64) }).strict(), result: z.object({ acknowledged: z.boolean() }) },
} as const;

/** Queries only read. */
export const queries = {
  'station.state': { payload: z.object({}).strict(), result: StationState },
  'scans.recent': { payload: z.object({ limit: z.number().int().min(1).max(500).default(20) }).strict(), result: z.array(ScanResult) },
  /** The last scans as hex + text with their decode, newest first (supervisor screen; role gating comes later). */
  'diagnostics.recent': {
    payload: z.object({ limit: z.number().int().min(1).max(DIAGNOSTICS_KEPT).default(50) }).strict(),
    result: z.array(DiagnosticScan),
  },
} as const;

/** Events are pushed from the station to every connected UI. */
export const events = {
  'scan.result': ScanResult,
  'device.status': DeviceStatus,
  'state.changed': StationState,
} as const;

export type CommandName = keyof typeof commands;
export type QueryName = keyof typeof queries;
export type RequestName = CommandName | QueryName;
export type EventName = keyof typeof events;

type Spec = { payload: z.ZodType; result: z.ZodType };
type AllRequests = typeof commands & typeof queries;
export type RequestPayload<N extends RequestName> = z.input<(AllRequests[N] & Spec)['payload']>;
export type RequestResult<N extends RequestName> = z.output<(AllRequests[N] & Spec)['result']>;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]>;

export function requestSpec(name: RequestName): Spec {
  return (name in commands ? commands[name as CommandName] : queries[name as QueryName]) as Spec;
}

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(commands, name) || Object.hasOwn(queries, name);
}

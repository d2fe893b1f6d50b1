import { z } from 'zod';

/** The roles a user can hold. What each may do is the permission table in src/core/permissions.ts. */
export const Role = z.enum(['packer', 'dispatcher', 'biller', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

/**
 * Rights the core checks before a command, a query or a scan reaches its workflow. Each names an
 * ability, not a workflow: many modules can share one.
 * - `public`: needs no session (the login itself, the state every screen shows, acknowledging an error).
 */
export const Permission = z.enum([
  'public',
  'session.own',
  'pack.scan',
  'pack.close',
  'pack.undo',
  'diagnostics.view',
  'audit.view',
  'users.view',
  'users.manage',
  'users.unlock',
  'override.approve',
  /** Retry or skip an event central quarantined (a dead letter of ingest or projection). */
  'sync.resolve',
  /** Search a code and read its history (every role that may scan, and the biller). */
  'history.view',
  /** Accept a container's weight that is out of tolerance or over its maximum (the weighing step). */
  'weight.accept',
  /** Open a bill, scan closed containers onto it, take one off, finalise it (the biller). */
  'bill.build',
  /** Dispatch a finalised bill (the dispatcher): immutable from then on. */
  'bill.dispatch',
  /** Reverse a dispatched bill, with a reason (a supervisor's correction). */
  'bill.reverse',
  /** Print or reprint a bill's summary, and read a bill. */
  'bill.print',
  /** Import a manifest from a CSV or XLSX file (admin screen or CLI). */
  'manifest.import',
  /** Verify packed goods against an open manifest, scan by scan. */
  'manifest.verify',
  /** Close a manifest short of what it expects, with a reason. */
  'manifest.close_short',
  /** The supervisor's dashboard, device and sync health, and the end-of-day summary. */
  'dashboard.view',
  /** Close the day (refused while anything is unsynced, unless overridden with a reason). */
  'eod.close',
]);
export type Permission = z.infer<typeof Permission>;

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
]);
export type Permission = z.infer<typeof Permission>;

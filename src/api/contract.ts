import type { z } from 'zod';
import type { Permission } from './roles';

/** A command or query as the bridges validate it, with the right the core checks before running it. */
export interface RequestSpec {
  payload: z.ZodType;
  result: z.ZodType;
  permission: Permission;
  /** What it does, in the packer's words, for a refusal ("Undo last needs a supervisor"). */
  label?: string;
  /** A refusal for lack of this right may be approved by a supervisor's badge + PIN on the spot. */
  overridable?: boolean;
}

/**
 * What a workflow module publishes to the bridges and the renderer (zod only, so the renderer may
 * import it): its events, commands, queries and the shape of its state slice.
 */
export interface ModuleContract {
  id: string;
  events: Readonly<Record<string, z.ZodType>>;
  commands?: Readonly<Record<string, RequestSpec>>;
  queries?: Readonly<Record<string, RequestSpec>>;
  slice?: z.ZodType;
}

/** Keeps the literal names and schemas of a contract while checking its shape. */
export function defineContract<const C extends ModuleContract>(contract: C): C {
  return contract;
}

import type { Command } from '../command';
import { doctor } from './doctor';
import { serve } from './serve';

/** Every `station` subcommand, in the order `--help` lists them. */
export const commands: readonly Command[] = [serve, doctor];

import type { Command } from '../command';
import { audit } from './audit';
import { central } from './central';
import { decode } from './decode';
import { doctor } from './doctor';
import { eod } from './eod';
import { manifests } from './manifests';
import { migrate } from './migrate';
import { provision } from './provision';
import { replay } from './replay';
import { serve } from './serve';
import { users } from './users';

/** Every `station` subcommand, in the order `--help` lists them. */
export const commands: readonly Command[] = [serve, doctor, decode, replay, migrate, provision, central, users, audit, manifests, eod];

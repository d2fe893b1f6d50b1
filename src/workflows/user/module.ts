import type { z } from 'zod';
import type { Views, WorkflowModule } from '../../core/workflow';
import { uuidv7 } from '../../ids';
import { userContract, type UserPage } from './contract';
import { decideChange, decideCreate, type UserChange } from './decide';
import { userMigration } from './migrations.sqlite';
import { hashPin } from './pin';
import { createUserProjection } from './projection.sqlite';
import type { UserView } from './view';
import { createUserView } from './view.sqlite';

type Commands = typeof userContract.commands;
type Payload<N extends keyof Commands> = z.output<Commands[N]['payload']>;
const usersOf = (views: Views) => views.user as UserView;

/** Keyset cursor of the user list: the last row's (name, id). */
const cursor = {
  write: (name: string, userId: string) => JSON.stringify([name, userId]),
  read(text: string | null): { name: string; userId: string } | null {
    if (!text) return null;
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((v) => typeof v === 'string')) throw new Error('after: not a cursor from user.list');
    return { name: String(parsed[0]), userId: String(parsed[1]) };
  },
};

/** Users: the admin screen's list and changes. PINs are hashed before anything else sees them. */
export const userModule: WorkflowModule = {
  id: 'user',
  contract: userContract,
  migrations: [userMigration],
  createView: (db) => createUserView(db),
  project: (db) => createUserProjection(db),
  start(kernel) {
    const change = (call: Parameters<typeof kernel.act>[0], userId: string, what: UserChange) =>
      kernel.act(call, 'command', (views) => decideChange(usersOf(views), call.actor, userId, what));
    return {
      commands: {
        'user.create': async (p: Payload<'user.create'>, call) => {
          const pinHash = await hashPin(p.pin);
          return kernel.act(call, 'command', (views) => decideCreate(usersOf(views), { userId: `u-${uuidv7()}`, name: p.name, role: p.role, badge: p.badge, pinHash }));
        },
        'user.disable': (p: Payload<'user.disable'>, call) => change(call, p.userId, { kind: 'disable' }),
        'user.enable': (p: Payload<'user.enable'>, call) => change(call, p.userId, { kind: 'enable' }),
        'user.reset_pin': async (p: Payload<'user.reset_pin'>, call) => change(call, p.userId, { kind: 'reset_pin', pinHash: await hashPin(p.pin) }),
        'user.change_role': (p: Payload<'user.change_role'>, call) => change(call, p.userId, { kind: 'change_role', role: p.role }),
      },
      queries: {
        'user.list': (p: z.output<typeof userContract.queries['user.list']['payload']>): z.output<typeof UserPage> => {
          const rows = usersOf(kernel.views).page(p.search, cursor.read(p.after), p.limit + 1);
          const page = rows.slice(0, p.limit).map(({ pinHash: _h, version: _v, ...row }) => row);
          const last = page.at(-1);
          return { rows: page, next: rows.length > p.limit && last ? cursor.write(last.name, last.userId) : null };
        },
      },
    };
  },
};

import { z } from 'zod';
import { Role } from '../../../src/api/roles';
import { contextFor } from '../../../src/core/events';
import { accept, refuse } from '../../../src/core/decision';
import { uuidv7 } from '../../../src/ids';
import { databaseFile, openStore } from '../../../src/store';
import { stationRegistry } from '../../../src/workflows';
import { Badge, Pin } from '../../../src/workflows/user/contract';
import { hashPin } from '../../../src/workflows/user/pin';
import type { UserView } from '../../../src/workflows/user/view';
import { EXIT, UsageError, type Command } from '../command';
import { centralUrl, runCentralCommand } from '../central-flags';
import { CONFIG_OPTIONS, CONFIG_USAGE, configFromFlags } from '../config-flags';
import { readPin } from '../read-pin';

const Flags = z.object({
  name: z.string({ error: '--name N is required' }).trim().min(1, '--name must not be empty').max(80),
  role: Role,
  badge: Badge,
});

/**
 * `station users add`: the first admin of a station that has none (afterwards admins use the admin
 * screen), or with `--central URL` a user written centrally over an admin connection. The PIN is asked
 * twice on a TTY (not echoed) or read from stdin; only its scrypt hash is stored. A running station
 * sees the new user at once (it reads users from the database).
 */
export const users: Command = {
  name: 'users',
  summary: 'add a user: the first admin of a station, or with --central a user at central (PIN from the TTY or stdin)',
  usage: `add --name N --role packer|dispatcher|biller|supervisor|admin --badge B ${CONFIG_USAGE} [--central URL]`,
  options: { ...CONFIG_OPTIONS, name: { type: 'string' }, role: { type: 'string' }, badge: { type: 'string' }, central: { type: 'string' } },
  async run(values, positionals) {
    if (positionals.join(' ') !== 'add') throw new UsageError(`expected: station users ${users.usage}`);
    const flags = Flags.safeParse({ name: values.name, role: values.role, badge: values.badge });
    if (!flags.success) throw new UsageError(flags.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
    const pin = Pin.safeParse(await readPin().catch((err: Error) => { throw new UsageError(`PIN: ${err.message}`); }));
    if (!pin.success) throw new UsageError('PIN: 4 to 8 digits');
    const pinHash = await hashPin(pin.data);
    const { name, role, badge } = flags.data;
    const userId = `u-${uuidv7()}`;

    if (values.central !== undefined) {
      const url = centralUrl(values);
      const { addCentralUserAt } = await import('../../../src/central/users');
      return runCentralCommand(url, async () => {
        const user = await addCentralUserAt(url, { id: userId, name, role, badge, pinHash });
        return { text: `user ${user.name} (${user.role}, badge ${user.badge}) added at central as ${user.id}; stations get it with their next reference pull` };
      });
    }

    const config = configFromFlags(values);
    const store = openStore({ file: databaseFile(config.dataDir), stationId: config.stationId, registry: stationRegistry(), checkpointIntervalMs: config.store.checkpointIntervalMs });
    try {
      const { decision } = store.record((views) => {
        const known = views.user as UserView;
        if (known.activeAdmins() > 0) return refuse(badge, 'command', 'this station has an admin already: add users on the admin screen (or with --central)');
        if (known.byBadge(badge)) return refuse(badge, 'command', `badge ${badge} is taken at this station`);
        return accept(`user ${name} (${role}, badge ${badge}) added as ${userId}`, [{ type: 'user.created', payload: { userId, name, role, badge, pinHash, baseVersion: null } }]);
      }, contextFor(null, uuidv7(), 'cli'));
      const out = decision.outcome === 'good' ? process.stdout : process.stderr;
      out.write(`${decision.outcome === 'good' ? '' : 'station: '}${decision.message}\n`);
      return decision.outcome === 'good' ? EXIT.ok : EXIT.failed;
    } finally {
      store.close();
    }
  },
};

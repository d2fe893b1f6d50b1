import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const root = path.resolve(__dirname, '../../..');
const config = YAML.parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));

describe('electron-builder.yml', () => {
  test('matches electron-builder\'s own schema', async () => {
    // electron-builder exports no public validator; this is the one its CLI runs.
    const { validateConfiguration } = await import('app-builder-lib/out/util/config/config');
    const { DebugLogger } = await import('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  test('every file it refers to exists', () => {
    const files = [
      config.linux.icon, config.win.icon, config.mac.icon, config.nsis.include, config.deb.afterInstall, config.deb.afterRemove,
      ...config.extraResources.map((r: { from: string }) => r.from),
    ];
    for (const file of files) expect([file, fs.existsSync(path.join(root, file))]).toEqual([file, true]);
  });

  test('native modules are unpacked from the asar', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining([
      'node_modules/better-sqlite3/**', 'node_modules/node-hid/**', 'node_modules/@serialport/bindings-cpp/**',
    ]));
  });

  test('holds no signing secret: certificates come from the environment', () => {
    const text = JSON.stringify(config);
    expect(text).not.toMatch(/cscLink|cscKeyPassword|certificatePassword|certificateFile/i);
  });

  test('Windows installs per machine', () => {
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false });
  });
});

import { checkNodeVersion, MIN_NODE_MAJOR } from '../../../main/launcher/node-version';

describe('checkNodeVersion', () => {
  test('the project needs Node 22', () => {
    expect(MIN_NODE_MAJOR).toBe(22);
  });

  test.each(['22.0.0', '22.23.3', 'v22.23.3', '23.1.0', '24.0.0-pre', '100.0.0'])('%s is new enough', (version) => {
    expect(checkNodeVersion(version, 22)).toBeNull();
  });

  test.each(['20.20.2', 'v20.20.2', '21.7.3', '18.0.0', '0.10.48'])('%s is refused', (version) => {
    expect(checkNodeVersion(version, 22)).toContain('Node.js 22 or newer is needed');
  });

  test('the message says what was found, where, and how to get Node 22', () => {
    expect(checkNodeVersion('20.20.2', 22, '/usr/bin/node')).toBe([
      'Node.js 22 or newer is needed, found v20.20.2 (/usr/bin/node)',
      "in a checkout, run `npm run station -- <command>` or `npm start`: they use the project's own Node 22 (the `node` dev dependency)",
      'elsewhere, install Node.js 22 or newer',
    ].join('\n'));
  });

  test('a leading v is not doubled, and without a path none is shown', () => {
    const message = checkNodeVersion('v21.1.0', 22);
    expect(message).toContain('found v21.1.0\n');
    expect(message).not.toContain('vv');
  });

  test('the minimum is a parameter', () => {
    expect(checkNodeVersion('22.5.0', 24)).toContain('Node.js 24 or newer is needed, found v22.5.0');
    expect(checkNodeVersion('24.0.0', 24)).toBeNull();
  });

  test.each(['', 'abc', 'x.y.z'])('an unreadable version %p is let through', (version) => {
    expect(checkNodeVersion(version, 22)).toBeNull();
  });
});

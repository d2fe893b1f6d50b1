import { closedPort, station } from './run-cli';

// The full migrate/provision runs against a real Postgres belong to the central suite; here: the CLI's
// own behaviour, with a port where nothing listens.
describe('station migrate / provision', () => {
  test('an unreachable central gives one clear line, exit 1, and never the password', async () => {
    const port = await closedPort();
    const url = `postgres://admin:Sup3rSecret@127.0.0.1:${port}/central`;
    for (const args of [['migrate', '--central', url], ['provision', '--central', url, '--station', 'pack-07'],
      ['provision', '--central', url, '--station', 'pack-07', '--pooled'], ['provision', '--central', url, '--fleet-login']]) {
      const r = station(args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`station: cannot connect to postgres://admin:***@127.0.0.1:${port}/central: central unreachable: connect ECONNREFUSED 127.0.0.1:${port}\n`);
      expect(r.stderr).not.toContain('Sup3rSecret');
    }
  });

  test('missing or malformed flags are usage errors (exit 2)', () => {
    expect(station(['migrate']).stderr).toContain('--central URL is required');
    expect(station(['migrate']).code).toBe(2);
    expect(station(['migrate', '--central', 'http://db/x']).stderr).toContain('expected a postgres:// or postgresql:// URL');
    const noStation = station(['provision', '--central', 'postgres://a:b@127.0.0.1:1/c']);
    expect(noStation.code).toBe(2);
    expect(noStation.stderr).toContain('--station ID is required');
    const both = station(['provision', '--central', 'postgres://a:b@127.0.0.1:1/c', '--fleet-login', '--station', 'x']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--fleet-login creates the shared login: leave out --station');
  });

  test('a bad station id is refused before connecting', () => {
    const r = station(['provision', '--central', 'postgres://a:pw@127.0.0.1:1/c', '--station', 'Bad Id']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('station id "Bad Id" is not valid');
  });
});

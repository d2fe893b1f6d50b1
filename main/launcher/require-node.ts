// Imported FIRST by every entry point (station, npm start, Electron), for its side effect: on a Node.js
// older than 22 it prints why and exits 1 before any other module (better-sqlite3 above all) loads.
// Electron brings its own Node, so there is nothing to check there.
import { checkNodeVersion, MIN_NODE_MAJOR } from './node-version';

if (!process.versions.electron) {
  const message = checkNodeVersion(process.versions.node, MIN_NODE_MAJOR, process.execPath);
  if (message) {
    const script = (process.argv[1] || '').split(/[\\/]/).pop() || '';
    const name = /^station(\.js)?$/.test(script) ? 'station' : 'scan-station';
    process.stderr.write(message.split('\n').map((line) => `${name}: ${line}\n`).join(''));
    process.exit(1);
  }
}

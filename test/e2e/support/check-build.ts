import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './station-host';

/** Global setup: the e2e suite runs the build, so say so at once if there is none. */
export default function checkBuild(): void {
  const needed = ['dist/main/cli/station.js', 'dist/renderer/index.html', 'dist/renderer/app.js'];
  const missing = needed.filter((file) => !fs.existsSync(path.join(REPO_ROOT, file)));
  if (missing.length) throw new Error(`e2e needs a build (missing ${missing.join(', ')}): run "npm run build" first`);
}

// Bundles the kiosk UI into dist/renderer/: index.html, icon.svg, app.js and app.css. No inline scripts or
// styles anywhere, because the page runs under a strict Content-Security-Policy.
import { build } from 'esbuild';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const here = import.meta.dirname;
// Production (the default) is minified with no sourcemap at all; `--sourcemap` adds a linked
// app.js.map for debugging. A map is never inlined into app.js.
const withSourcemap = process.argv.includes('--sourcemap');
const outdir = path.resolve(here, '..', 'dist', 'renderer');

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await build({
  entryPoints: { app: path.join(here, 'src', 'main.tsx') },
  outdir,
  bundle: true,
  // 'browser' makes any Node built-in import fail the build: the renderer has no Node.
  platform: 'browser',
  format: 'iife',
  target: ['chrome120'],
  jsx: 'automatic',
  minify: true,
  sourcemap: withSourcemap ? 'linked' : false,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
for (const file of ['index.html', 'icon.svg']) await copyFile(path.join(here, file), path.join(outdir, file));
const { size } = await stat(path.join(outdir, 'app.js'));
console.log(`renderer built into ${path.relative(process.cwd(), outdir) || outdir} (app.js ${Math.round(size / 1024)} KB${withSourcemap ? ', with sourcemap' : ''})`);

import path from 'node:path';

/** The built renderer next to the compiled CLI: dist/main/cli → dist/renderer. */
export function rendererDir(): string {
  return path.resolve(__dirname, '..', '..', 'renderer');
}

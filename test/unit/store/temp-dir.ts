import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temp folder per test, removed afterwards. */
export function useTempDir(prefix = 'store-'): () => string {
  let dir = '';
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix)); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const eslintBin = path.join(root, 'node_modules', '.bin', 'eslint');

/** Lints `code` as if it were the file at `filePath`, returning the rule messages. */
function lint(filePath: string, code: string): string[] {
  const result = spawnSync(eslintBin, ['--format', 'json', '--stdin', '--stdin-filename', filePath], { cwd: root, input: code, encoding: 'utf8' });
  const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return (report?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['src/scan/probe.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"],
    ['src/scan/probe.ts', "import fs from 'node:fs';\nexport const f = fs;\n"],
    ['src/workflows/bag/probe.ts', "import { x } from '../../store/db';\nexport const y = x;\n"],
    ['src/core/probe.ts', "import { bagModule } from '../workflows/bag/module';\nexport const m = bagModule;\n"],
    ['src/core/probe.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"],
    ['src/store/probe.ts', "import { Pool } from 'pg';\nexport const p = Pool;\n"],
    ['main/headless/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/station-probe.ts', "import { SerialPort } from 'serialport';\nexport const s = SerialPort;\n"],
    ['renderer/src/probe.ts', "import path from 'path';\nexport const p = path;\n"],
    ['native/probe.ts', "import { useState } from 'react';\nexport const u = useState;\n"],
  ])('%s may not import what %j imports', (file, code) => {
    expect(lint(file, code)).toHaveLength(1);
  });

  it.each([
    ['main/electron/probe.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['native/probe.ts', "import { SerialPort } from 'serialport';\nexport const s = SerialPort;\n"],
    ['src/central/probe.ts', "import { Pool } from 'pg';\nexport const p = Pool;\n"],
    ['src/workflows/bag/probe.ts', "import { CodeClass } from '../../api';\nexport const c = CodeClass;\n"],
    ['src/core/probe.ts', "import type { Database } from 'better-sqlite3';\nexport type D = Database;\n"],
    ['src/workflows/bag/probe.sqlite.ts', "import type { Db } from '../../store/db';\nexport type D = Db;\n"],
  ])('%s may import what %j imports', (file, code) => {
    expect(lint(file, code)).toEqual([]);
  });
});

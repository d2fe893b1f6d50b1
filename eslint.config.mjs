// Lint = the layer rules of the architecture (who may import what), plus typescript-eslint's recommended set.
// A wrong import fails CI instead of waiting for review.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'net', 'child_process', 'os', 'path', 'http', 'https', 'worker_threads', 'crypto']
  .flatMap((m) => [m, `node:${m}`]);

/** One restricted-import rule per folder: the packages and project folders it must not reach. */
function layer(files, { packages = [], folders = [], builtins = false, typesOnly = [] }) {
  const message = 'not allowed in this layer (see docs/architecture.md)';
  const paths = [
    ...[...packages, ...(builtins ? nodeBuiltins : [])].map((name) => ({ name, message })),
    // `import type` only: the layer names the type (e.g. the SQLite handle) but never loads the package.
    ...typesOnly.map((name) => ({ name, message: `${message}; \`import type\` only`, allowTypeImports: true })),
  ];
  // Relative imports only: `../store/db`, `../../src/store/db`, `../../native/serial`.
  const patterns = folders.map((folder) => ({
    group: [`../${folder}`, `../${folder}/**`, `../../${folder}`, `../../${folder}/**`, `../../../${folder}/**`, `**/src/${folder}`, `**/src/${folder}/**`],
    message: `this layer must not import ${folder}/`,
  }));
  return { files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] } };
}

const electron = ['electron'];
const react = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'zustand'];
const devices = ['node-hid', 'serialport', '@serialport/bindings-cpp', '@serialport/parser-readline', '@serialport/parser-inter-byte-timeout', '@serialport/parser-delimiter'];
const database = ['pg', 'typeorm', 'pg-copy-streams'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'out/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // src/api composes the modules' contract.ts files (zod only); nothing else of a workflow.
  layer(['src/api/**'], { packages: [...electron, ...react, ...devices, ...database, 'better-sqlite3', 'winston'], folders: ['scan', 'core', 'store', 'central', 'native', 'main', 'renderer'], builtins: true }),
  layer(['src/scan/**'], { packages: [...electron, ...react, ...devices, ...database, 'better-sqlite3', 'winston'], folders: ['core', 'workflows', 'store', 'central', 'native', 'main', 'renderer'], builtins: true }),
  // Scale protocols: pure parsing, like src/scan (the serial I/O is native/scale).
  layer(['src/scale/**'], { packages: [...electron, ...react, ...devices, ...database, 'better-sqlite3', 'winston'], folders: ['core', 'workflows', 'store', 'central', 'native', 'main', 'renderer'], builtins: true }),
  // The core names no workflow: it never imports src/workflows.
  layer(['src/core/**'], { packages: [...electron, ...react, ...devices, ...database], typesOnly: ['better-sqlite3'], folders: ['workflows', 'central', 'native', 'main', 'renderer'] }),
  // A workflow's pure parts (decide, contract, module) reach SQLite only through its *.sqlite.ts files (Signal's suffix rule).
  layer(['src/workflows/**'], { packages: [...electron, ...react, ...devices, ...database, 'better-sqlite3'], folders: ['store', 'central', 'native', 'main', 'renderer'] }),
  layer(['src/workflows/**/*.sqlite.ts'], { packages: [...electron, ...react, ...devices, ...database], folders: ['central', 'native', 'main', 'renderer'] }),
  layer(['src/store/**'], { packages: [...electron, ...react, ...devices, ...database], folders: ['central', 'native', 'main', 'renderer'] }),
  layer(['src/central/**'], { packages: [...electron, ...react, ...devices], folders: ['native', 'main', 'renderer'] }),
  layer(['src/*.ts', 'src/config/**', 'src/log/**'], { packages: [...electron, ...react, ...devices, ...database], folders: ['native', 'main', 'renderer'] }),
  layer(['native/**'], { packages: [...electron, ...react, ...database], folders: ['main', 'renderer'] }),
  layer(['main/headless/**', 'main/cli/**', 'main/*.ts'], { packages: [...electron, ...react, ...devices, ...database], folders: ['renderer'] }),
  layer(['main/electron/**'], { packages: [...react, ...devices, ...database], folders: ['renderer'] }),
  layer(['renderer/**'], { packages: [...electron, ...devices, ...database, 'better-sqlite3', 'winston'], folders: ['store', 'central', 'native', 'main', 'core'], builtins: true }),
  layer(['bench/**', 'test/**'], { packages: electron }),
);

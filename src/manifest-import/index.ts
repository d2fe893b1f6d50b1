/** Manifest files (CSV, XLSX) into manifest lines: the format is described in docs/manifests.md. */
export { parseManifestFile, type ImportResult } from './parse';
export { describe, MAX_ERRORS, type ImportError } from './errors';
export { COLUMNS } from './columns';

/** One problem with an import file, precise enough for a person to find and fix it in the file. */
export interface ImportError {
  file: string;
  /** The line in the file as a person sees it (the header is line 1); null for the whole file. */
  line: number | null;
  /** The column's name as the header spells it; null when no one column is at fault. */
  field: string | null;
  message: string;
}

/** "orders.csv line 7, field quantity: -3 is not a positive whole number". */
export function describe(error: ImportError): string {
  const where = [error.file, error.line === null ? null : `line ${error.line}`].filter((p) => p !== null).join(' ');
  return `${where}${error.field === null ? '' : `, field ${error.field}`}: ${error.message}`;
}

/** Beyond this many, a file is usually the wrong file: the rest are counted, not listed. */
export const MAX_ERRORS = 50;

/** Collects a file's errors, keeping the first MAX_ERRORS and counting the rest. */
export class ErrorList {
  private readonly kept: ImportError[] = [];
  private dropped = 0;

  constructor(readonly file: string) {}

  add(line: number | null, field: string | null, message: string): void {
    if (this.kept.length < MAX_ERRORS) this.kept.push({ file: this.file, line, field, message });
    else this.dropped++;
  }

  get empty(): boolean {
    return this.kept.length === 0;
  }

  /** The kept errors, then one "and N more errors" line when some were dropped. */
  list(): ImportError[] {
    if (this.dropped === 0) return [...this.kept];
    return [...this.kept, { file: this.file, line: null, field: null, message: `and ${this.dropped} more error${this.dropped === 1 ? '' : 's'}` }];
  }
}

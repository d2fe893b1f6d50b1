import type { CodeClass } from '../api';
import type { Gs1Element } from './gs1/element-string';
import type { ScanRules } from './rules';

export interface Classification {
  codeClass: CodeClass;
  /** The command name for command barcodes (`CLOSE` for `CMD:CLOSE`), else null. */
  command: string | null;
  /** What identifies the scanned thing: the value of the GS1 AI that classified it, else the text. */
  key: string;
}

interface CompiledGs1Rule { ai: string; codeClass: CodeClass; pattern: RegExp | null }

/** Scan rules with every regex compiled once, ready for the hot path. */
export interface CompiledRules {
  command: RegExp;
  byRegex: { codeClass: CodeClass; re: RegExp }[];
  gs1: CompiledGs1Rule[];
  stripPrefix: string;
  stripSuffix: string;
  /** null: every symbology is allowed. */
  symbologies: ReadonlySet<string> | null;
}

export function compileRules(rules: ScanRules): CompiledRules {
  const c = rules.codeClasses;
  return {
    command: new RegExp(c.command),
    byRegex: [
      { codeClass: 'badge', re: new RegExp(c.badge) },
      { codeClass: 'parent', re: new RegExp(c.parent) },
      { codeClass: 'child', re: new RegExp(c.child) },
    ],
    gs1: rules.gs1Classes.map((r) => ({ ai: r.ai, codeClass: r.class, pattern: r.pattern === undefined ? null : new RegExp(r.pattern) })),
    stripPrefix: rules.stripPrefix,
    stripSuffix: rules.stripSuffix,
    symbologies: rules.symbologies.length === 0 ? null : new Set(rules.symbologies),
  };
}

function commandName(m: RegExpExecArray, text: string): string {
  if (m[1] !== undefined) return m[1];
  const colon = text.indexOf(':');
  return colon >= 0 ? text.slice(colon + 1) : text;
}

/**
 * Which kind of code this is. Command barcodes first (so a command never counts as a bag), then
 * the GS1 AI rules, then the regexes: badge, parent, child.
 */
export function classify(rules: CompiledRules, text: string, gs1: Gs1Element[] | null): Classification {
  const cmd = rules.command.test(text) ? rules.command.exec(text) : null;
  if (cmd) return { codeClass: 'command', command: commandName(cmd, text), key: text };
  if (gs1) {
    for (const rule of rules.gs1) {
      for (const e of gs1) {
        if (e.ai === rule.ai && (rule.pattern === null || rule.pattern.test(e.value))) {
          return { codeClass: rule.codeClass, command: null, key: e.value };
        }
      }
    }
  }
  for (const { codeClass, re } of rules.byRegex) if (re.test(text)) return { codeClass, command: null, key: text };
  return { codeClass: 'unknown', command: null, key: text };
}

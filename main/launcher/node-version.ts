// The Node.js version gate, pure: no imports, so it can run before anything loads a native module.
// better-sqlite3 is built for Node 22 and crashes without a word under older ones (a segfault in
// Node 20), so the entry points refuse to start there with a message that says what to do instead.

export const MIN_NODE_MAJOR = 22;

/**
 * null when `version` (`process.versions.node`, with or without a leading "v") is `minMajor` or newer,
 * else the message to print. A version string that cannot be read is let through.
 */
export function checkNodeVersion(version: string, minMajor: number, execPath?: string): string | null {
  const match = /^v?(\d+)\./.exec(version.trim());
  if (!match) return null;
  const major = Number(match[1]);
  if (major >= minMajor) return null;
  const found = `v${version.trim().replace(/^v/, '')}${execPath ? ` (${execPath})` : ''}`;
  return [
    `Node.js ${minMajor} or newer is needed, found ${found}`,
    `in a checkout, run \`npm run station -- <command>\` or \`npm start\`: they use the project's own Node ${minMajor} (the \`node\` dev dependency)`,
    `elsewhere, install Node.js ${minMajor} or newer`,
  ].join('\n');
}

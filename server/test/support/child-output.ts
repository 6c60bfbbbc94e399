import type { ChildProcess } from 'node:child_process';

/**
 * Collects what a server child prints, and tells (for `waitUntil`'s `failedBecause`) once it has
 * exited, with that output, so a server that cannot start fails its wait at once and says why.
 */
export function watchChild(child: ChildProcess, name: string): { exitedBecause: () => string | null } {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    exitedBecause: () =>
      child.exitCode === null && child.signalCode === null
        ? null
        : `${name} exited with ${child.exitCode ?? child.signalCode}:\n${output}`,
  };
}

import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { delimiter, join } from 'node:path';
import { createLineSplitter } from './line-splitter.mjs';

// Runs a command to completion and resolves with its exit code. A command that cannot be
// started resolves 127 (like a shell) so callers handle one kind of failure.
// With `prefix`, output is shown line by line as `[prefix] ...`.
export function runCommand(command, args, { env, cwd, prefix, onChild } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env,
      cwd,
      stdio: prefix ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    onChild?.(child);
    if (prefix) {
      const label = `[${prefix}]`;
      for (const stream of [child.stdout, child.stderr]) {
        const splitter = createLineSplitter((line) => console.log(`${label} ${line}`));
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => splitter.push(chunk));
        stream.on('end', () => splitter.end());
      }
    }
    child.on('error', (err) => {
      console.log(`cannot run ${command}: ${err.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)));
  });
}

export function capture(command, args, { env, cwd, uid, gid } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, cwd, uid, gid, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (err) => resolve({ code: 127, stdout, stderr: stderr + err.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

// sbin directories are often missing from a non-login PATH, yet dockerd lives there.
export function which(name, path = process.env.PATH ?? '') {
  const dirs = [...path.split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export function signalNumber(signal) {
  return osConstants.signals[signal] ?? 1;
}

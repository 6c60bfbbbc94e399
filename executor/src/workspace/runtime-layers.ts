import { constants } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, realpath, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  cleanupRuleRegExp,
  isSameOrInside,
  type RuntimeCheckRequest,
  type RuntimeCheckResponse,
  type RuntimeFixupsRequest,
  type RuntimeFixupsResponse,
  type RuntimeSeedRequest,
  type RuntimeSeedResponse,
  type RuntimeSkipped,
  WORKSPACE_ROOT,
} from '../protocol.js';
import { resolveInWorkspace } from './safe-path.js';

/**
 * The executor's part of the restore plan (WS5): seed files (L1), fix-ups (L4) and the
 * required-paths check. Every path goes through `resolveInWorkspace`, so a symlink planted in the
 * workspace cannot send a write or a delete outside it; what is refused is reported, not thrown,
 * so one bad entry never stops the rest of a layer.
 */
export class RuntimeLayers {
  constructor(private readonly workspaceDir: string) {}

  async seed(request: RuntimeSeedRequest): Promise<RuntimeSeedResponse> {
    const written: string[] = [];
    const skipped: RuntimeSkipped[] = [];
    for (const file of request.files) {
      let target: string;
      try {
        target = await this.resolve(file.path);
      } catch (error) {
        skipped.push(refused(file.path, error));
        continue;
      }
      const current = await lstat(target).catch(() => null);
      if (current && !file.overwrite) {
        skipped.push({ path: file.path, reason: 'exists' });
        continue;
      }
      if (current && !current.isFile()) {
        skipped.push({ path: file.path, reason: 'not_a_file' });
        continue;
      }
      try {
        await mkdir(path.dirname(target), { recursive: true });
      } catch (error) {
        skipped.push(refused(file.path, error)); // a parent is a file
        continue;
      }
      // O_NOFOLLOW: a link planted between the check and the write must not redirect it; O_EXCL
      // where nothing may be replaced, so a file that appeared meanwhile wins.
      const flags =
        constants.O_WRONLY |
        constants.O_CREAT |
        constants.O_NOFOLLOW |
        (file.overwrite ? constants.O_TRUNC : constants.O_EXCL);
      let handle;
      try {
        handle = await open(target, flags, file.mode);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') skipped.push({ path: file.path, reason: 'exists' });
        else if (code === 'ELOOP') skipped.push({ path: file.path, reason: 'not_a_file' });
        else throw error;
        continue;
      }
      try {
        await handle.writeFile(file.content, 'utf8');
      } finally {
        await handle.close();
      }
      // The umask narrowed the mode at creation, and an existing file kept its old one.
      await chmod(target, file.mode);
      written.push(file.path);
    }
    return { written, skipped };
  }

  /** Cleanup rules first, then mount points: a rule can never remove a directory the app needs. */
  async fixups(request: RuntimeFixupsRequest): Promise<RuntimeFixupsResponse> {
    const removed: string[] = [];
    const created: string[] = [];
    const skipped: RuntimeSkipped[] = [];
    for (const rule of request.cleanupRules) {
      let matches: { logical: string; real: string }[];
      try {
        matches = await this.match(rule);
      } catch (error) {
        skipped.push(refused(rule, error));
        continue;
      }
      for (const match of matches) {
        // A protected path is never deleted, nor a directory that holds one.
        if (
          request.protectedPaths.some(
            (p) => isSameOrInside(match.logical, p) || isSameOrInside(p, match.logical),
          )
        ) {
          skipped.push({ path: match.logical, reason: 'protected' });
          continue;
        }
        await rm(match.real, { recursive: true, force: true });
        removed.push(match.logical);
      }
    }
    for (const dir of request.mountPoints) {
      let target: string;
      try {
        target = await this.resolve(dir);
      } catch (error) {
        skipped.push(refused(dir, error));
        continue;
      }
      const current = await lstat(target).catch(() => null);
      if (current?.isDirectory()) continue;
      if (current) {
        skipped.push({ path: dir, reason: 'not_a_directory' });
        continue;
      }
      try {
        await mkdir(target, { recursive: true });
      } catch (error) {
        skipped.push(refused(dir, error)); // a parent is a file
        continue;
      }
      created.push(dir);
    }
    return { removed, created, skipped };
  }

  async check(request: RuntimeCheckRequest): Promise<RuntimeCheckResponse> {
    const missing: string[] = [];
    for (const required of request.requiredPaths) {
      try {
        await lstat(await this.resolve(required));
      } catch {
        // Absent, or only reachable through a link out of the workspace: either way not there.
        missing.push(required);
      }
    }
    return { missing };
  }

  /** The real path behind a logical `/workspace/...` one, refusing anything that leaves it. */
  private async resolve(logical: string): Promise<string> {
    if (logical === WORKSPACE_ROOT) return realpath(this.workspaceDir);
    if (!logical.startsWith(`${WORKSPACE_ROOT}/`))
      throw new Error(`refused path ${JSON.stringify(logical)}: not under ${WORKSPACE_ROOT}`);
    return resolveInWorkspace(this.workspaceDir, logical.slice(WORKSPACE_ROOT.length + 1));
  }

  /**
   * What a cleanup rule names now: the entries whose logical path matches, found by walking from
   * the rule's fixed leading part without following links. A matched directory is not descended.
   */
  private async match(rule: string): Promise<{ logical: string; real: string }[]> {
    const segments = rule.split('/').slice(1);
    const firstWild = segments.findIndex((segment) => /[*?]/.test(segment));
    if (firstWild === -1) {
      // A plain path: the entry itself; a link there is removed, never followed.
      const real = path.join(await this.resolve(path.posix.dirname(rule)), path.posix.basename(rule));
      return (await lstat(real).catch(() => null)) ? [{ logical: rule, real }] : [];
    }
    const base = `/${segments.slice(0, firstWild).join('/')}`;
    const baseReal = await this.resolve(base);
    if (!(await lstat(baseReal).catch(() => null))?.isDirectory()) return [];
    const pattern = cleanupRuleRegExp(rule);
    const found: { logical: string; real: string }[] = [];
    const pending = [{ logical: base, real: baseReal }];
    while (pending.length > 0) {
      const dir = pending.pop()!;
      const entries = await readdir(dir.real, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const logical = `${dir.logical}/${entry.name}`;
        const real = path.join(dir.real, entry.name);
        if (pattern.test(logical)) found.push({ logical, real });
        else if (entry.isDirectory()) pending.push({ logical, real });
      }
    }
    return found.sort((a, b) => (a.logical < b.logical ? -1 : a.logical > b.logical ? 1 : 0));
  }
}

function refused(logical: string, error: unknown): RuntimeSkipped {
  return {
    path: logical,
    reason: 'refused',
    detail: error instanceof Error ? error.message : String(error),
  };
}

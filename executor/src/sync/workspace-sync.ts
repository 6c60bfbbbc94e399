import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, readFile, rename, rm, utimes } from 'node:fs/promises';
import path from 'node:path';
import type {
  SyncFileEntry,
  SyncRestoreRequest,
  SyncRestoreResponse,
  SyncScanResponse,
  SyncUploadRequest,
  SyncUploadResponse,
} from '../protocol.js';
import { resolveInWorkspace } from '../workspace/safe-path.js';

/** A sync request the executor refuses or cannot complete; `status` is the HTTP answer. */
export class SyncError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export interface SyncDirs {
  /** Real directory behind `/workspace`. */
  workspace: string;
  /** Real directory behind `/agent-data`. */
  agentData: string;
}

const TEMP_PREFIX = '.ab-restore-';
const DEFAULT_CONCURRENCY = 8;
const TRANSFER_ATTEMPTS = 3;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Scans, uploads and restores the session's files through presigned URLs. The last manifest is
 * kept in memory, so a scan hashes only files whose size or mtime changed since then; after a
 * restart the first scan hashes everything once.
 */
export class WorkspaceSync {
  private known = new Map<string, SyncFileEntry>();
  private busy: Promise<unknown> = Promise.resolve();

  constructor(private readonly dirs: SyncDirs) {}

  /** Walks both roots; one sync operation at a time, so a restore never races a scan. */
  scan(): Promise<SyncScanResponse> {
    return this.serial(() => this.doScan());
  }

  upload(request: SyncUploadRequest): Promise<SyncUploadResponse> {
    return this.serial(() => this.doUpload(request));
  }

  restore(request: SyncRestoreRequest): Promise<SyncRestoreResponse> {
    return this.serial(() => this.doRestore(request));
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.busy.then(operation, operation);
    this.busy = result.catch(() => undefined);
    return result;
  }

  private roots(): { logical: string; dir: string }[] {
    return [
      { logical: '/workspace', dir: this.dirs.workspace },
      { logical: '/agent-data', dir: this.dirs.agentData },
    ];
  }

  /** The real path of a logical one, refusing anything that would leave its root. */
  private async resolve(logical: string): Promise<{ root: string; target: string }> {
    for (const root of this.roots()) {
      if (!logical.startsWith(`${root.logical}/`)) continue;
      const relative = logical.slice(root.logical.length + 1);
      if (relative === '' || relative.split('/').some((part) => part === '' || part === '.')) break;
      try {
        await mkdir(root.dir, { recursive: true });
        return { root: root.dir, target: await resolveInWorkspace(root.dir, relative) };
      } catch (error) {
        throw new SyncError(400, (error as Error).message);
      }
    }
    throw new SyncError(
      400,
      `refused path ${JSON.stringify(logical)}: not a file under /workspace or /agent-data`,
    );
  }

  private async doScan(): Promise<SyncScanResponse> {
    const found: { logical: string; real: string; size: number; mode: number; mtimeMs: number }[] = [];
    let skipped = 0;
    for (const root of this.roots()) {
      const pending: { real: string; logical: string }[] = [{ real: root.dir, logical: root.logical }];
      while (pending.length > 0) {
        const dir = pending.pop()!;
        let entries;
        try {
          entries = await readdir(dir.real, { withFileTypes: true });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw error;
        }
        for (const entry of entries) {
          if (entry.name.startsWith(TEMP_PREFIX)) continue;
          const real = path.join(dir.real, entry.name);
          const logical = `${dir.logical}/${entry.name}`;
          if (entry.isDirectory()) pending.push({ real, logical });
          else if (entry.isFile()) found.push({ logical, real, size: 0, mode: 0, mtimeMs: 0 });
          else skipped++;
        }
      }
    }
    let hashed = 0;
    const files: (SyncFileEntry | null)[] = await mapLimit(found, 16, async (file) => {
      let info;
      try {
        info = await lstat(file.real);
      } catch {
        return null; // deleted while we walked
      }
      if (!info.isFile()) return null;
      const mode = info.mode & 0o7777;
      const cached = this.known.get(file.logical);
      if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
        return { ...cached, mode };
      }
      hashed++;
      const sha256 = await hashFile(file.real);
      return { path: file.logical, sha256, size: info.size, mode, mtimeMs: info.mtimeMs };
    });
    const manifest = files.filter((file): file is SyncFileEntry => file !== null);
    manifest.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.known = new Map(manifest.map((file) => [file.path, file]));
    return { files: manifest, hashed, skipped };
  }

  private async doUpload(request: SyncUploadRequest): Promise<SyncUploadResponse> {
    let bytes = 0;
    await mapLimit(request.uploads, request.concurrency ?? DEFAULT_CONCURRENCY, async (upload) => {
      if (!SHA256.test(upload.sha256)) throw new SyncError(400, `not a sha256: ${upload.sha256}`);
      const { target } = await this.resolve(upload.path);
      let content: Buffer;
      try {
        content = await readFile(target);
      } catch (error) {
        throw new SyncError(409, `${upload.path} is gone since the scan (${(error as Error).message})`);
      }
      // A file changed since the scan must not be stored under the old content's key.
      if (sha256(content) !== upload.sha256) {
        throw new SyncError(409, `${upload.path} changed since the scan; scan again`);
      }
      await transfer(upload.url, {
        method: 'PUT',
        body: new Uint8Array(content),
        headers: {
          'content-length': String(content.length),
          'content-type': 'application/octet-stream',
          ...checksumHeaders(upload.url, upload.sha256),
        },
      });
      bytes += content.length;
    });
    return { uploaded: request.uploads.length, bytes };
  }

  private async doRestore(request: SyncRestoreRequest): Promise<SyncRestoreResponse> {
    const planned = await mapLimit(request.files, 16, async (file) => {
      if (!SHA256.test(file.sha256)) throw new SyncError(400, `not a sha256: ${file.sha256}`);
      if (request.urls[file.sha256] === undefined)
        throw new SyncError(400, `no URL for the blob of ${file.path}`);
      return { file, ...(await this.resolve(file.path)) };
    });
    let written = 0;
    let unchanged = 0;
    let bytes = 0;
    await mapLimit(planned, request.concurrency ?? DEFAULT_CONCURRENCY, async ({ file, target }) => {
      const current = await lstat(target).catch(() => null);
      if (current?.isFile()) {
        if (request.mode === 'keep_session') {
          unchanged++;
          return;
        }
        const cached = this.known.get(file.path);
        const same =
          cached && cached.size === current.size && cached.mtimeMs === current.mtimeMs
            ? cached.sha256 === file.sha256
            : current.size === file.size && (await hashFile(target)) === file.sha256;
        if (same) {
          if ((current.mode & 0o7777) !== file.mode) await chmod(target, file.mode);
          unchanged++;
          return;
        }
      } else if (current && request.mode === 'replace') {
        await rm(target, { recursive: true, force: true });
      }
      const content = await transfer(request.urls[file.sha256]!, { method: 'GET' });
      if (sha256(content) !== file.sha256) {
        throw new SyncError(502, `the blob of ${file.path} does not match its hash`);
      }
      await writeAtomically(target, content, file);
      written++;
      bytes += content.length;
    });

    let removed = 0;
    if (request.mode === 'replace') {
      const wanted = new Set(request.files.map((file) => file.path));
      const { files } = await this.doScan();
      for (const file of files) {
        if (wanted.has(file.path)) continue;
        const { target } = await this.resolve(file.path);
        await rm(target, { force: true });
        removed++;
      }
    }
    // The restored files become the baseline, so the next scan hashes none of them again.
    for (const { file, target } of planned) {
      const info = await lstat(target).catch(() => null);
      if (info?.isFile()) this.known.set(file.path, { ...file, size: info.size, mtimeMs: info.mtimeMs });
    }
    return { written, unchanged, removed, bytes };
  }
}

async function writeAtomically(target: string, content: Buffer, file: SyncFileEntry): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx', file.mode & 0o777);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temp, file.mode);
    const at = new Date(file.mtimeMs);
    await utimes(temp, at, at);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One presigned request, retried on network errors and 5xx; never on 4xx. */
async function transfer(url: string, init: RequestInit): Promise<Buffer> {
  let failure = '';
  for (let attempt = 1; attempt <= TRANSFER_ATTEMPTS; attempt++) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(120_000) });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.ok) return body;
      failure = `storage answered ${response.status} on ${init.method} ${redactUrl(url)}`;
      if (response.status < 500) break;
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      failure = `storage unreachable on ${init.method} ${redactUrl(url)}${cause}`;
    }
    if (attempt < TRANSFER_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
  }
  throw new SyncError(502, failure);
}

/**
 * The checksum header a presigned PUT signed (`X-Amz-SignedHeaders`): storage then rejects a body
 * whose SHA-256 differs. Sent only when signed, since storage refuses unsigned `x-amz-` headers.
 */
export function checksumHeaders(url: string, sha256: string): Record<string, string> {
  const signed = new URL(url).searchParams.get('X-Amz-SignedHeaders')?.split(';') ?? [];
  if (!signed.includes('x-amz-checksum-sha256')) return {};
  return { 'x-amz-checksum-sha256': Buffer.from(sha256, 'hex').toString('base64') };
}

/** The URL without its query: the signature stays out of logs and errors. */
function redactUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** Runs `work` over `items` with at most `limit` at once; the first failure rejects the whole. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}

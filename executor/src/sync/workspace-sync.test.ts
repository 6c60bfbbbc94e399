import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncError, WorkspaceSync, checksumHeaders } from './workspace-sync.js';

// A stand-in for presigned URLs: PUT stores the body under the URL's path, GET returns it.
let server: Server;
let base: string;
const objects = new Map<string, Buffer>();
let requests = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests++;
    const key = request.url ?? '';
    if (request.method === 'PUT') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        objects.set(key, Buffer.concat(chunks));
        response.end();
      });
      return;
    }
    const object = objects.get(key);
    response.statusCode = object ? 200 : 404;
    response.end(object);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

async function dirs() {
  const root = await mkdtemp(path.join(tmpdir(), 'sync-test-'));
  const workspace = path.join(root, 'ws');
  const agentData = path.join(root, 'agent');
  await mkdir(workspace, { recursive: true });
  return { root, workspace, agentData };
}

describe('WorkspaceSync', () => {
  it('hashes only changed files, uploads by hash, and restores byte for byte with modes', async () => {
    const source = await dirs();
    await mkdir(path.join(source.workspace, 'src'), { recursive: true });
    await writeFile(path.join(source.workspace, 'src/a.txt'), 'alpha');
    await writeFile(path.join(source.workspace, 'run.sh'), '#!/bin/sh\necho hi\n');
    await chmod(path.join(source.workspace, 'run.sh'), 0o755);
    await mkdir(source.agentData, { recursive: true });
    await writeFile(path.join(source.agentData, 'session.json'), '{"id":1}');
    await symlink('/etc/passwd', path.join(source.workspace, 'link'));
    const sync = new WorkspaceSync(source);

    const first = await sync.scan();
    expect(first.files.map((file) => file.path)).toEqual([
      '/agent-data/session.json',
      '/workspace/run.sh',
      '/workspace/src/a.txt',
    ]);
    expect(first.hashed).toBe(3);
    expect(first.skipped).toBe(1);
    expect(first.files.find((file) => file.path === '/workspace/src/a.txt')?.sha256).toBe(sha('alpha'));
    expect(first.files.find((file) => file.path === '/workspace/run.sh')?.mode).toBe(0o755);

    expect((await sync.scan()).hashed).toBe(0);
    await writeFile(path.join(source.workspace, 'src/a.txt'), 'alpha, changed');
    const second = await sync.scan();
    expect(second.hashed).toBe(1);

    const uploads = second.files.map((file) => ({
      sha256: file.sha256,
      path: file.path,
      url: `${base}/blobs/${file.sha256}?X-Amz-Signature=secret`,
    }));
    expect(await sync.upload({ uploads })).toMatchObject({ uploaded: 3 });
    expect(objects.get(`/blobs/${sha('alpha, changed')}?X-Amz-Signature=secret`)?.toString()).toBe(
      'alpha, changed',
    );

    const target = await dirs();
    await writeFile(path.join(target.workspace, 'stale.txt'), 'not in the snapshot');
    const restorer = new WorkspaceSync(target);
    const urls = Object.fromEntries(uploads.map((upload) => [upload.sha256, upload.url]));
    const restored = await restorer.restore({ files: second.files, urls, mode: 'replace' });
    expect(restored).toMatchObject({ written: 3, removed: 1 });
    expect(await readFile(path.join(target.workspace, 'src/a.txt'), 'utf8')).toBe('alpha, changed');
    expect(await readFile(path.join(target.agentData, 'session.json'), 'utf8')).toBe('{"id":1}');
    expect((await stat(path.join(target.workspace, 'run.sh'))).mode & 0o777).toBe(0o755);
    await expect(stat(path.join(target.workspace, 'stale.txt'))).rejects.toThrow();
    // Restored files are the baseline: nothing to hash, and restoring again writes nothing.
    expect((await restorer.scan()).hashed).toBe(0);
    const before = requests;
    expect(await restorer.restore({ files: second.files, urls, mode: 'replace' })).toMatchObject({
      written: 0,
      unchanged: 3,
    });
    expect(requests).toBe(before);

    // keep_session never overwrites what the session has.
    await writeFile(path.join(target.workspace, 'src/a.txt'), 'the session wins');
    await restorer.restore({ files: second.files, urls, mode: 'keep_session' });
    expect(await readFile(path.join(target.workspace, 'src/a.txt'), 'utf8')).toBe('the session wins');

    await rm(source.root, { recursive: true, force: true });
    await rm(target.root, { recursive: true, force: true });
  });

  it('refuses manifest paths that leave the roots, and content that does not match its hash', async () => {
    const target = await dirs();
    const sync = new WorkspaceSync(target);
    const entry = { sha256: sha('x'), size: 1, mode: 0o644, mtimeMs: 0 };
    for (const bad of ['/etc/passwd', '/workspace/../etc/passwd', '/workspace/', '/workspacex/a']) {
      await expect(
        sync.restore({
          files: [{ ...entry, path: bad }],
          urls: { [sha('x')]: `${base}/x` },
          mode: 'replace',
        }),
      ).rejects.toBeInstanceOf(SyncError);
    }
    objects.set('/wrong', Buffer.from('not x'));
    await expect(
      sync.restore({
        files: [{ ...entry, path: '/workspace/x' }],
        urls: { [sha('x')]: `${base}/wrong` },
        mode: 'replace',
      }),
    ).rejects.toThrow(/does not match/);
    await rm(target.root, { recursive: true, force: true });
  });
});

describe('checksumHeaders', () => {
  const digest = createHash('sha256').update('content').digest();
  it('sends the SHA-256 as base64 when the presigned URL signed it', () => {
    const url = `${base}/k?X-Amz-SignedHeaders=host%3Bx-amz-checksum-sha256&X-Amz-Signature=x`;
    expect(checksumHeaders(url, digest.toString('hex'))).toEqual({
      'x-amz-checksum-sha256': digest.toString('base64'),
    });
  });

  it('sends nothing the URL did not sign, since storage refuses unsigned x-amz- headers', () => {
    expect(checksumHeaders(`${base}/k?X-Amz-SignedHeaders=host`, digest.toString('hex'))).toEqual({});
    expect(checksumHeaders(`${base}/k`, digest.toString('hex'))).toEqual({});
  });
});

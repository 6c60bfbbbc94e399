// The workspace benches' work inside a container like a session's (same image, limits and way to
// storage): filling a workspace, and the baselines, i.e. the least each transfer can cost with
// nothing of the platform around it (no scan, hashing, manifest, database or API). Plain
// JavaScript: the image's Node runs it from the bench's job directory, mounted at /bench.
//   node /bench/container-tasks.mjs fill|put|get|walk-put /bench/<job>.json
// prints one JSON line { ms, files, bytes }; `ms` is timed here, after the job file is read.
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const [mode, jobFile] = process.argv.slice(2);
const job = JSON.parse(await readFile(jobFile, 'utf8'));

/** Runs `work` over `items` with at most `limit` at once (as the executor's mapLimit). */
async function mapLimit(items, limit, work) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/** One PutObject through a presigned URL, with the headers the executor sends. */
async function put(file) {
  const content = await readFile(file.path);
  const response = await fetch(file.url, {
    method: 'PUT',
    body: new Uint8Array(content),
    headers: { 'content-length': String(content.length), 'content-type': 'application/octet-stream' },
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`PUT ${file.path}: HTTP ${response.status}`);
  return content.length;
}

const madeDirs = new Set();

/** One GetObject through a presigned URL, written to its path (no fsync, no rename). */
async function get(file) {
  const response = await fetch(file.url);
  const content = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`GET ${file.path}: HTTP ${response.status}`);
  const dir = path.dirname(file.path);
  if (!madeDirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    madeDirs.add(dir);
  }
  await writeFile(file.path, content);
  return content.length;
}

/** readdir and lstat of every file under `root`: what the executor's scan must look at. */
function walk(root) {
  let files = 0;
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile()) {
        lstatSync(full);
        files++;
      }
    }
  }
  return files;
}

/** Random bytes, so no two files share a blob: every file is one upload. */
function fill(file) {
  const dir = path.dirname(file.path);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  writeFileSync(file.path, randomBytes(file.size));
  return file.size;
}

const started = performance.now();
let files = 0;
let bytes = 0;
if (mode === 'fill') {
  for (const file of job.files) bytes += fill(file);
  files = job.files.length;
} else if (mode === 'put' || mode === 'get') {
  const transfer = mode === 'put' ? put : get;
  await mapLimit(job.files, job.concurrency, async (file) => {
    const transferred = await transfer(file);
    bytes += transferred;
    files++;
  });
} else if (mode === 'walk-put') {
  files = walk(job.root);
  bytes = await put(job.file);
} else {
  throw new Error(`unknown mode ${mode}: fill, put, get or walk-put`);
}
console.log(JSON.stringify({ ms: performance.now() - started, files, bytes }));

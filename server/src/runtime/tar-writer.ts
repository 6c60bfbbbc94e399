import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/**
 * A minimal ustar writer for `docker import`. Writing the archive ourselves lets every entry carry
 * its owner (uid 1000 for the agent's directories) without running as root and without copying
 * 130 MB into a temporary root filesystem first.
 */

export type TarEntry =
  | { type: 'dir'; path: string; mode: number; uid?: number; gid?: number }
  | { type: 'symlink'; path: string; target: string; uid?: number; gid?: number }
  | { type: 'file'; path: string; mode: number; uid?: number; gid?: number; content: Buffer }
  /** Streamed from the host file at `source`; `size` must be its size. */
  | { type: 'file'; path: string; mode: number; uid?: number; gid?: number; source: string; size: number };

const BLOCK = 512;
// A fixed time keeps the archive the same for the same inputs.
const MTIME = 1_700_000_000;

function writeString(header: Buffer, value: string, offset: number, length: number): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new Error(`tar: ${JSON.stringify(value)} does not fit ${length} bytes`);
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
  writeString(header, value.toString(8).padStart(length - 1, '0') + '\0', offset, length);
}

/** Splits a path into ustar's name (100 bytes) and prefix (155 bytes) at a '/'. */
export function splitTarPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let cut = path.indexOf('/'); cut > 0; cut = path.indexOf('/', cut + 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new Error(`tar: path too long: ${path}`);
}

function entrySize(entry: TarEntry): number {
  if (entry.type !== 'file') return 0;
  return 'content' in entry ? entry.content.length : entry.size;
}

/** The 512-byte ustar header of an entry (paths relative to the archive root, no leading '/'). */
export function tarHeader(entry: TarEntry): Buffer {
  const header = Buffer.alloc(BLOCK);
  const relative = entry.path.replace(/^\/+/, '');
  const { name, prefix } = splitTarPath(entry.type === 'dir' ? `${relative.replace(/\/+$/, '')}/` : relative);
  writeString(header, name, 0, 100);
  writeOctal(header, entry.type === 'symlink' ? 0o777 : entry.mode, 100, 8);
  writeOctal(header, entry.uid ?? 0, 108, 8);
  writeOctal(header, entry.gid ?? 0, 116, 8);
  writeOctal(header, entrySize(entry), 124, 12);
  writeOctal(header, MTIME, 136, 12);
  header.fill(' ', 148, 156);
  header.write(entry.type === 'file' ? '0' : entry.type === 'symlink' ? '2' : '5', 156, 'ascii');
  if (entry.type === 'symlink') writeString(header, entry.target, 157, 100);
  writeString(header, 'ustar\0', 257, 6);
  writeString(header, '00', 263, 2);
  writeString(header, prefix, 345, 155);
  let sum = 0;
  for (const byte of header) sum += byte;
  writeString(header, sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return header;
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

async function* archive(entries: readonly TarEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    yield tarHeader(entry);
    if (entry.type !== 'file') continue;
    if ('content' in entry) {
      yield entry.content;
    } else {
      let written = 0;
      for await (const chunk of createReadStream(entry.source)) {
        written += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (written !== entry.size) throw new Error(`tar: ${entry.source} changed size while archiving`);
    }
    yield padding(entrySize(entry));
  }
  yield Buffer.alloc(BLOCK * 2);
}

/** The archive as a stream, reading host files as it goes. */
export function tarStream(entries: readonly TarEntry[]): Readable {
  return Readable.from(archive(entries), { objectMode: false });
}

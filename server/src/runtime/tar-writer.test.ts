import { describe, expect, it } from 'vitest';
import { splitTarPath, tarHeader, tarStream } from './tar-writer.js';

function field(header: Buffer, offset: number, length: number): string {
  return header
    .subarray(offset, offset + length)
    .toString('utf8')
    .replace(/\0.*$/s, '');
}

function octal(header: Buffer, offset: number, length: number): number {
  return Number.parseInt(field(header, offset, length).trim(), 8);
}

function checksumOk(header: Buffer): boolean {
  const copy = Buffer.from(header);
  copy.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of copy) sum += byte;
  return octal(header, 148, 8) === sum;
}

describe('tar writer', () => {
  it('writes ustar headers with owner, mode, type and a valid checksum', () => {
    const dir = tarHeader({ type: 'dir', path: '/workspace', mode: 0o755, uid: 1000, gid: 1000 });
    expect(field(dir, 0, 100)).toBe('workspace/');
    expect(octal(dir, 100, 8)).toBe(0o755);
    expect(octal(dir, 108, 8)).toBe(1000);
    expect(octal(dir, 116, 8)).toBe(1000);
    expect(field(dir, 156, 1)).toBe('5');
    expect(field(dir, 257, 6)).toBe('ustar');
    expect(checksumOk(dir)).toBe(true);

    const tmp = tarHeader({ type: 'dir', path: '/tmp', mode: 0o1777 });
    expect(octal(tmp, 100, 8)).toBe(0o1777);

    const file = tarHeader({ type: 'file', path: 'etc/passwd', mode: 0o644, content: Buffer.from('root\n') });
    expect(field(file, 0, 100)).toBe('etc/passwd');
    expect(octal(file, 124, 12)).toBe(5);
    expect(field(file, 156, 1)).toBe('0');
    expect(checksumOk(file)).toBe(true);

    const link = tarHeader({ type: 'symlink', path: '/lib64', target: 'usr/lib64' });
    expect(field(link, 156, 1)).toBe('2');
    expect(field(link, 157, 100)).toBe('usr/lib64');
  });

  it('splits long paths into prefix and name', () => {
    const long = `${'d'.repeat(80)}/${'e'.repeat(60)}/file`;
    expect(splitTarPath(long)).toEqual({ prefix: 'd'.repeat(80), name: `${'e'.repeat(60)}/file` });
    expect(() => splitTarPath('x'.repeat(300))).toThrow(/too long/);
  });

  it('pads contents to 512-byte blocks and ends with two empty blocks', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of tarStream([
      { type: 'file', path: 'a.txt', mode: 0o644, content: Buffer.from('hello') },
    ])) {
      chunks.push(chunk as Buffer);
    }
    const archive = Buffer.concat(chunks);
    expect(archive.length).toBe(512 + 512 + 1024);
    expect(archive.subarray(512, 517).toString()).toBe('hello');
    expect(archive.subarray(1024).every((byte) => byte === 0)).toBe(true);
  });
});

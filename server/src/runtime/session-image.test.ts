import { describe, expect, it } from 'vitest';
import { parseLdd } from './session-image.js';

describe('parseLdd', () => {
  it('lists every shared object file and the dynamic loader, not the vDSO', () => {
    const output = [
      '\tlinux-vdso.so.1 (0x00007ffd3b5f2000)',
      '\tlibdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007f21fb033000)',
      '\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f21fae00000)',
      '\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f21fab1e000)',
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f21fb04c000)',
      '',
    ].join('\n');
    expect(parseLdd(output)).toEqual([
      '/lib/x86_64-linux-gnu/libdl.so.2',
      '/lib/x86_64-linux-gnu/libstdc++.so.6',
      '/lib/x86_64-linux-gnu/libc.so.6',
      '/lib64/ld-linux-x86-64.so.2',
    ]);
  });

  it('answers nothing for a static binary and fails on a missing library', () => {
    expect(parseLdd('\tstatically linked\n')).toEqual([]);
    expect(() => parseLdd('\tlibfoo.so.1 => not found\n')).toThrow(/libfoo/);
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agentCliBinaries, findAgentClisDir } from './agent-clis.js';
import { parseLdd, planSessionImage } from './session-image.js';

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

describe('planSessionImage', () => {
  const executorDir = fileURLToPath(new URL('../../../executor/dist', import.meta.url));
  const clisDir = findAgentClisDir(executorDir);
  const claude = clisDir && agentCliBinaries(clisDir).find((path) => path.endsWith('/claude'));

  it.skipIf(!claude)(
    'carries a shell and the libraries the agent CLIs link, in a tag of its own',
    async () => {
      const bare = await planSessionImage();
      const withClis = await planSessionImage({ agentClisDir: clisDir });
      const paths = (plan: typeof bare) => plan.entries.map((entry) => entry.path);

      expect(withClis.entries).toContainEqual(expect.objectContaining({ type: 'file', path: '/bin/bash' }));
      expect(withClis.entries).toContainEqual({ type: 'symlink', path: '/bin/sh', target: 'bash' });
      // The Claude binary links librt, which Node does not: only the plan with the CLIs has it.
      expect(paths(withClis).some((path) => path.endsWith('/librt.so.1'))).toBe(true);
      expect(paths(bare).some((path) => path.endsWith('/librt.so.1'))).toBe(false);
      // The binaries themselves stay on the mount.
      expect(paths(withClis).some((path) => path.includes('node_modules'))).toBe(false);
      expect(withClis.tag).not.toBe(bare.tag);
      expect((await planSessionImage({ agentClisDir: clisDir })).tag).toBe(withClis.tag);
    },
    60_000,
  );
});

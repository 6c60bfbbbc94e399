import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { choosePorts, findFreePort, isPortFree } from './ports.mjs';

function sequence(...ports: number[]) {
  return () => Promise.resolve(ports.shift() ?? 0);
}

describe('choosePorts', () => {
  it('keeps preferred ports that are free', async () => {
    const choice = await choosePorts({
      names: ['api', 'web'],
      preferred: { api: 4000, web: 3000 },
      isFree: () => Promise.resolve(true),
      freePort: sequence(),
    });
    expect(choice).toEqual({ ports: { api: 4000, web: 3000 }, replaced: [] });
  });

  it('replaces a busy preferred port and says so', async () => {
    const choice = await choosePorts({
      names: ['api', 'web'],
      preferred: { api: 4000, web: 3000 },
      isFree: (port) => Promise.resolve(port !== 4000),
      freePort: sequence(41000),
    });
    expect(choice.ports).toEqual({ api: 41000, web: 3000 });
    expect(choice.replaced).toEqual([{ name: 'api', from: 4000, to: 41000 }]);
  });

  it('never hands out the same port twice', async () => {
    const choice = await choosePorts({
      names: ['postgres', 'redis', 's3'],
      preferred: { redis: 5000 },
      isFree: () => Promise.resolve(true),
      freePort: sequence(5000, 5000, 5001, 5002),
    });
    expect(new Set(Object.values(choice.ports)).size).toBe(3);
  });
});

describe('free ports from the OS', () => {
  it('finds a port that is free, and sees it busy while something listens', async () => {
    const port = await findFreePort();
    expect(await isPortFree(port)).toBe(true);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      expect(await isPortFree(port)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

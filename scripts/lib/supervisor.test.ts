import { describe, expect, it } from 'vitest';
import { isAlive } from './stale-processes.mjs';
import { Supervisor } from './supervisor.mjs';

describe('Supervisor stop steps', () => {
  it('run after what started later has stopped, while what started earlier still runs', async () => {
    const supervisor = new Supervisor();
    const engine = supervisor.start('engine', 'sleep', ['30'], { record: false });
    const seen: { engineAlive: boolean; serverAlive: boolean }[] = [];
    let server: { pid: number } | null = null;
    supervisor.addStopStep('cleanup', () => {
      seen.push({ engineAlive: isAlive(engine.pid), serverAlive: isAlive(server!.pid) });
    });
    server = supervisor.start('server', 'sleep', ['30'], { record: false });

    await supervisor.stopAll();

    expect(seen).toEqual([{ engineAlive: true, serverAlive: false }]);
    expect(isAlive(engine.pid)).toBe(false);
  });

  it('goes on stopping the rest when a step fails', async () => {
    const supervisor = new Supervisor();
    const engine = supervisor.start('engine', 'sleep', ['30'], { record: false });
    supervisor.addStopStep('cleanup', () => {
      throw new Error('engine busy');
    });

    await supervisor.stopAll();

    expect(isAlive(engine.pid)).toBe(false);
  });
});

import Docker from 'dockerode';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createRuntime } from './create-runtime.js';
import { RuntimeUnavailableError } from './runtime.errors.js';

// An engine address where nothing answers: the choice must not depend on this machine's Docker.
const absentDocker = new Docker({ socketPath: '/nonexistent/docker.sock' });

function options(kind: 'auto' | 'docker' | 'process', warnings: string[] = []) {
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
  return {
    kind,
    docker: absentDocker,
    namespace: 'ab',
    dataDir: '/tmp/agentbench-sessions',
    executorDir: '/tmp/agentbench-executor',
    log,
  };
}

describe('createRuntime', () => {
  it('falls back to the unsandboxed process runtime when Docker does not answer, and says so', async () => {
    const warnings: string[] = [];
    const runtime = await createRuntime(options('auto', warnings));
    expect(runtime.kind).toBe('process');
    expect(runtime.sandboxed).toBe(false);
    expect(warnings.join('\n')).toContain('UNSANDBOXED');
  });

  it('refuses to start when Docker is required but does not answer', async () => {
    await expect(createRuntime(options('docker'))).rejects.toBeInstanceOf(RuntimeUnavailableError);
  });

  it('builds the process runtime when asked, without asking Docker', async () => {
    const runtime = await createRuntime({ ...options('process'), docker: null });
    expect(runtime.kind).toBe('process');
  });
});

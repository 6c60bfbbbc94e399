import { describe, expect, it } from 'vitest';
import {
  executorEnvironment,
  labelFilter,
  newExecutorToken,
  readDockerEnv,
  redactSecrets,
  sessionLabels,
  sessionResourceNames,
  toDockerEnv,
} from './runtime-names.js';

describe('session resource names', () => {
  it('names every Docker object of a session after its namespace and id', () => {
    expect(sessionResourceNames('ab', 'f3b1c2d4-0000-4000-8000-000000000001')).toEqual({
      container: 'ab-session-f3b1c2d4-0000-4000-8000-000000000001',
      network: 'ab-net-f3b1c2d4-0000-4000-8000-000000000001',
      workspaceVolume: 'ab-ws-f3b1c2d4-0000-4000-8000-000000000001',
      agentVolume: 'ab-agent-f3b1c2d4-0000-4000-8000-000000000001',
    });
  });

  it('refuses ids that are not safe as a Docker name or a path segment', () => {
    for (const bad of ['', '../x', 'a/b', '.hidden', '-x', 'a b', 'x'.repeat(65)]) {
      expect(() => sessionResourceNames('ab', bad)).toThrow(
        expect.objectContaining({ code: 'INVALID_RUNTIME_NAME' }),
      );
    }
    expect(() => sessionResourceNames('a/b', 'ok')).toThrow(/namespace/);
  });

  it('labels objects so a namespace selects only its own', () => {
    expect(sessionLabels('ab', 's1')).toEqual({
      'agentbench.managed': 'true',
      'agentbench.namespace': 'ab',
      'agentbench.session': 's1',
    });
    expect(labelFilter('ab')).toEqual(['agentbench.managed=true', 'agentbench.namespace=ab']);
    expect(labelFilter('ab', 's1')).toContain('agentbench.session=s1');
  });
});

describe('executor environment', () => {
  const executor = {
    EXECUTOR_TOKEN: 'secret',
    EXECUTOR_HOST: '0.0.0.0',
    EXECUTOR_PORT: '7070',
    WORKSPACE_DIR: '/workspace',
    AGENT_DATA_DIR: '/agent-data',
  };

  it("keeps the agent's variables but never lets them replace the executor's own", () => {
    const env = executorEnvironment(
      { ANTHROPIC_BASE_URL: 'http://x', EXECUTOR_TOKEN: 'chosen-by-app', WORKSPACE_DIR: '/' },
      executor,
    );
    expect(env).toEqual({ ANTHROPIC_BASE_URL: 'http://x', ...executor });
  });

  it('round-trips through Docker\'s KEY=value list, values with "=" included', () => {
    const list = toDockerEnv({ A: '1', B: 'x=y=z' });
    expect(list).toEqual(['A=1', 'B=x=y=z']);
    expect(readDockerEnv(list, 'B')).toBe('x=y=z');
    expect(readDockerEnv(list, 'C')).toBeNull();
    expect(readDockerEnv(undefined, 'A')).toBeNull();
  });

  it('makes a fresh 32-byte base64url token each time', () => {
    const token = newExecutorToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newExecutorToken()).not.toBe(token);
  });

  it('redacts secrets from text, ignoring values too short to be secrets', () => {
    expect(redactSecrets('token=abcdefghij and abcdefghij again, id=42', ['abcdefghij', '42'])).toBe(
      'token=[redacted] and [redacted] again, id=42',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { composeEnvironment, DEV_ADMIN, prependPath, shellExports } from './environment.mjs';

const repoRoot = '/repo';

describe('composeEnvironment', () => {
  it('gives development defaults to npm start and test defaults to npm test', () => {
    const start = composeEnvironment({ mode: 'start', userEnv: {}, repoRoot });
    expect(start).toMatchObject({ NODE_ENV: 'development', LOG_LEVEL: 'info', ADMIN_EMAIL: DEV_ADMIN.email });
    const test = composeEnvironment({ mode: 'test', userEnv: {}, repoRoot });
    expect(test).toMatchObject({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ADMIN_PASSWORD: DEV_ADMIN.password });
  });

  it('lets the user override defaults and fallbacks', () => {
    const env = composeEnvironment({
      mode: 'start',
      userEnv: { LOG_LEVEL: 'debug', ADMIN_PASSWORD: 's3cret', SESSION_RUNTIME: 'docker' },
      fallbacks: { SESSION_RUNTIME: 'process' },
      repoRoot,
    });
    expect(env).toMatchObject({ LOG_LEVEL: 'debug', ADMIN_PASSWORD: 's3cret', SESSION_RUNTIME: 'docker' });
  });

  it('keeps the embedded S3 settings together over stray user values', () => {
    const env = composeEnvironment({
      mode: 'test',
      userEnv: { S3_BUCKET: 'mine' },
      provisioned: { S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'agentbench' },
      repoRoot,
    });
    expect(env.S3_BUCKET).toBe('agentbench');
  });

  it('has no default admin password in production', () => {
    const env = composeEnvironment({ mode: 'start', userEnv: { NODE_ENV: 'production' }, repoRoot });
    expect(env).not.toHaveProperty('ADMIN_PASSWORD');
  });

  it('puts the project binaries (and its Node 22) first on PATH', () => {
    const env = composeEnvironment({
      mode: 'start',
      userEnv: { PATH: '/usr/bin:/repo/node_modules/.bin' },
      repoRoot,
    });
    expect(env.PATH).toBe('/repo/node_modules/.bin:/usr/bin');
  });
});

describe('helpers', () => {
  it('prepends without duplicates or empty entries', () => {
    expect(prependPath('/a', '/b::/a:/c')).toBe('/a:/b:/c');
  });

  it('quotes exports for a POSIX shell', () => {
    expect(shellExports({ A: "it's", B: undefined }, ['A', 'B'])).toEqual([`export A='it'\\''s'`]);
  });
});

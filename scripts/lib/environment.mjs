import { delimiter, join } from 'node:path';

export const DEV_ADMIN = Object.freeze({ email: 'admin@localhost', password: 'admin' });

// The variables the bootstrap hands to every child; printed by `bootstrap.mjs provision`.
export const CONTRACT_KEYS = [
  'NODE_ENV',
  'LOG_LEVEL',
  'DATABASE_URL',
  'REDIS_URL',
  'REDIS_PREFIX',
  'SESSION_DATA_DIR',
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_BUCKET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
  'DOCKER_HOST',
  'SESSION_RUNTIME',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'AGENTBENCH_DATA_DIR',
  'PLAYWRIGHT_CHROMIUM',
];

export function prependPath(dir, pathValue = '') {
  return [dir, ...pathValue.split(delimiter).filter((entry) => entry && entry !== dir)].join(delimiter);
}

// Precedence, lowest first: our defaults, our fallbacks (e.g. the unsandboxed runtime), the
// user's environment, then what we provisioned. We only provision what the user did not
// configure, so the user's values win; a provisioned group (the embedded S3 server's endpoint,
// keys and bucket) is kept whole because its parts only work together.
export function composeEnvironment({ mode, userEnv, provisioned = {}, fallbacks = {}, repoRoot, dataDir }) {
  const nodeEnv = userEnv.NODE_ENV ?? (mode === 'start' ? 'development' : 'test');
  const defaults = {
    NODE_ENV: nodeEnv,
    LOG_LEVEL: mode === 'start' ? 'info' : 'warn',
    ADMIN_EMAIL: DEV_ADMIN.email,
    // Production must choose its own password; without one the server refuses to seed.
    ...(nodeEnv === 'production' ? {} : { ADMIN_PASSWORD: DEV_ADMIN.password }),
    ...(dataDir ? { AGENTBENCH_DATA_DIR: dataDir } : {}),
  };
  return {
    ...defaults,
    ...fallbacks,
    ...userEnv,
    ...provisioned,
    PATH: prependPath(join(repoRoot, 'node_modules', '.bin'), userEnv.PATH),
  };
}

export function shellExports(env, keys = CONTRACT_KEYS) {
  const quote = (value) => `'${String(value).replaceAll("'", `'\\''`)}'`;
  return keys.filter((key) => env[key] !== undefined).map((key) => `export ${key}=${quote(env[key])}`);
}

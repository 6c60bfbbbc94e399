export const DEV_ADMIN: Readonly<{ email: string; password: string }>;
export const CONTRACT_KEYS: string[];
export type Env = Record<string, string | undefined>;
export function prependPath(dir: string, pathValue?: string): string;
export function composeEnvironment(options: {
  mode: 'start' | 'test' | 'bench' | 'provision';
  userEnv: Env;
  provisioned?: Env;
  fallbacks?: Env;
  repoRoot: string;
  dataDir?: string;
}): Env;
export function shellExports(env: Env, keys?: string[]): string[];

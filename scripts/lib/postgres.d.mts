export function pickPostgresVersion(available: string[], clusterVersion: string | null): string | null;
export function newestPostgresBinDir(): string | null;
export function postgresOsUser(): { uid: number; gid: number } | null;
export function initCluster(
  binDir: string,
  dir: string,
  osUser: { uid: number; gid: number } | null,
): Promise<void>;

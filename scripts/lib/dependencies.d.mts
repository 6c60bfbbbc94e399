export interface InstallState {
  hasNodeModules: boolean;
  lockMtimeMs: number | undefined;
  installedLockMtimeMs: number | undefined;
}
export function needsInstall(state: InstallState): boolean;
export function withoutProjectBins(pathValue: string): string;
export function ensureDependencies(repoRoot: string): Promise<void>;

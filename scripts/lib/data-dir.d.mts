export function persistentDataDir(repoRoot: string): string;
export function throwawayDirName(mode: string, date: Date, pid: number): string;
export function throwawayRoot(repoRoot: string): string;
export function createThrowawayDataDir(repoRoot: string, mode: string): string;
export function removeDir(dir: string): void;

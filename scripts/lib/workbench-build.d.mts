export function isBuildStale(stampMtimeMs: number | undefined, inputMtimesMs: number[]): boolean;
export function mtimesUnder(path: string): number[];

export function pickPostgresVersion(available: string[], clusterVersion: string | null): string | null;

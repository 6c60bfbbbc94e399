export type PortName = 'api' | 'web' | 'postgres' | 'redis' | 's3';
export const DEFAULT_PORTS: Readonly<Record<PortName, number>>;
export function findFreePort(): Promise<number>;
export function isPortFree(port: number): Promise<boolean>;
export interface PortChoice {
  ports: Record<string, number>;
  replaced: { name: string; from: number; to: number }[];
}
export function choosePorts(options: {
  names: string[];
  preferred: Record<string, number | undefined>;
  isFree: (port: number) => Promise<boolean>;
  freePort: () => Promise<number>;
}): Promise<PortChoice>;
export function readSavedPorts(file: string): Record<string, number>;
export function savePorts(file: string, ports: Record<string, number>): void;

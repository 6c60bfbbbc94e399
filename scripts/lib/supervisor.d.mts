export interface ProcessHandle {
  name: string;
  pid: number;
  exited: Promise<{ code: number | null; signal: string | null }>;
  tail(): string[];
}
export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile?: string;
  uid?: number;
  gid?: number;
  marker?: string;
  record?: boolean;
  stopSignal?: NodeJS.Signals;
  stopTimeoutMs?: number;
}
export class Supervisor {
  constructor(options?: { dataDir?: string });
  onUnexpectedExit(listener: (handle: ProcessHandle) => void): void;
  start(name: string, command: string, args: string[], options?: StartOptions): ProcessHandle;
  addStopStep(name: string, run: () => void | Promise<void>): void;
  stop(handle: ProcessHandle): Promise<void>;
  stopMany(handles: ProcessHandle[]): Promise<void>;
  stopAll(): Promise<void>;
  killAll(): void;
}

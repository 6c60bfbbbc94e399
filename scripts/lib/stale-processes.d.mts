export interface ProcessRecord {
  pid: number;
  marker: string;
  stopSignal?: NodeJS.Signals;
}
export function isAlive(pid: number): boolean;
export function isRecordedProcessRunning(record: ProcessRecord | null | undefined): boolean;
export function thisBootstrap(): ProcessRecord;

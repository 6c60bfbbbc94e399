export interface Counts {
  passed: number;
  failed: number;
}
export interface StepResult extends Counts {
  title: string;
  status: 'passed' | 'failed' | 'skipped';
  durationMs?: number;
  note?: string;
}
export function countVitest(report: unknown, exitCode: number): Counts;
export function countPlaywright(report: unknown, exitCode: number): Counts;
export interface Failure {
  where: string;
  message: string;
}
export function vitestFailures(report: unknown, root?: string): Failure[];
export function playwrightFailures(report: unknown, root?: string): Failure[];
export function countSingle(status: StepResult['status']): Counts;
export function totals(results: Counts[]): Counts;
export function totalsLine(results: Counts[]): string;
export function summaryTable(results: StepResult[], formatDuration: (ms: number) => string): string[];

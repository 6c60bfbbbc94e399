export interface LineSplitter {
  push(chunk: string): void;
  end(): void;
}
export function createLineSplitter(onLine: (line: string) => void): LineSplitter;

export interface RingBuffer {
  add(line: string): void;
  lines(): string[];
}
export function createRingBuffer(size: number): RingBuffer;

/** Percentile by nearest rank over a sorted copy; p in [0, 100]. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface BenchResult {
  name: string;
  /** What the figure measures, with its unit. */
  metric: string;
  value: number;
  baseline: number;
  /** value / baseline: how many times the baseline it costs (or achieves, for rates). */
  ratio: number;
  target: string;
  met: boolean;
}

export function result(
  name: string,
  metric: string,
  value: number,
  baseline: number,
  target: { kind: 'ratio-at-most' | 'value-at-least'; limit: number } | null,
): BenchResult {
  const ratio = value / baseline;
  if (!target) return { name, metric, value, baseline, ratio, target: '—', met: true };
  const met = target.kind === 'ratio-at-most' ? ratio <= target.limit : value >= target.limit;
  const targetText = target.kind === 'ratio-at-most' ? `ratio ≤ ${target.limit}` : `≥ ${target.limit}`;
  return { name, metric, value, baseline, ratio, target: targetText, met };
}

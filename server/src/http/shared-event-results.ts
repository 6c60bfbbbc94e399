import { createSourceEventStream, type ExecutionArgs, type ExecutionResult } from 'graphql';

type Execute = (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult;

/**
 * Run events are immutable and numbered, and everyone watching a run with the same operation
 * receives the same result for each of them. Executing the selection once per event and sharing
 * it, instead of once per subscriber, is what lets one API process feed a hundred watchers.
 */
export class SharedEventResults {
  private readonly results = new Map<string, Promise<ExecutionResult>>();

  constructor(private readonly capacity = 20_000) {}

  get(key: string, compute: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    let result = this.results.get(key);
    if (!result) {
      result = compute();
      this.results.set(key, result);
      // Oldest first: the Map keeps insertion order. Late readers of an evicted event just execute again.
      if (this.results.size > this.capacity) this.results.delete(this.results.keys().next().value!);
    }
    return result;
  }
}

/** The identity of an immutable event (`runId` + `seq`), or null for payloads that may change. */
export function eventIdentity(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { runId, seq } = payload as { runId?: unknown; seq?: unknown };
  return typeof runId === 'string' && typeof seq === 'number' ? `${runId}:${seq}` : null;
}

/**
 * graphql-js `subscribe`, except that each event of a stream of immutable events is executed once
 * per `operationKey` (viewer, document, variables that shape the result) and the result shared.
 */
export async function subscribeSharingResults(
  args: ExecutionArgs,
  execute: Execute,
  shared: SharedEventResults,
  operationKey: string,
): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const source = stream;
  async function* results(): AsyncGenerator<ExecutionResult> {
    for await (const payload of source) {
      const run = () => Promise.resolve(execute({ ...args, rootValue: payload }));
      const identity = eventIdentity(payload);
      yield await (identity ? shared.get(`${operationKey}\u0000${identity}`, run) : run());
    }
  }
  return results();
}

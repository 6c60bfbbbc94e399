import { randomUUID } from 'node:crypto';
import type { ExecutorEventBody, HumanLoopKind } from '../protocol.js';

/** What an agent asks a human: a question with optional choices, or permission for an action. */
export interface HumanLoopAsk {
  kind: HumanLoopKind;
  prompt: string;
  options: string[];
}

export type AnswerOutcome = 'resolved' | 'already_handled' | 'unknown';

/** Raised into the agent when its question can no longer be answered (run canceled or shut down). */
export class HumanLoopClosedError extends Error {
  constructor(reason: string) {
    super(`human-loop request closed: ${reason}`);
    // Named like an abort so the AI SDK treats it as one when the run is being canceled.
    this.name = 'AbortError';
  }
}

interface PendingRequest {
  resolve(answer: string): void;
  reject(error: Error): void;
}

export interface HumanLoopDeps {
  emit(body: ExecutorEventBody): void;
  deadlineSeconds: number;
  now?: () => Date;
}

/**
 * A run's open human-loop requests. The agent's callback stays pending until an answer arrives:
 * the deadline is only a hint for people (HL3), nothing here ever answers on its own.
 */
export class HumanLoop {
  private readonly pending = new Map<string, PendingRequest>();
  /** Ids of requests that were answered or closed, so a second answer gets "already handled". */
  private readonly handled = new Set<string>();
  private closedReason: string | null = null;
  private readonly now: () => Date;

  constructor(private readonly deps: HumanLoopDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The hook providers call: emits `human_loop.requested` and resolves with the human's answer. */
  ask(request: HumanLoopAsk): Promise<string> {
    if (this.closedReason !== null) return Promise.reject(new HumanLoopClosedError(this.closedReason));
    const requestId = randomUUID();
    const deadlineAt = new Date(this.now().getTime() + this.deps.deadlineSeconds * 1000).toISOString();
    const answer = new Promise<string>((resolve, reject) => this.pending.set(requestId, { resolve, reject }));
    this.deps.emit({
      type: 'human_loop.requested',
      requestId,
      kind: request.kind,
      prompt: request.prompt,
      options: request.options,
      deadlineAt,
    });
    return answer;
  }

  /** First answer wins; the agent continues right after `human_loop.resolved` is emitted. */
  answer(requestId: string, answer: string): AnswerOutcome {
    const request = this.pending.get(requestId);
    if (request === undefined) return this.handled.has(requestId) ? 'already_handled' : 'unknown';
    this.pending.delete(requestId);
    this.handled.add(requestId);
    this.deps.emit({ type: 'human_loop.resolved', requestId, answer });
    request.resolve(answer);
    return 'resolved';
  }

  /** Fails every open request (and any later one), e.g. when the run is canceled. */
  close(reason: string): void {
    this.closedReason ??= reason;
    for (const [requestId, request] of this.pending) {
      this.handled.add(requestId);
      request.reject(new HumanLoopClosedError(reason));
    }
    this.pending.clear();
  }
}

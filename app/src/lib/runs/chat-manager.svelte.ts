import type { Client } from '@urql/core';
import { useFragment, type FragmentType } from '#lib/gql';
import type { RunEvent_EventFragment, RunSummary_RunFragment } from '#lib/gql/graphql.ts';
import type { ConnectionManager } from '#lib/graphql/connection-manager.svelte.ts';
import { liveSubscription, type LiveSubscription } from '#lib/graphql/live-subscription.ts';
import { HumanLoopCardFragment } from '#lib/human-loop/human-loop.documents.ts';
import type { SessionPanelFragment } from '#lib/sessions/session-panel.documents.ts';
import type { TodosPanelFragment } from '#lib/todos/todos-panel.documents.ts';
import {
  ChatRunsFragment,
  RunEventFragment,
  RunEventsDocument,
  RunSummaryDocument,
  RunSummaryFragment,
  SessionChatDocument,
  SessionEarlierRunsDocument,
  SessionUpdatedDocument,
} from './run.documents';
import { RunState, type RunEventEffects } from './run-state.svelte.ts';

/** How many of the latest runs a session page loads. */
const RUNS_PAGE = 50;

type RequestRef = { id: string } & FragmentType<typeof HumanLoopCardFragment>;

export interface ChatManagerDeps {
  client: Client;
  connection: ConnectionManager;
  /** A new question or permission request arrived live (not from the initial load). */
  onRequested?: (request: { id: string; prompt: string }) => void;
  /** A run of this session finished (a snapshot of the workspace follows). */
  onRunFinished?: (runId: string) => void;
}

/**
 * One session's chat: its runs oldest first, each rebuilt from its events and kept live over
 * `runEvents`; the latest todo list; its human-loop requests. After a lost connection, or a
 * subscription that ended in a passing fault, every live run resumes from the last seq it has seen.
 */
export class ChatManager {
  readonly sessionId: string;
  #deps: ChatManagerDeps;
  // Subscriptions are plumbing, not state: nothing renders from them.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #streams = new Map<string, LiveSubscription>();
  #sessionStream: LiveSubscription | null = null;
  #stopLost: (() => void) | null = null;
  #disposed = false;
  /** Where the page of runs before the oldest shown starts; null when there is none. */
  #earlierCursor = $state<string | null>(null);

  title = $state('');
  session = $state<FragmentType<typeof SessionPanelFragment> | null>(null);
  runs = $state<RunState[]>([]);
  loadingEarlier = $state(false);
  todos = $state<Array<{ id: string } & FragmentType<typeof TodosPanelFragment>>>([]);
  requests = $state<RequestRef[]>([]);
  /** Per request, what happened to this tab's answer (e.g. someone else answered first). */
  feedback = $state<Record<string, string>>({});
  loading = $state(true);
  notFound = $state(false);
  error = $state<string | null>(null);

  constructor(sessionId: string, deps: ChatManagerDeps) {
    this.sessionId = sessionId;
    this.#deps = deps;
  }

  /** Whether runs older than those shown exist. */
  get hasEarlierRuns(): boolean {
    return this.#earlierCursor !== null;
  }

  /** Requests still waiting for an answer, oldest first. */
  get pending(): RequestRef[] {
    return this.requests.filter((ref) => useFragment(HumanLoopCardFragment, ref).status === 'PENDING');
  }

  get resolved(): RequestRef[] {
    return this.requests.filter((ref) => useFragment(HumanLoopCardFragment, ref).status !== 'PENDING');
  }

  get activeRun(): RunState | undefined {
    return this.runs.find((run) => !run.finished);
  }

  async load(): Promise<void> {
    this.loading = true;
    const result = await this.#deps.client
      .query(SessionChatDocument, { id: this.sessionId, runs: RUNS_PAGE }, { requestPolicy: 'network-only' })
      .toPromise();
    if (this.#disposed) return;
    this.loading = false;
    if (result.error || !result.data) {
      this.error = 'This session could not be loaded. Try again in a moment.';
      return;
    }
    const session = result.data.session;
    if (!session) {
      this.notFound = true;
      return;
    }
    this.title = session.title;
    this.session = session;
    this.todos = session.todos;
    this.requests = session.humanLoopRequests;
    this.runs = this.#takeRunsPage(session);
    for (const run of this.runs) if (!run.finished) this.#follow(run);
    this.#followSession();
    this.#stopLost = this.#deps.connection.onLost(() => this.#resumeAll());
  }

  /**
   * Puts the page of runs before the oldest shown ahead of them. False when it could not be read
   * (the chat stays as it was).
   */
  async loadEarlier(): Promise<boolean> {
    if (!this.#earlierCursor || this.loadingEarlier) return true;
    this.loadingEarlier = true;
    try {
      const result = await this.#deps.client
        .query(
          SessionEarlierRunsDocument,
          { id: this.sessionId, runs: RUNS_PAGE, after: this.#earlierCursor },
          { requestPolicy: 'network-only' },
        )
        .toPromise();
      const session = result.data?.session;
      if (this.#disposed || !session) return false;
      const earlier = this.#takeRunsPage(session).filter(
        (run) => !this.runs.some((shown) => shown.id === run.id),
      );
      this.runs = [...earlier, ...this.runs];
      for (const run of earlier) if (!run.finished) this.#follow(run);
      return true;
    } finally {
      this.loadingEarlier = false;
    }
  }

  /** Adds a run this tab just created (or found again by its clientMutationId) and follows it. */
  addRun(summary: RunSummary_RunFragment): RunState {
    const existing = this.runs.find((run) => run.id === summary.id);
    if (existing) return existing;
    const run = new RunState(summary);
    this.runs.push(run);
    const state = this.runs.at(-1) ?? run;
    if (!state.finished) this.#follow(state);
    return state;
  }

  updateRun(summary: RunSummary_RunFragment): void {
    this.runs.find((run) => run.id === summary.id)?.updateSummary(summary);
  }

  /** Records a request as the server now has it (after an answer from this tab or elsewhere). */
  upsertRequest(ref: RequestRef): void {
    const index = this.requests.findIndex((existing) => existing.id === ref.id);
    if (index === -1) this.requests.push(ref);
    else this.requests[index] = ref;
  }

  /** Takes the session as an action's answer has it (e.g. after a sync or restore). */
  updateSession = (session: FragmentType<typeof SessionPanelFragment>): void => {
    this.session = session;
  };

  setFeedback(requestId: string, message: string): void {
    this.feedback[requestId] = message;
  }

  dispose(): void {
    this.#disposed = true;
    for (const stream of this.#streams.values()) stream.unsubscribe();
    this.#streams.clear();
    this.#sessionStream?.unsubscribe();
    this.#stopLost?.();
  }

  /** A page of runs as the chat shows them, oldest first; notes where the page before it starts. */
  #takeRunsPage(ref: FragmentType<typeof ChatRunsFragment>): RunState[] {
    const { runs } = useFragment(ChatRunsFragment, ref);
    this.#earlierCursor = runs.pageInfo.hasNextPage ? (runs.pageInfo.endCursor ?? null) : null;
    // The API lists runs newest first; a chat reads oldest first.
    return [...runs.edges].reverse().map((edge) => {
      const run = new RunState(useFragment(RunSummaryFragment, edge.node));
      for (const ref of edge.node.events) run.apply(useFragment(RunEventFragment, ref));
      // The summary was read with the events; it is the later word on status and attempts.
      run.updateSummary(useFragment(RunSummaryFragment, edge.node));
      return run;
    });
  }

  #follow(run: RunState): void {
    if (this.#disposed) return;
    const existing = this.#streams.get(run.id);
    if (existing) return existing.restart();
    const stream = liveSubscription(
      this.#deps.client,
      RunEventsDocument,
      () => ({ runId: run.id, afterSeq: run.lastSeq }),
      (data) => this.#onEvent(run, useFragment(RunEventFragment, data.runEvents)),
    );
    this.#streams.set(run.id, stream);
  }

  #onEvent(run: RunState, event: RunEvent_EventFragment): void {
    const outcome = run.apply(event);
    if (outcome.kind === 'gap') {
      // Never expected from the API; resuming from what we have is always safe.
      this.#follow(run);
      return;
    }
    if (outcome.kind === 'duplicate') return;
    this.#applyEffects(run, outcome.effects);
  }

  #applyEffects(run: RunState, effects: RunEventEffects): void {
    if (effects.todos) this.todos = effects.todos;
    if (effects.request) {
      this.upsertRequest(effects.request);
      if (effects.requested) {
        const request = useFragment(HumanLoopCardFragment, effects.request);
        if (request.status === 'PENDING')
          this.#deps.onRequested?.({ id: request.id, prompt: request.prompt });
      }
    }
    if (effects.finished) {
      this.#streams.get(run.id)?.unsubscribe();
      this.#streams.delete(run.id);
      // Attempts, duration, usage and closed questions are settled with the run, not carried by
      // its events.
      void this.#refreshRun(run.id);
      this.#deps.onRunFinished?.(run.id);
    }
  }

  async #refreshRun(runId: string): Promise<void> {
    const result = await this.#deps.client
      .query(RunSummaryDocument, { id: runId }, { requestPolicy: 'network-only' })
      .toPromise();
    const run = result.data?.run;
    if (!run) return;
    this.updateRun(useFragment(RunSummaryFragment, run));
    // A run that ends closes its open questions (canceled, failed): no event says so.
    for (const request of run.humanLoopRequests) this.upsertRequest(request);
  }

  /** After a lost connection, every live run continues from the last event it has. */
  #resumeAll(): void {
    for (const run of this.runs) if (!run.finished && this.#streams.has(run.id)) this.#follow(run);
  }

  #followSession(): void {
    this.#sessionStream = liveSubscription(
      this.#deps.client,
      SessionUpdatedDocument,
      () => ({ sessionId: this.sessionId }),
      (data) => {
        const session = data.sessionUpdated;
        if (!session) return;
        this.title = session.title;
        this.session = session;
      },
    );
  }
}

import { HumanLoop } from '../human-loop/human-loop.js';
import type { Logger } from '../logger.js';
import type { StartRunRequest } from '../protocol.js';
import type { ProviderRegistry } from '../providers/provider.js';
import { EventLog } from './event-log.js';
import { runAgent } from './run-agent.js';
import { RunStopped, type RunStopReason } from './run-stop.js';

const DEFAULT_HUMAN_LOOP_DEADLINE_SECONDS = 300;

/** A run the executor holds: running, or finished and waiting for the worker's acknowledgement. */
export interface Run {
  readonly id: string;
  readonly request: StartRunRequest;
  readonly events: EventLog;
  readonly humanLoop: HumanLoop;
  /** Settles when the agent is done (finished, or left unfinished by shutdown). */
  readonly done: Promise<void>;
  stop(why: RunStopReason): void;
}

export interface RunRegistryDeps {
  providers: ProviderRegistry;
  workspaceDir: string;
  agentDataDir: string;
  logger: Logger;
}

export type ForgetOutcome = 'forgotten' | 'running' | 'unknown';

/** The runs of this executor by id. Starting is idempotent per id: a retrying worker attaches instead. */
export class RunRegistry {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly deps: RunRegistryDeps) {}

  get(runId: string): Run | undefined {
    return this.runs.get(runId);
  }

  list(): Run[] {
    return [...this.runs.values()];
  }

  /** Starts the run unless one with that id exists; `created` says which happened. */
  start(request: StartRunRequest): { run: Run; created: boolean } {
    const existing = this.runs.get(request.runId);
    if (existing !== undefined) return { run: existing, created: false };

    const abort = new AbortController();
    const events = new EventLog();
    const humanLoop = new HumanLoop({
      emit: (body) => void events.append(body),
      deadlineSeconds: request.humanLoopDeadlineSeconds ?? DEFAULT_HUMAN_LOOP_DEADLINE_SECONDS,
    });
    const done = runAgent({
      request,
      provider: this.deps.providers.get(request.provider),
      events,
      humanLoop,
      signal: abort.signal,
      workspaceDir: this.deps.workspaceDir,
      agentDataDir: this.deps.agentDataDir,
      logger: this.deps.logger,
    });
    const run: Run = {
      id: request.runId,
      request,
      events,
      humanLoop,
      done,
      stop: (why) => {
        if (abort.signal.aborted || events.finished) return;
        // Close questions first: a provider that asks after the abort must not open a new one.
        humanLoop.close(why === 'cancel' ? 'the run was canceled' : 'the executor is shutting down');
        abort.abort(new RunStopped(why));
      },
    };
    this.runs.set(run.id, run);
    this.deps.logger.info('run started', { runId: run.id, provider: request.provider, model: request.model });
    return { run, created: true };
  }

  /** Drops a finished run's events once the worker has persisted them. */
  forget(runId: string): ForgetOutcome {
    const run = this.runs.get(runId);
    if (run === undefined) return 'unknown';
    if (!run.events.finished) return 'running';
    this.runs.delete(runId);
    return 'forgotten';
  }

  /** Stops every agent (their child processes with them) and waits until they are done. */
  async shutdown(): Promise<void> {
    const runs = this.list();
    for (const run of runs) run.stop('shutdown');
    await Promise.all(runs.map((run) => run.done));
  }
}

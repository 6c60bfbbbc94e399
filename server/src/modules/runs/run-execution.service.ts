import type {
  ErrorClass,
  ExecutorEvent,
  ProviderName,
  StartRunRequest,
} from '../../../../executor/src/protocol.js';
import { ExecutorCallError, ExecutorClient } from '../../executor-client/executor-client.js';
import type { AgentEndpoints } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { SessionRuntime } from '../../runtime/session-runtime.js';
import type { App, Provider } from '../apps/app.entity.js';
import type { AppRepository } from '../apps/app.repository.js';
import { gateRun, providerEnvironment } from '../apps/provider-settings.js';
import type { HumanLoopService } from '../human-loop/human-loop.service.js';
import { requiredPathsBlock } from '../sessions/restore-plan.js';
import type { SessionActivator } from '../sessions/session-activator.js';
import type { SessionRepository } from '../sessions/session.repository.js';
import type { SnapshotService } from '../snapshots/snapshot.service.js';
import type { SessionService } from '../sessions/session.service.js';
import type { UsageRepository } from '../usage/usage.repository.js';
import { pipeEvents } from './pipe-events.js';
import type { AppendItem } from './run-fold.js';
import { effectiveRunSettings } from './run-options.js';
import type { RunEventStore } from './run-event.store.js';
import { isFinalRunStatus, type Run } from './run.entity.js';
import type { RunRepository } from './run.repository.js';
import type { RunService } from './run.service.js';

const PROVIDER_NAMES: Record<Provider, ProviderName> = {
  SCRIPTED: 'scripted',
  CLAUDE_CODE: 'claude-code',
  CODEX_CLI: 'codex-cli',
  OPENCODE: 'opencode',
};

/** How many times a broken event stream is reattached within one job before the job is retried. */
const REATTACHES = 3;

/** A fault of the machinery around the agent (container, network, executor): worth retrying. */
export class InfrastructureError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'InfrastructureError';
  }
}

/**
 * Owns a run on the worker side (DESIGN.md "Run flow"): brings the session's executor up,
 * starts the agent or reattaches to it, persists its events, and settles the run.
 */
export class RunExecutionService {
  constructor(
    private readonly deps: {
      runs: RunRepository;
      runService: RunService;
      store: RunEventStore;
      sessions: SessionRepository;
      sessionService: SessionService;
      apps: AppRepository;
      humanLoop: HumanLoopService;
      usage: UsageRepository;
      runtime: SessionRuntime;
      /** Brings the container up, restoring the latest snapshot into a new one (LC5). */
      activator: SessionActivator;
      snapshots: SnapshotService;
      /** Provider endpoints and keys of this deployment, for the session containers' environment. */
      agents: AgentEndpoints;
      log: Logger;
    },
  ) {}

  /**
   * `signal`: the worker is stopping. The run is then no longer followed (its agent goes on in the
   * executor) and this throws; the job hands the run on to the next worker, which attaches after
   * the last event committed.
   */
  async execute(runId: string, signal?: AbortSignal): Promise<void> {
    const { runs, store, sessions, log } = this.deps;
    const run = await runs.findById(runId);
    if (!run) return;
    if (isFinalRunStatus(run.status)) return this.settleIfUnsettled(run);
    const head = await runs.headOfSession(run.session.id);
    // Not this run's turn: the run ahead of it hands the queue on when it settles.
    if (head && head.id !== run.id) return;
    if (run.cancelRequestedAt && run.status === 'QUEUED') {
      await this.finish(
        run,
        'CANCELED',
        'canceled',
        'canceled before it started',
        'send the message again to run it',
      );
      return;
    }
    const app = await this.deps.apps.findById(run.session.app.id);
    if (!app) throw new Error(`app of run ${runId} is gone`);

    // PR4: a run the app cannot do is blocked with what to change, before any container starts.
    if (run.status === 'QUEUED' && run.attempts === 0) {
      const session = await sessions.findById(run.session.id);
      const settings = effectiveRunSettings(app, run.options);
      const gate = gateRun(settings.app, settings.newAgentSession ? null : (session?.agentSessionId ?? null));
      if (gate.kind === 'blocked') {
        await this.finish(run, 'BLOCKED', 'capability_missing', gate.message, gate.suggestion);
        return;
      }
    }
    if (run.status === 'QUEUED')
      await store.append(run.id, [{ record: { type: 'RunStatusChanged', payload: { status: 'STARTING' } } }]);
    await sessions.transition(run.session.id, ['ABSENT', 'STOPPED', 'REMOVED', 'FAILED'], 'STARTING');
    let endpoint;
    try {
      endpoint = await this.deps.activator.ensureRunning(
        run.session.id,
        app.image ?? null,
        providerEnvironment(app, this.deps.agents, this.deps.runtime.kind),
      );
    } catch (error) {
      await sessions.transition(run.session.id, ['STARTING'], 'FAILED');
      throw new InfrastructureError(`the session's container could not be started: ${message(error)}`, error);
    }
    if (
      await sessions.transition(
        run.session.id,
        ['ABSENT', 'STARTING', 'STOPPED', 'REMOVED', 'FAILED'],
        'RUNNING',
      )
    ) {
      await this.deps.sessionService.notifyChanged(run.session.id);
    }

    const client = new ExecutorClient(endpoint);
    await this.reportRuntimeWarning(run);
    // WS5: a fresh run needs the app's required paths; without them it is blocked with what to add.
    if (run.attempts === 0 && app.runtimeManifest?.requiredPaths.length) {
      const { missing } = await client
        .runtimeCheck({ requiredPaths: app.runtimeManifest.requiredPaths })
        .catch((error: unknown) => {
          throw new InfrastructureError(`the executor could not be reached: ${message(error)}`, error);
        });
      if (missing.length > 0) {
        const block = requiredPathsBlock(missing);
        await this.finish(run, 'BLOCKED', 'required_paths_missing', block.message, block.suggestion);
        return;
      }
    }
    let finished = false;
    for (let attach = 0; attach < REATTACHES && !finished; attach++) {
      signal?.throwIfAborted();
      const current = (await runs.findById(run.id)) ?? run;
      if (isFinalRunStatus(current.status)) return this.settle(current, app);
      const events = await this.openStream(client, current, app, signal).catch((error: unknown) => {
        throw new InfrastructureError(`the executor could not be reached: ${message(error)}`, error);
      });
      await this.redeliverAnswers(current);
      if (current.cancelRequestedAt) await client.cancel(run.id).catch(() => undefined);
      try {
        ({ finished } = await pipeEvents(events, (batch) =>
          this.append(
            run.id,
            batch.map((event) => ({ executor: event })),
          ),
        ));
      } catch (error) {
        // The stream was closed on purpose; what was read before is committed.
        signal?.throwIfAborted();
        if (!(error instanceof ExecutorCallError)) throw error;
        log.warn({ runId, err: error }, 'executor stream broke; reattaching');
      }
    }
    if (!finished) throw new InfrastructureError('the executor stream kept ending before the run finished');
    await client
      .acknowledge(run.id)
      .catch((error: unknown) => log.warn({ err: error, runId }, 'acknowledge failed'));
    const settled = await runs.findById(run.id);
    if (settled) await this.settle(settled, app);
  }

  /** After the last retry: the run fails with a class and a suggestion instead of staying RUNNING. */
  async failForInfrastructure(runId: string, error: unknown): Promise<void> {
    const run = await this.deps.runs.findById(runId);
    if (!run || isFinalRunStatus(run.status)) return;
    await this.finish(
      run,
      'FAILED',
      'transport_error',
      `the run could not be completed: ${message(error)}`,
      "check that the session's container can start (Docker running, image present) and send the message again",
    );
  }

  private async openStream(
    client: ExecutorClient,
    run: Run,
    app: App,
    signal: AbortSignal | undefined,
  ): Promise<AsyncIterable<ExecutorEvent>> {
    const attached = run.attempts > 0 ? await client.attach(run.id, run.executorSeq, signal) : null;
    if (attached) return attached;
    if (run.attempts > 0) {
      await this.append(run.id, [
        {
          record: {
            type: 'RunWarning',
            payload: {
              message:
                "the session's executor lost this run (its container was restarted); the agent starts it again",
            },
          },
        },
      ]);
    }
    await this.deps.runs.beginAttempt(run.id);
    const session = await this.deps.sessions.findById(run.session.id);
    const settings = effectiveRunSettings(app, run.options);
    const gate = gateRun(settings.app, settings.newAgentSession ? null : (session?.agentSessionId ?? null));
    const resumeId = gate.kind === 'go' ? gate.resumeId : null;
    if (gate.kind === 'go' && gate.warnings.length > 0) {
      await this.append(
        run.id,
        gate.warnings.map((text) => ({ record: { type: 'RunWarning', payload: { message: text } } })),
      );
    }
    const request: StartRunRequest = {
      runId: run.id,
      provider: PROVIDER_NAMES[app.provider],
      model: settings.model,
      prompt: run.prompt,
      systemPrompt: settings.systemPrompt,
      resumeId,
      options: settings.options,
    };
    return client.startRun(request, 0, signal);
  }

  /** WS5: a restore across runtime versions is reported on the next run, once. */
  private async reportRuntimeWarning(run: Run): Promise<void> {
    const warning = (await this.deps.sessions.findById(run.session.id))?.runtimeWarning;
    if (!warning) return;
    await this.append(run.id, [{ record: { type: 'RunWarning', payload: { message: warning } } }]);
    await this.deps.sessions.clearRuntimeWarning(run.session.id, warning);
  }

  /** Answers recorded while the executor could not be reached are delivered once it can. */
  private async redeliverAnswers(run: Run): Promise<void> {
    for (const request of await this.deps.humanLoop.undelivered(run.id)) {
      if (request.answer)
        await this.deps.humanLoop.deliver(run.session.id, run.id, request.id, request.answer);
    }
  }

  private async append(runId: string, items: AppendItem[]): Promise<void> {
    const result = await this.deps.store.append(runId, items);
    const requested = result.events.filter((event) => event.type === 'HumanLoopRequested');
    if (requested.length) {
      await this.deps.humanLoop.notifyRequested(
        result.ownerId,
        requested.map((event) => (event.type === 'HumanLoopRequested' ? event.payload.requestId : '')),
      );
    }
  }

  private async finish(
    run: Run,
    status: 'FAILED' | 'CANCELED' | 'BLOCKED',
    errorClass: ErrorClass,
    text: string,
    suggestion: string,
  ) {
    await this.append(run.id, [
      {
        record: {
          type: 'RunFinished',
          payload: { status, error: { class: errorClass, message: text, suggestion } },
        },
      },
    ]);
    const settled = await this.deps.runs.findById(run.id);
    const app = await this.deps.apps.findById(run.session.app.id);
    if (settled && app) await this.settle(settled, app);
  }

  /**
   * A job that stopped between a run's final event and the end of its settlement (a killed worker,
   * a database outage) settles it when it runs again. The usage record is written last, so a run
   * that has one is settled.
   */
  private async settleIfUnsettled(run: Run): Promise<void> {
    if (await this.deps.usage.has(run.id)) return;
    const app = await this.deps.apps.findById(run.session.app.id);
    if (app) await this.settle(run, app);
  }

  /**
   * RN7: session activity, a snapshot, the next run of the session, and the usage log. Each step
   * may be repeated by `settleIfUnsettled`, so each is idempotent or harmless twice.
   */
  private async settle(run: Run, app: App): Promise<void> {
    const at = run.finishedAt ?? new Date();
    await this.deps.sessions.touch(run.session.id, at);
    // WS3: a snapshot after every run, before the next one may change the workspace. A failed
    // sync is counted on the session (LC4) and retried by the sweeps; the run's result stands.
    await this.deps.snapshots
      .syncIfRunning(run.session.id, 'AFTER_RUN', run.id)
      .catch((error: unknown) => this.deps.log.warn({ runId: run.id, err: error }, 'sync after run failed'));
    await this.deps.sessionService.notifyChanged(run.session.id);
    await this.deps.runService.startNext(run.session.id);
    await this.deps.usage.record({
      runId: run.id,
      sessionId: run.session.id,
      userId: run.session.owner.id,
      appId: app.id,
      provider: app.provider,
      model: app.model,
      inputTokens: run.inputTokens,
      outputTokens: run.outputTokens,
      costUsd: run.costUsd == null ? null : Number(run.costUsd),
      durationMs: run.startedAt ? at.getTime() - run.startedAt.getTime() : null,
      status: run.status,
      at,
    });
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

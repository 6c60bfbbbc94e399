import { ExecutorClient } from '../../executor-client/executor-client.js';
import type { Logger } from '../../logger.js';
import type { ExecutorEndpoint, SessionRuntime } from '../../runtime/session-runtime.js';
import type { AppService } from '../apps/app.service.js';
import type { SnapshotService } from '../snapshots/snapshot.service.js';
import { describeStep, planRestore, type RestorePlan, type RestoreStep } from './restore-plan.js';
import type { Session } from './session.entity.js';
import type { SessionRepository } from './session.repository.js';

/**
 * Brings a session's executor up (LC1) and, when its container had to be created from nothing (a
 * new session, one removed by the sweep, or one lost behind our back), applies the restore plan
 * (WS5, LC5) before anything runs in it: the app's seed files, the latest snapshot's workspace and
 * agent data, and the app's runtime fix-ups.
 */
export class SessionActivator {
  constructor(
    private readonly deps: {
      runtime: SessionRuntime;
      repository: SessionRepository;
      snapshots: SnapshotService;
      apps: AppService;
      log: Logger;
    },
  ) {}

  /** `env`: the agent's endpoint and key for the session's app (never logged). */
  async ensureRunning(
    sessionId: string,
    image: string | null,
    env: Record<string, string> = {},
  ): Promise<ExecutorEndpoint> {
    const { runtime, repository, snapshots } = this.deps;
    const before = await runtime.status(sessionId);
    if (before.state === 'absent') {
      // Written down before the container exists, so a crash between creating it and restoring
      // into it cannot leave a fresh workspace that looks complete: the next activation redoes it.
      const latest = await snapshots.latestOfSession(sessionId);
      await repository.beginRestorePlan(sessionId, latest?.id ?? null);
    }
    const session = await repository.findById(sessionId);
    // A pending restore without a plan: written by a release from before restore plans.
    if (!session || (!session.restorePlanPending && !session.pendingRestoreId))
      return runtime.ensureRunning({ sessionId, image, env });
    return this.applyRestorePlan(session, await this.plan(session, image), env);
  }

  private async plan(session: Session, image: string | null): Promise<RestorePlan> {
    const app = await this.deps.apps.findById(session.app.id);
    const found = session.pendingRestoreId
      ? await this.deps.snapshots.withFiles(session.pendingRestoreId)
      : null;
    return planRestore({
      image,
      manifest: app?.runtimeManifest ?? null,
      snapshot: found
        ? { id: found.snapshot.id, runtimeVersion: found.snapshot.runtimeVersion ?? null, files: found.files }
        : null,
    });
  }

  /** The layers in order, each logged with what it did; a failure leaves the plan pending for the next try. */
  private async applyRestorePlan(
    session: Session,
    plan: RestorePlan,
    env: Record<string, string>,
  ): Promise<ExecutorEndpoint> {
    const { repository, log } = this.deps;
    const sessionId = session.id;
    const started = Date.now();
    log.info(
      {
        sessionId,
        op: 'session.restorePlan',
        runtimeVersion: plan.runtimeVersion,
        layers: plan.steps.map((step) => ({ layer: step.layer, name: step.name, ...describeStep(step) })),
      },
      'restore plan',
    );
    let endpoint: ExecutorEndpoint | null = null;
    for (const step of plan.steps) {
      const stepStarted = Date.now();
      const outcome = await this.applyStep(sessionId, step, env, endpoint);
      endpoint = outcome.endpoint;
      log.info(
        {
          sessionId,
          op: 'session.restorePlan',
          layer: step.layer,
          ...outcome.result,
          ms: Date.now() - stepStarted,
        },
        `restore plan ${step.layer} (${step.name}) applied`,
      );
    }
    await repository.finishRestorePlan(sessionId, {
      // The one that was pending, even if it could not be found any more.
      snapshotId: session.pendingRestoreId ?? null,
      runtimeVersion: plan.runtimeVersion,
      warning: plan.versionWarning,
    });
    if (plan.versionWarning) log.warn({ sessionId, op: 'session.restorePlan' }, plan.versionWarning);
    log.info({ sessionId, op: 'session.restorePlan', ms: Date.now() - started }, 'restore plan complete');
    return endpoint!;
  }

  private async applyStep(
    sessionId: string,
    step: RestoreStep,
    env: Record<string, string>,
    endpoint: ExecutorEndpoint | null,
  ): Promise<{ endpoint: ExecutorEndpoint; result: Record<string, unknown> }> {
    if (step.layer === 'L0') {
      // The container itself: created from the image (or started, when a crash interrupted the plan).
      const created = await this.deps.runtime.ensureRunning({ sessionId, image: step.image, env });
      return { endpoint: created, result: {} };
    }
    if (!endpoint) throw new Error('restore plan: the container must come up (L0) before any other layer');
    const client = new ExecutorClient(endpoint);
    switch (step.layer) {
      case 'L1':
        return {
          endpoint,
          result: step.files.length
            ? { ...(await client.runtimeSeed({ files: step.files })) }
            : { written: [] },
        };
      case 'L2':
        return {
          endpoint,
          result: step.snapshotId
            ? { ...(await this.deps.snapshots.restoreRoot(sessionId, step.snapshotId, '/workspace')) }
            : { skipped: 'no snapshot: a new session' },
        };
      case 'L3':
        return {
          endpoint,
          result: step.snapshotId
            ? { ...(await this.deps.snapshots.restoreRoot(sessionId, step.snapshotId, '/agent-data')) }
            : { skipped: 'no snapshot: a new session' },
        };
      case 'L4': {
        const { cleanupRules, mountPoints } = step.fixups;
        return {
          endpoint,
          result:
            cleanupRules.length || mountPoints.length
              ? { ...(await client.runtimeFixups(step.fixups)) }
              : { skipped: 'nothing to fix up' },
        };
      }
    }
  }
}

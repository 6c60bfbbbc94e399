import { streamText } from 'ai';
import type { HumanLoop } from '../human-loop/human-loop.js';
import type { Logger } from '../logger.js';
import type { ExecutorEventBody, ProtocolError, StartRunRequest } from '../protocol.js';
import type { AgentProvider, ProviderHooks } from '../providers/provider.js';
import { classifyError, type ErrorContext, protocolError } from './classify-error.js';
import type { EventLog } from './event-log.js';
import { createStreamMappingState, mapStreamPart } from './map-stream-part.js';
import { stopReasonOf } from './run-stop.js';

export interface RunAgentDeps {
  request: StartRunRequest;
  /** Undefined when this executor build does not include the requested provider. */
  provider: AgentProvider | undefined;
  events: EventLog;
  humanLoop: HumanLoop;
  /** Aborted by cancel (the run ends `canceled`) or shutdown (the run is left unfinished). */
  signal: AbortSignal;
  workspaceDir: string;
  agentDataDir: string;
  logger: Logger;
}

type Ending =
  | { status: 'succeeded' }
  | { status: 'failed' | 'canceled'; error: ProtocolError }
  | { status: 'unfinished' };

/**
 * Runs one agent turn: `run.started`, the provider's parts mapped to events, then exactly one
 * `run.finished`. Never rejects: every failure becomes a classified `run.finished`.
 */
export async function runAgent(deps: RunAgentDeps): Promise<void> {
  const { request, events, humanLoop, signal, logger } = deps;
  const context: ErrorContext = { provider: request.provider, model: request.model };
  const emit = (body: ExecutorEventBody): void => {
    // A provider that ignores the abort may still produce parts after the run ended; they are dropped.
    if (!events.finished) events.append(body);
  };

  emit({ type: 'run.started', provider: request.provider, model: request.model });
  let ending: Ending;
  try {
    ending = await streamAgent(deps, emit, context);
  } catch (error) {
    logger.error('run failed unexpectedly', { runId: request.runId, error: String(error) });
    ending = { status: 'failed', error: protocolError('internal', String(error), context) };
  } finally {
    humanLoop.close(stopReasonOf(signal) ?? 'the run ended');
  }
  if (ending.status === 'unfinished') {
    // Shutdown: no `run.finished`, so the worker sees a cut stream and retries the run elsewhere.
    logger.info('run left unfinished by shutdown', { runId: request.runId });
    return;
  }
  emit(
    ending.status === 'succeeded'
      ? { type: 'run.finished', status: 'succeeded' }
      : { type: 'run.finished', ...ending },
  );
  logger.info('run finished', { runId: request.runId, status: ending.status });
}

async function streamAgent(
  deps: RunAgentDeps,
  emit: (body: ExecutorEventBody) => void,
  context: ErrorContext,
): Promise<Ending> {
  const { request, provider, humanLoop, signal } = deps;
  if (provider === undefined) {
    return {
      status: 'failed',
      error: protocolError(
        'capability_missing',
        `this executor does not include the ${request.provider} provider`,
        context,
      ),
    };
  }
  const hooks: ProviderHooks = {
    ask: (question) => humanLoop.ask(question),
    workspaceDir: deps.workspaceDir,
    agentDataDir: deps.agentDataDir,
    signal,
  };

  let failure: { error: unknown } | null = null;
  const state = createStreamMappingState();
  try {
    const result = streamText({
      model: provider.createModel(request, hooks),
      prompt: request.prompt,
      ...(request.systemPrompt ? { system: request.systemPrompt } : {}),
      abortSignal: signal,
      // A retry would replay the turn's side effects (files written, commands run); the worker
      // decides about new attempts, with the agent's own resume where it has one.
      maxRetries: 0,
      // Errors reach us as `error` parts or thrown from the read; the default handler only logs them.
      onError: () => {},
      ...provider.streamOptions?.(request),
    });
    const reader = result.fullStream.getReader();
    // Cancelling the reader ends a pending read at once, even if the provider ignores the signal.
    const stopReading = (): void => void reader.cancel(signal.reason).catch(() => {});
    if (signal.aborted) stopReading();
    signal.addEventListener('abort', stopReading, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const outcome = mapStreamPart(value, state);
        if (outcome.kind === 'abort') break;
        if (outcome.kind === 'error') {
          // The first error is the cause; later ones are usually its echoes.
          failure ??= { error: outcome.error };
          continue;
        }
        for (const event of outcome.events) emit(event);
      }
    } finally {
      signal.removeEventListener('abort', stopReading);
    }
  } catch (error) {
    failure ??= { error };
  }

  switch (stopReasonOf(signal)) {
    case 'shutdown':
      return { status: 'unfinished' };
    case 'cancel':
      return { status: 'canceled', error: protocolError('canceled', 'the run was canceled', context) };
    case null:
      return failure === null
        ? { status: 'succeeded' }
        : { status: 'failed', error: classifyError(failure.error, context) };
  }
}

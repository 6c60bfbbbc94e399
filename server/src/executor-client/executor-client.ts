import http from 'node:http';
import type {
  ExecutorEvent,
  HumanLoopAnswerRequest,
  RuntimeCheckRequest,
  RuntimeCheckResponse,
  RuntimeFixupsRequest,
  RuntimeFixupsResponse,
  RuntimeSeedRequest,
  RuntimeSeedResponse,
  StartRunRequest,
  SyncRestoreRequest,
  SyncRestoreResponse,
  SyncScanResponse,
  SyncUploadRequest,
  SyncUploadResponse,
} from '../../../executor/src/protocol.js';
import type { ExecutorEndpoint } from '../runtime/session-runtime.js';

/** What a streaming call sends: its method and, for a POST, a JSON body. */
interface StreamInit {
  method: 'GET' | 'POST';
  body?: string;
  /** Closes the stream (only this worker's view of the run: the agent goes on). */
  signal?: AbortSignal;
}

export type ExecutorFailureKind = 'http' | 'timeout' | 'network';

/** A failed executor call, classified (LC8): 5xx, timeouts and network errors are worth retrying. */
export class ExecutorCallError extends Error {
  constructor(
    readonly kind: ExecutorFailureKind,
    readonly path: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'ExecutorCallError';
  }

  get retryable(): boolean {
    return this.kind !== 'http' || (this.status !== null && this.status >= 500);
  }
}

const CALL_TIMEOUT_MS = 10_000;
const CALL_ATTEMPTS = 3;
/** Sync calls hash or move whole workspaces: minutes, not seconds. */
const SYNC_TIMEOUT_MS = 10 * 60_000;

/** HTTP calls to a session's executor; the token goes in a header and never into an error or log. */
export class ExecutorClient {
  constructor(private readonly endpoint: ExecutorEndpoint) {}

  /**
   * Starts a run (or, if the executor has it already, attaches after `after`): NDJSON events.
   * `signal` closes the stream; the run goes on in the executor.
   */
  startRun(
    request: StartRunRequest,
    after: number,
    signal?: AbortSignal,
  ): Promise<AsyncIterable<ExecutorEvent>> {
    return this.stream(`/runs?after=${after}`, { method: 'POST', body: JSON.stringify(request), signal });
  }

  /** The run's events after `after`, live until it finishes; null when the executor does not know the run. */
  async attach(
    runId: string,
    after: number,
    signal?: AbortSignal,
  ): Promise<AsyncIterable<ExecutorEvent> | null> {
    try {
      return await this.stream(`/runs/${encodeURIComponent(runId)}/events?after=${after}`, {
        method: 'GET',
        signal,
      });
    } catch (error) {
      if (error instanceof ExecutorCallError && error.status === 404) return null;
      throw error;
    }
  }

  async cancel(runId: string): Promise<void> {
    await this.call(`/runs/${encodeURIComponent(runId)}/cancel`, { method: 'POST' }, [404]);
  }

  /** Delivers an answer; false when the executor had it already (409) or no longer knows the run (404). */
  async answer(runId: string, requestId: string, body: HumanLoopAnswerRequest): Promise<boolean> {
    const status = await this.call(
      `/runs/${encodeURIComponent(runId)}/human-loop/${encodeURIComponent(requestId)}`,
      { method: 'POST', body: JSON.stringify(body) },
      [404, 409],
    );
    return status < 300;
  }

  /** Tells the executor every event is persisted, so it can forget the run. */
  async acknowledge(runId: string): Promise<void> {
    await this.call(`/runs/${encodeURIComponent(runId)}`, { method: 'DELETE' }, [404, 409]);
  }

  /** The manifest of the session's files (hashing only what changed since the last scan). */
  syncScan(): Promise<SyncScanResponse> {
    return this.json('/sync/scan', { method: 'POST', body: '{}' }, SYNC_TIMEOUT_MS);
  }

  /** Has the executor PUT the given files to their presigned URLs. */
  syncUpload(request: SyncUploadRequest): Promise<SyncUploadResponse> {
    return this.json('/sync/upload', { method: 'POST', body: JSON.stringify(request) }, SYNC_TIMEOUT_MS);
  }

  /** Has the executor write a manifest's files from their presigned URLs. */
  syncRestore(request: SyncRestoreRequest): Promise<SyncRestoreResponse> {
    return this.json('/sync/restore', { method: 'POST', body: JSON.stringify(request) }, SYNC_TIMEOUT_MS);
  }

  /** Restore plan L1: writes the app's seed files where the plan allows. */
  runtimeSeed(request: RuntimeSeedRequest): Promise<RuntimeSeedResponse> {
    return this.json('/runtime/seed', { method: 'POST', body: JSON.stringify(request) }, SYNC_TIMEOUT_MS);
  }

  /** Restore plan L4: cleanup rules, then mount points (walks the workspace, so sync's timeout). */
  runtimeFixups(request: RuntimeFixupsRequest): Promise<RuntimeFixupsResponse> {
    return this.json('/runtime/fixups', { method: 'POST', body: JSON.stringify(request) }, SYNC_TIMEOUT_MS);
  }

  /** Which of the app's required paths the workspace lacks. */
  runtimeCheck(request: RuntimeCheckRequest): Promise<RuntimeCheckResponse> {
    return this.json('/runtime/check', { method: 'POST', body: JSON.stringify(request) }, CALL_TIMEOUT_MS);
  }

  /** A call that answers JSON, with timeout and retries on retryable failures (LC8). */
  private async json<T>(path: string, init: RequestInit, timeoutMs: number): Promise<T> {
    let lastError: ExecutorCallError | null = null;
    for (let attempt = 1; attempt <= CALL_ATTEMPTS; attempt++) {
      try {
        const response = await this.fetch(path, init, AbortSignal.timeout(timeoutMs));
        const text = await response.text();
        if (response.ok) return JSON.parse(text) as T;
        let reason = '';
        try {
          const body = JSON.parse(text) as { error?: unknown };
          if (typeof body.error === 'string') reason = body.error;
        } catch {
          // not JSON: the status says enough
        }
        lastError = new ExecutorCallError(
          'http',
          path,
          response.status,
          `executor answered ${response.status} on ${path}${reason ? `: ${reason}` : ''}`,
        );
      } catch (error) {
        lastError = asCallError(error, path);
      }
      if (!lastError.retryable || attempt === CALL_ATTEMPTS) break;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** (attempt - 1)));
    }
    throw lastError ?? new ExecutorCallError('network', path, null, `executor call ${path} failed`);
  }

  /** A short call with timeout and retries on retryable failures; returns the HTTP status. */
  private async call(path: string, init: RequestInit, tolerated: number[] = []): Promise<number> {
    let lastError: ExecutorCallError | null = null;
    for (let attempt = 1; attempt <= CALL_ATTEMPTS; attempt++) {
      try {
        const response = await this.fetch(path, init, AbortSignal.timeout(CALL_TIMEOUT_MS));
        await response.body?.cancel();
        if (response.ok || tolerated.includes(response.status)) return response.status;
        lastError = new ExecutorCallError(
          'http',
          path,
          response.status,
          `executor answered ${response.status} on ${path}`,
        );
      } catch (error) {
        lastError = asCallError(error, path);
      }
      if (!lastError.retryable) break;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** (attempt - 1)));
    }
    throw lastError ?? new ExecutorCallError('network', path, null, `executor call ${path} failed`);
  }

  /**
   * Opens an NDJSON stream with `node:http` rather than `fetch`: every event of a run passes here on
   * its way to subscribers, and Node's own client hands each chunk over sooner than a web stream.
   */
  private stream(path: string, init: StreamInit): Promise<AsyncIterable<ExecutorEvent>> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = this.headers();
      if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
      const request = http.request(new URL(path, this.endpoint.url), { method: init.method, headers });
      // Only connecting is timed: a run's stream legitimately stays open while the agent works or
      // waits, so the timer is cleared once the answer's head arrives.
      const timer = setTimeout(
        () => request.destroy(new DOMException(`no answer within ${CALL_TIMEOUT_MS} ms`, 'TimeoutError')),
        CALL_TIMEOUT_MS,
      );
      request.setNoDelay(true);
      if (init.signal) {
        const close = () =>
          request.destroy(new DOMException(`the stream of ${path} was closed`, 'AbortError'));
        if (init.signal.aborted) close();
        else init.signal.addEventListener('abort', close, { once: true });
        request.once('close', () => init.signal?.removeEventListener('abort', close));
      }
      // After the head has arrived, a broken connection surfaces in the body, where readNdjson
      // classifies it; rejecting a settled promise is then a no-op.
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(asCallError(error, path));
      });
      request.once('response', (response) => {
        clearTimeout(timer);
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          response.resume();
          reject(new ExecutorCallError('http', path, status, `executor answered ${status} on ${path}`));
          return;
        }
        resolve(readNdjson<ExecutorEvent>(response));
      });
      request.end(init.body);
    });
  }

  private fetch(path: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    return fetch(new URL(path, this.endpoint.url), { ...init, signal, headers: this.headers() });
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.endpoint.token}`, 'content-type': 'application/json' };
  }
}

function asCallError(error: unknown, path: string): ExecutorCallError {
  if (error instanceof ExecutorCallError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError')
    return new ExecutorCallError('timeout', path, null, `executor did not answer ${path} in time`);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return new ExecutorCallError('network', path, null, `executor unreachable on ${path}${cause}`);
}

/** Parses a byte stream of newline-delimited JSON; a partial last line (a cut connection) is dropped. */
export async function* readNdjson<T>(body: AsyncIterable<Uint8Array>): AsyncIterable<T> {
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) yield JSON.parse(line) as T;
      }
    }
  } catch (error) {
    throw asCallError(error, 'stream');
  }
}

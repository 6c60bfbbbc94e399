import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { type ExecutorHealth, PROTOCOL_VERSION } from '../protocol.js';
import type { ProviderRegistry } from '../providers/provider.js';
import type { Run, RunRegistry } from '../runs/run-registry.js';
import { streamEvents } from './event-stream.js';
import { HttpError, readJsonBody } from './json-body.js';
import {
  humanLoopAnswerSchema,
  runtimeCheckRequestSchema,
  runtimeFixupsRequestSchema,
  runtimeSeedRequestSchema,
  startRunRequestSchema,
  syncRestoreRequestSchema,
  syncUploadRequestSchema,
} from './request-schemas.js';
import { SyncError, type WorkspaceSync } from '../sync/workspace-sync.js';
import type { RuntimeLayers } from '../workspace/runtime-layers.js';

/** Sync bodies carry one presigned URL per blob: 10,000 files need several MB. */
const SYNC_BODY_BYTES = 64 * 1024 * 1024;

export interface RouteDeps {
  runs: RunRegistry;
  providers: ProviderRegistry;
  logger: Logger;
  sync: WorkspaceSync;
  runtime: RuntimeLayers;
}

interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
}

interface Route {
  method: string;
  /** Path segments; `:name` captures one segment into `params`. */
  segments: string[];
  handle(context: RouteContext): Promise<void> | void;
}

/** The executor's HTTP API (see protocol.ts); authentication happens before any of these run. */
export function createRoutes({ runs, providers, logger, sync, runtime }: RouteDeps): Route[] {
  const knownRun = (params: Record<string, string>): Run => {
    const run = runs.get(params.runId ?? '');
    if (run === undefined) throw new HttpError(404, 'no such run');
    return run;
  };

  return [
    route('GET', '/health', ({ response }) => {
      const health: ExecutorHealth = {
        ok: true,
        protocolVersion: PROTOCOL_VERSION,
        runs: runs
          .list()
          .map((run) => ({ runId: run.id, finished: run.events.finished, lastSeq: run.events.lastSeq })),
        providers: [...providers.values()].map(({ name, capabilities }) => ({ name, capabilities })),
      };
      sendJson(response, 200, health);
    }),

    route('POST', '/runs', async ({ request, response, query }) => {
      const body = await readJsonBody(request, startRunRequestSchema);
      const after = afterParam(query);
      const { run, created } = runs.start(body);
      // A worker retrying the call attaches to the run it started before: never a second agent.
      if (!created) logger.info('run already known, attaching', { runId: run.id, after });
      streamEvents(response, run.events, created ? 0 : after);
    }),

    route('GET', '/runs/:runId/events', ({ response, params, query }) => {
      const after = afterParam(query);
      streamEvents(response, knownRun(params).events, after);
    }),

    route('POST', '/runs/:runId/cancel', ({ response, params }) => {
      const run = knownRun(params);
      run.stop('cancel');
      sendJson(response, 200, { ok: true, finished: run.events.finished });
    }),

    route('POST', '/runs/:runId/human-loop/:requestId', async ({ request, response, params }) => {
      const run = knownRun(params);
      const { answer } = await readJsonBody(request, humanLoopAnswerSchema);
      const outcome = run.humanLoop.answer(params.requestId ?? '', answer);
      switch (outcome) {
        case 'resolved':
          sendJson(response, 200, { ok: true, alreadyHandled: false });
          return;
        case 'already_handled':
          sendJson(response, 409, { ok: false, alreadyHandled: true });
          return;
        case 'unknown':
          throw new HttpError(404, 'no such human-loop request');
      }
    }),

    route('POST', '/sync/scan', async ({ response }) => {
      sendJson(response, 200, await syncing(() => sync.scan()));
    }),

    route('POST', '/sync/upload', async ({ request, response }) => {
      const body = await readJsonBody(request, syncUploadRequestSchema, SYNC_BODY_BYTES);
      sendJson(response, 200, await syncing(() => sync.upload(body)));
    }),

    route('POST', '/sync/restore', async ({ request, response }) => {
      const body = await readJsonBody(request, syncRestoreRequestSchema, SYNC_BODY_BYTES);
      sendJson(response, 200, await syncing(() => sync.restore(body)));
    }),

    // Seed files carry their content: a manifest's worth is a few MB at most.
    route('POST', '/runtime/seed', async ({ request, response }) => {
      const body = await readJsonBody(request, runtimeSeedRequestSchema, SYNC_BODY_BYTES);
      sendJson(response, 200, await runtime.seed(body));
    }),

    route('POST', '/runtime/fixups', async ({ request, response }) => {
      const body = await readJsonBody(request, runtimeFixupsRequestSchema);
      sendJson(response, 200, await runtime.fixups(body));
    }),

    route('POST', '/runtime/check', async ({ request, response }) => {
      const body = await readJsonBody(request, runtimeCheckRequestSchema);
      sendJson(response, 200, await runtime.check(body));
    }),

    route('DELETE', '/runs/:runId', ({ response, params }) => {
      const outcome = runs.forget(params.runId ?? '');
      switch (outcome) {
        case 'forgotten':
          sendJson(response, 200, { ok: true });
          return;
        case 'running':
          throw new HttpError(409, 'the run has not finished; cancel it first');
        case 'unknown':
          throw new HttpError(404, 'no such run');
      }
    }),
  ];
}

/** Finds the route for a method and path; null for an unknown route. */
export function matchRoute(
  routes: Route[],
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | null {
  const segments = pathname.split('/').filter((segment) => segment !== '');
  for (const candidate of routes) {
    if (candidate.method !== method || candidate.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = candidate.segments.every((expected, index) => {
      const actual = segments[index] ?? '';
      if (!expected.startsWith(':')) return expected === actual;
      const decoded = safeDecode(actual);
      if (decoded === null) return false;
      params[expected.slice(1)] = decoded;
      return true;
    });
    if (matches) return { route: candidate, params };
  }
  return null;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Sync failures become answers the server can classify (4xx: refused, 5xx: worth retrying). */
async function syncing<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof SyncError) throw new HttpError(error.status, error.message);
    throw error;
  }
}

function route(method: string, path: string, handle: Route['handle']): Route {
  return { method, segments: path.split('/').filter((segment) => segment !== ''), handle };
}

/** `?after=N`: the last seq the caller already has (default 0). */
function afterParam(query: URLSearchParams): number {
  const raw = query.get('after');
  if (raw === null || raw === '') return 0;
  const after = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(after)) throw new HttpError(400, '"after" must be a whole number of at least 0');
  return after;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

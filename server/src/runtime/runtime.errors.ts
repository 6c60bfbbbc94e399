import { DomainError } from '../errors.js';

/**
 * Failures of a session runtime. `transient` tells the job processor whether trying the same
 * operation again later can succeed (engine restarting, executor still booting) or whether only a
 * change of configuration or input can help; it maps the flag to "retry" or `UnrecoverableError`.
 */
export abstract class RuntimeError extends DomainError {
  abstract readonly transient: boolean;
}

/** The Docker engine (or, for the process runtime, the machine) cannot be reached or refused the call. */
export class RuntimeUnavailableError extends RuntimeError {
  readonly code = 'RUNTIME_UNAVAILABLE';
  readonly transient = true;
  constructor(
    readonly operation: string,
    readonly reason: string,
  ) {
    super(`the session runtime is not available (${operation}): ${reason}`);
    this.name = 'RuntimeUnavailableError';
  }
}

/** The executor did not answer health in time, or its container/process ended while we waited. */
export class ExecutorUnhealthyError extends RuntimeError {
  readonly code = 'EXECUTOR_UNHEALTHY';
  readonly transient = true;
  constructor(
    readonly sessionId: string,
    readonly reason: string,
    /** The last lines the executor wrote, secrets removed; empty when there were none. */
    readonly logTail: string,
  ) {
    super(
      `the executor of session ${sessionId} is not healthy: ${reason}` +
        (logTail ? `\n--- last executor output ---\n${logTail}` : ''),
    );
    this.name = 'ExecutorUnhealthyError';
  }
}

/** The session image is missing or could not be built; retrying will not help until it is fixed. */
export class SessionImageError extends RuntimeError {
  readonly code = 'SESSION_IMAGE_UNAVAILABLE';
  readonly transient = false;
  constructor(
    readonly image: string,
    reason: string,
  ) {
    super(`session image ${image}: ${reason}`);
    this.name = 'SessionImageError';
  }
}

/** The executor bundle (`executor.mjs`) is not where the runtime was told it is. */
export class ExecutorBundleMissingError extends RuntimeError {
  readonly code = 'EXECUTOR_BUNDLE_MISSING';
  readonly transient = false;
  constructor(readonly path: string) {
    super(`the executor bundle ${path} does not exist: build it with \`npm run build --workspace executor\``);
    this.name = 'ExecutorBundleMissingError';
  }
}

/** A session id or namespace that cannot name containers, volumes or directories safely. */
export class InvalidRuntimeNameError extends RuntimeError {
  readonly code = 'INVALID_RUNTIME_NAME';
  readonly transient = false;
  constructor(
    readonly what: string,
    readonly value: string,
  ) {
    super(`${what} ${JSON.stringify(value)} may only contain letters, digits, '_', '.' and '-' (at most 64)`);
    this.name = 'InvalidRuntimeNameError';
  }
}

/** A runtime call failed for another reason; `transient` follows the engine's answer (5xx vs 4xx). */
export class RuntimeOperationError extends RuntimeError {
  readonly code = 'RUNTIME_OPERATION_FAILED';
  constructor(
    readonly operation: string,
    readonly reason: string,
    readonly transient: boolean,
  ) {
    super(`session runtime operation ${operation} failed: ${reason}`);
    this.name = 'RuntimeOperationError';
  }
}

/** Whether a failure of a runtime call is worth retrying; unknown errors are treated as transient. */
export function isTransientRuntimeFailure(error: unknown): boolean {
  return error instanceof RuntimeError ? error.transient : true;
}

import { type ErrorClass, isErrorClass, type ProtocolError } from '../protocol.js';

/** What the suggestions may mention about the run. */
export interface ErrorContext {
  provider: string;
  model: string;
}

const MAX_MESSAGE_LENGTH = 2_000;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/**
 * Turns whatever a provider threw or streamed into a protocol error with a class the server can act
 * on (PR7) and a suggestion for the user. An explicit `errorClass` / `class` anywhere in the cause
 * chain wins; otherwise status codes, error codes and messages decide.
 */
export function classifyError(error: unknown, context: ErrorContext): ProtocolError {
  const chain = causeChain(error);
  const message = truncate(describe(error));
  for (const link of chain) {
    const explicit = link.errorClass ?? link.class;
    if (isErrorClass(explicit)) {
      const suggestion =
        typeof link.suggestion === 'string' && link.suggestion !== '' ? link.suggestion : undefined;
      return protocolError(explicit, message, context, suggestion);
    }
  }
  return protocolError(guessClass(chain), message, context);
}

export function protocolError(
  errorClass: ErrorClass,
  message: string,
  context: ErrorContext,
  suggestion?: string,
): ProtocolError {
  return { class: errorClass, message, suggestion: suggestion ?? suggestionFor(errorClass, context) };
}

type ErrorLike = Record<string, unknown>;

/** The error, its `cause`s and a `RetryError`'s `lastError`, outermost first. */
function causeChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (
    typeof current === 'object' &&
    current !== null &&
    chain.length < 8 &&
    !chain.includes(current as ErrorLike)
  ) {
    const link = current as ErrorLike;
    chain.push(link);
    current = link.cause ?? link.lastError;
  }
  return chain;
}

function guessClass(chain: ErrorLike[]): ErrorClass {
  const statuses = chain
    .map((link) => link.statusCode ?? link.status)
    .filter((value) => typeof value === 'number');
  const codes = chain.map((link) => link.code).filter((value) => typeof value === 'string');
  const names = chain.map((link) => link.name).filter((value) => typeof value === 'string');
  const text = chain
    .flatMap((link) => [link.message, link.responseBody])
    .filter((value) => typeof value === 'string')
    .join(' ')
    .toLowerCase();

  if (
    names.includes('AI_LoadAPIKeyError') ||
    statuses.some((s) => s === 401 || s === 403) ||
    /api[ _-]?key|unauthori[sz]ed|authentication|not logged in|invalid x-api-key/.test(text)
  ) {
    return 'auth_missing';
  }
  if (
    names.includes('AI_NoSuchModelError') ||
    (statuses.includes(404) && text.includes('model')) ||
    /(unknown|invalid|unsupported) model|model[^.]{0,40}(not found|does not exist|not supported)/.test(text)
  ) {
    return 'model_invalid';
  }
  if (statuses.some((s) => s === 429 || s === 529) || /rate.?limit|too many requests|overloaded/.test(text))
    return 'rate_limited';
  if (
    names.some((n) => n === 'TimeoutError') ||
    codes.some((c) => c === 'ETIMEDOUT' || c === 'UND_ERR_HEADERS_TIMEOUT') ||
    /timed? ?out|timeout/.test(text)
  ) {
    return 'timeout';
  }
  if (
    codes.some((c) => NETWORK_CODES.has(c)) ||
    /econnrefused|fetch failed|socket hang up|network error|getaddrinfo/.test(text)
  ) {
    return 'transport_error';
  }
  if (names.includes('AI_NoOutputGeneratedError') || /no output/.test(text)) return 'provider_no_output';
  return 'provider_error';
}

function suggestionFor(errorClass: ErrorClass, { provider, model }: ErrorContext): string {
  switch (errorClass) {
    case 'auth_missing':
      return `The ${provider} provider found no valid credentials. Set its API key (or log it in) in the app's settings, then send the message again.`;
    case 'model_invalid':
      return `The ${provider} provider does not know the model "${model}". Pick a model it offers in the app's settings.`;
    case 'rate_limited':
      return 'The provider is rate limiting or overloaded. Wait a minute and send the message again.';
    case 'provider_no_output':
      return 'The agent ended without any output. Send the message again; if it keeps happening, check the provider and model settings.';
    case 'provider_error':
      return 'The provider reported an error (see the message). Send the message again if it looks temporary.';
    case 'transport_error':
      return 'The provider could not be reached. Check that the session container can reach the provider, then try again.';
    case 'timeout':
      return 'The provider did not answer in time. Send the message again; if it keeps happening, check the provider.';
    case 'script_invalid':
      return 'Fix the script as the message says and send it again.';
    case 'capability_missing':
      return `The ${provider} provider cannot do what this run needs in this executor. Pick another provider for the app.`;
    case 'required_paths_missing':
      return 'Add the files the app requires to the workspace, then send the message again.';
    case 'canceled':
      return 'The run was canceled. Send the message again to start over.';
    case 'internal':
      return 'The executor failed unexpectedly. Send the message again; report it if it keeps happening.';
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

function truncate(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message;
}

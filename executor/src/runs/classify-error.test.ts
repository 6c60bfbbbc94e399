import { APICallError, LoadAPIKeyError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { ClassifiedError } from './classified-error.js';
import { classifyError } from './classify-error.js';

const context = { provider: 'claude-code', model: 'sonnet' };
const apiError = (statusCode: number, responseBody = '') =>
  new APICallError({
    message: `HTTP ${statusCode}`,
    url: 'http://x',
    requestBodyValues: {},
    statusCode,
    responseBody,
  });
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('classifyError', () => {
  it('takes an explicit class (errorClass or class) from the error or its causes', () => {
    expect(
      classifyError(new ClassifiedError('rate_limited', 'scripted failure: rate_limited'), context),
    ).toMatchObject({
      class: 'rate_limited',
      message: 'scripted failure: rate_limited',
    });
    expect(classifyError(new Error('outer', { cause: { class: 'timeout' } }), context).class).toBe('timeout');
    expect(classifyError(new ClassifiedError('internal', 'x', 'do this'), context).suggestion).toBe(
      'do this',
    );
  });

  it.each([
    ['a 401', apiError(401), 'auth_missing'],
    ['a 403', apiError(403), 'auth_missing'],
    ['a missing API key', new LoadAPIKeyError({ message: 'Anthropic API key is missing' }), 'auth_missing'],
    ['"invalid api key" text', new Error('Invalid API key · Please run /login'), 'auth_missing'],
    ['a 404 about the model', apiError(404, '{"error":{"message":"model: nope"}}'), 'model_invalid'],
    ['"model not found" text', new Error('The model `gpt-9` does not exist'), 'model_invalid'],
    ['a 429', apiError(429), 'rate_limited'],
    [
      'a 429 inside a RetryError',
      new RetryError({ message: 'failed after 3', reason: 'maxRetriesExceeded', errors: [apiError(429)] }),
      'rate_limited',
    ],
    ['ECONNREFUSED', withCode('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'), 'transport_error'],
    [
      'fetch failed',
      new Error('fetch failed', { cause: withCode('getaddrinfo ENOTFOUND x', 'ENOTFOUND') }),
      'transport_error',
    ],
    ['a timeout', withCode('request timed out', 'ETIMEDOUT'), 'timeout'],
    ['no output', new Error('No output generated. Check the stream for errors.'), 'provider_no_output'],
    ['anything else', new Error('the CLI exited with code 2'), 'provider_error'],
    ['a thrown string', 'weird', 'provider_error'],
  ])('classifies %s', (_name, error, expected) => {
    const classified = classifyError(error, context);
    expect(classified.class).toBe(expected);
    expect(classified.suggestion.length).toBeGreaterThan(20);
  });

  it('names the model in the suggestion for an unknown model', () => {
    expect(classifyError(new Error('unknown model'), context).suggestion).toContain('"sonnet"');
  });
});

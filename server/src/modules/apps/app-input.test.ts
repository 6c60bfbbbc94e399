import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.js';
import type { App } from './app.entity.js';
import { slugify, validateAppChanges, validateNewApp, type AppInput } from './app-input.js';

function refusal(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

const paths = (error: ValidationError) => error.fieldErrors.map((issue) => issue.path.join('.'));

describe('app input', () => {
  it('fills in defaults for a new app and derives its slug from the name', () => {
    expect(
      validateNewApp({ name: 'Team Claude (beta)', provider: 'CLAUDE_CODE', model: 'claude-sonnet-4-5' }),
    ).toEqual({
      slug: 'team-claude-beta',
      name: 'Team Claude (beta)',
      description: '',
      provider: 'CLAUDE_CODE',
      model: 'claude-sonnet-4-5',
      systemPrompt: null,
      image: null,
      options: {},
      visibility: 'PUBLIC',
      roles: [],
      members: [],
      enabled: true,
      runtimeManifest: null,
    });
    expect(slugify('Ünïcode — App!')).toBe('unicode-app');
  });

  it('reports every bad field at once, options by their path under the provider’s schema', () => {
    const error = refusal(() =>
      validateNewApp({
        name: ' ',
        provider: 'CODEX_CLI',
        model: 'gpt-5-codex',
        slug: 'Not A Slug',
        image: 'has spaces in it',
        options: { approvalPolicy: 'sometimes', colour: 'red' },
        members: ['not-a-uuid'],
        runtimeManifest: { runtimeVersion: '1', requiredPaths: ['/etc/passwd'] },
      }),
    );
    expect(paths(error)).toEqual([
      'slug',
      'name',
      'image',
      'members.0',
      'runtimeManifest.requiredPaths.0',
      'options.approvalPolicy',
      'options',
    ]);
  });

  it('requires name, provider and model for a new app', () => {
    expect(paths(refusal(() => validateNewApp({})))).toEqual(['name', 'provider', 'model']);
  });

  const current = {
    provider: 'CLAUDE_CODE',
    options: { permissionMode: 'acceptEdits' },
    name: 'Claude',
  } as unknown as App;

  it('changes only what is given; null clears what may be empty', () => {
    const input: AppInput = { name: 'Renamed', image: null, runtimeManifest: null };
    expect(validateAppChanges(current, input)).toEqual({
      name: 'Renamed',
      image: null,
      runtimeManifest: null,
    });
    expect(validateAppChanges(current, {})).toEqual({});
  });

  it('checks the current options against a new provider, and refuses null where a value is needed', () => {
    expect(paths(refusal(() => validateAppChanges(current, { provider: 'CODEX_CLI' })))).toEqual(['options']);
    expect(
      validateAppChanges(current, { provider: 'CODEX_CLI', options: { approvalPolicy: 'never' } }),
    ).toEqual({
      provider: 'CODEX_CLI',
      options: { approvalPolicy: 'never' },
    });
    expect(paths(refusal(() => validateAppChanges(current, { name: null, slug: 'x' })))).toEqual([
      'slug',
      'name',
    ]);
  });
});

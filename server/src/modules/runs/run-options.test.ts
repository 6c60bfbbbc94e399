import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.js';
import type { App } from '../apps/app.entity.js';
import { gateRun } from '../apps/provider-settings.js';
import { effectiveRunSettings, validateRunOptions } from './run-options.js';

function app(provider: App['provider'], options: Record<string, unknown> = {}): App {
  return { provider, options, model: 'app-model', systemPrompt: 'be brief' } as App;
}

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('run options', () => {
  it('keeps what the provider takes and drops absent fields', () => {
    expect(
      validateRunOptions('CLAUDE_CODE', {
        model: ' claude-opus-4 ',
        permissionMode: 'acceptEdits',
        allowedTools: ['Read'],
        cwd: 'src',
        systemPrompt: null,
        approvalPolicy: undefined,
      }),
    ).toEqual({ model: 'claude-opus-4', permissionMode: 'acceptEdits', allowedTools: ['Read'], cwd: 'src' });
    expect(validateRunOptions('CODEX_CLI', null)).toEqual({});
  });

  it("refuses another provider's fields, bad values and escaping directories, by path", () => {
    expect(issuesOf(() => validateRunOptions('CLAUDE_CODE', { approvalPolicy: 'never' }))).toEqual([
      {
        path: ['options', 'approvalPolicy'],
        message: expect.stringContaining('does not apply to Claude Code'),
      },
    ]);
    expect(issuesOf(() => validateRunOptions('SCRIPTED', { cwd: 'x' }))[0]!.path).toEqual(['options', 'cwd']);
    const issues = issuesOf(() =>
      validateRunOptions('CODEX_CLI', { model: '  ', sandbox: 'everything', cwd: '../etc' }),
    );
    expect(issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'options.cwd',
      'options.model',
      'options.sandbox',
    ]);
  });

  it("puts the run's settings over the app's, and the gate sees the run's mode", () => {
    const codex = app('CODEX_CLI', { approvalPolicy: 'never', sandbox: 'read-only' });
    const settings = effectiveRunSettings(codex, { model: 'gpt-x', approvalPolicy: 'untrusted' });
    expect(settings).toMatchObject({
      model: 'gpt-x',
      systemPrompt: 'be brief',
      options: { approvalPolicy: 'untrusted', sandbox: 'read-only' },
      newAgentSession: false,
    });
    // Untrusted asks a human, which Codex without the human loop cannot do.
    expect(gateRun(settings.app, null, ['TODOS']).kind).toBe('blocked');
    expect(gateRun(codex, null, ['TODOS']).kind).toBe('go');
  });

  it("uses the app's settings when the run has none", () => {
    expect(effectiveRunSettings(app('OPENCODE', { agent: 'build' }), null)).toMatchObject({
      model: 'app-model',
      systemPrompt: 'be brief',
      options: { agent: 'build' },
      newAgentSession: false,
    });
  });
});

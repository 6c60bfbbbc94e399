import { describe, expect, it } from 'vitest';
import type { AgentEndpoints } from '../../config.js';
import type { App } from './app.entity.js';
import { gateRun, optionProblems, providerEnvironment } from './provider-settings.js';

const agents: AgentEndpoints = {
  claudeCode: { baseUrl: 'https://gateway.example/anthropic', apiKey: 'sk-ant' },
  codexCli: { baseUrl: undefined, apiKey: 'sk-openai' },
  opencode: { baseUrl: undefined, apiKey: undefined },
  keys: { TEAM: 'sk-team' },
};

function app(provider: App['provider'], options: Record<string, unknown> = {}): App {
  return { provider, options, model: 'm' } as App;
}

describe('provider settings', () => {
  it('gives a container only its own provider endpoint and key, the app overriding the deployment', () => {
    expect(providerEnvironment(app('CLAUDE_CODE'), agents, 'docker')).toEqual({
      ANTHROPIC_BASE_URL: 'https://gateway.example/anthropic',
      ANTHROPIC_API_KEY: 'sk-ant',
    });
    const local = app('CODEX_CLI', { baseUrl: 'http://127.0.0.1:9/v1', apiKeyRef: 'TEAM' });
    expect(providerEnvironment(local, agents, 'process')).toEqual({
      CODEX_BASE_URL: 'http://127.0.0.1:9/v1',
      CODEX_API_KEY: 'sk-team',
    });
    expect(providerEnvironment(app('SCRIPTED'), agents, 'docker')).toEqual({});
  });

  it("points a container at the host for an endpoint on the server's loopback", () => {
    const local = app('OPENCODE', { baseUrl: 'http://localhost:8080/v1', apiKeyRef: 'TEAM' });
    expect(providerEnvironment(local, agents, 'docker')).toEqual({
      OPENCODE_BASE_URL: 'http://host.docker.internal:8080/v1',
      OPENCODE_API_KEY: 'sk-team',
    });
    const bare = app('CLAUDE_CODE', { baseUrl: 'http://127.0.0.1:8080' });
    expect(providerEnvironment(bare, agents, 'docker').ANTHROPIC_BASE_URL).toBe(
      'http://host.docker.internal:8080',
    );
  });

  it('reports unknown and malformed options by path', () => {
    expect(optionProblems('CODEX_CLI', { approvalPolicy: 'sometimes', colour: 'red' })).toEqual([
      expect.stringContaining('approvalPolicy'),
      expect.stringContaining('colour'),
    ]);
    expect(optionProblems('CLAUDE_CODE', { permissionMode: 'acceptEdits', allowedTools: ['Read'] })).toEqual(
      [],
    );
  });

  it('blocks a run that needs the human loop where the provider cannot ask, with what to change', () => {
    const gate = gateRun(app('CODEX_CLI', { approvalPolicy: 'on-request' }), null, ['TEXT_STREAMING']);
    expect(gate).toMatchObject({ kind: 'blocked', suggestion: expect.stringContaining('approvalPolicy') });
    expect(gateRun(app('CODEX_CLI', { approvalPolicy: 'never' }), null, ['TEXT_STREAMING'])).toMatchObject({
      kind: 'go',
    });
  });

  it('blocks a run on invalid options', () => {
    expect(gateRun(app('OPENCODE', { permission: { bash: 'maybe' } }), null)).toMatchObject({
      kind: 'blocked',
    });
  });

  it('drops the resume id with a warning where the provider cannot resume', () => {
    expect(gateRun(app('SCRIPTED'), 'earlier-session')).toEqual({
      kind: 'go',
      resumeId: null,
      warnings: [expect.stringContaining('new agent session')],
    });
    expect(gateRun(app('CLAUDE_CODE'), 'earlier-session')).toEqual({
      kind: 'go',
      resumeId: 'earlier-session',
      warnings: [],
    });
  });
});

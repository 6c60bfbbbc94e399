import { describe, expect, it } from 'vitest';
import { parseScript } from './protocol.js';

const script = (...steps: unknown[]): string => JSON.stringify({ script: steps });

describe('parseScript', () => {
  it('returns null for text that is not a JSON object with a "script" key, so the default script plays', () => {
    expect(parseScript('hello')).toBeNull();
    expect(parseScript('[1, 2]')).toBeNull();
    expect(parseScript('"script"')).toBeNull();
    expect(parseScript('{"steps": []}')).toBeNull();
    expect(parseScript('{"script": [')).toBeNull();
  });

  it('normalises every kind of step', () => {
    const result = parseScript(
      script(
        { text: 'hi' },
        {
          todos: [
            { text: 'a', status: 'pending' },
            { id: 'x', content: 'b', status: 'completed' },
            { id: 7, text: 'c', status: 'in_progress' },
          ],
        },
        { tool: 'bash', input: { cmd: 'ls' }, output: { lines: 2 } },
        { tool: 'noop' },
        { ask: 'colour?', options: ['red', 'blue'] },
        { ask: 'free text?' },
        { permission: 'delete build/' },
        { write: { path: 'src/a.txt', content: '' } },
        { read: 'src/a.txt' },
        { list: '.' },
        { sleep: 0 },
        { usage: { inputTokens: 1, outputTokens: 2, costUsd: 0.01 } },
        { fail: 'rate_limited' },
      ),
    );
    expect(result).toEqual({
      ok: true,
      steps: [
        { kind: 'text', text: 'hi' },
        {
          kind: 'todos',
          todos: [
            { id: '1', text: 'a', status: 'pending' },
            { id: 'x', text: 'b', status: 'completed' },
            { id: '7', text: 'c', status: 'in_progress' },
          ],
        },
        { kind: 'tool', tool: 'bash', input: { cmd: 'ls' }, output: { lines: 2 } },
        { kind: 'tool', tool: 'noop', input: {}, output: '' },
        { kind: 'ask', question: 'colour?', options: ['red', 'blue'] },
        { kind: 'ask', question: 'free text?', options: [] },
        { kind: 'permission', action: 'delete build/' },
        { kind: 'write', path: 'src/a.txt', content: '' },
        { kind: 'read', path: 'src/a.txt' },
        { kind: 'list', path: '.' },
        { kind: 'sleep', ms: 0 },
        { kind: 'usage', inputTokens: 1, outputTokens: 2, costUsd: 0.01 },
        { kind: 'fail', errorClass: 'rate_limited' },
      ],
    });
  });

  it('accepts an empty script and exactly 500 steps', () => {
    expect(parseScript(script())).toEqual({ ok: true, steps: [] });
    expect(parseScript(script(...Array.from({ length: 500 }, () => ({ sleep: 1 }))))?.ok).toBe(true);
  });

  it.each([
    ['a script that is not an array', '{"script": {"text": "a"}}', '"script" must be an array of steps'],
    ['a key beside "script"', '{"script": [], "x": 1}', 'unexpected key "x" next to "script"'],
    [
      'more than 500 steps',
      script(...Array.from({ length: 501 }, () => ({ sleep: 1 }))),
      '"script" has 501 steps; at most 500 are allowed',
    ],
    [
      'a step that is not an object',
      script({ text: 'a' }, 'text'),
      'step 2: must be an object such as {"text": "..."}',
    ],
    [
      'an unknown step',
      script({ shout: 'a' }),
      'step 1: unknown step; expected one of the keys "text", "todos", "tool", "ask", "permission", "write", "read", "list", "sleep", "usage", "fail"',
    ],
    [
      'two kinds in one step',
      script({ text: 'a', ask: 'b' }),
      'step 1: has both "text" and "ask"; one kind per step',
    ],
    ['a stray key', script({ text: 'a', options: [] }), 'step 1: unexpected key "options" in a "text" step'],
    ['empty text', script({ text: '' }), 'step 1: "text" needs a non-empty string'],
    [
      'an empty question',
      script({ text: 'a' }, { text: 'b' }, { ask: '' }),
      'step 3: "ask" needs a non-empty string',
    ],
    [
      'bad options',
      script({ ask: 'q', options: ['a', 2] }),
      'step 1: "options" must be an array of non-empty strings',
    ],
    [
      'todos that are no array',
      script({ todos: 'a' }),
      'step 1: "todos" needs an array of {"text", "status"} items',
    ],
    [
      'a todo without text',
      script({ todos: [{ status: 'pending' }] }),
      'step 1: todo 1: needs a non-empty "text"',
    ],
    [
      'a todo with a bad status',
      script({ todos: [{ text: 'a', status: 'done' }] }),
      'step 1: todo 1: "status" must be one of pending, in_progress, completed',
    ],
    [
      'a todo with a bad id',
      script({ todos: [{ id: true, text: 'a', status: 'pending' }] }),
      'step 1: todo 1: "id" must be a non-empty string or a whole number',
    ],
    [
      'a tool without a name',
      script({ tool: '' }),
      'step 1: "tool" needs a non-empty string (the tool\'s name)',
    ],
    ['tool input that is no object', script({ tool: 'x', input: [1] }), 'step 1: "input" must be an object'],
    [
      'an empty permission',
      script({ permission: 3 }),
      'step 1: "permission" needs a non-empty string (what the agent wants to do)',
    ],
    [
      'write without an object',
      script({ write: 'a.txt' }),
      'step 1: "write" needs an object {"path", "content"}',
    ],
    ['write without content', script({ write: { path: 'a.txt' } }), 'step 1: "write.content" needs a string'],
    [
      'an absolute path',
      script({ read: '/etc/passwd' }),
      'step 1: "read" must be relative to the workspace, not absolute: "/etc/passwd"',
    ],
    [
      'a path with ..',
      script({ write: { path: 'a/../../x', content: '' } }),
      'step 1: "write.path" must not contain "..": "a/../../x"',
    ],
    ['a path with NUL', script({ list: 'a\u0000b' }), 'step 1: "list" must not contain a NUL character'],
    ['an empty path', script({ read: '' }), 'step 1: "read" needs a non-empty relative path'],
    [
      'a negative sleep',
      script({ sleep: -1 }),
      'step 1: "sleep" needs a whole number of milliseconds from 0 to 600000',
    ],
    [
      'a sleep too long',
      script({ sleep: 600_001 }),
      'step 1: "sleep" needs a whole number of milliseconds from 0 to 600000',
    ],
    [
      'a fractional sleep',
      script({ sleep: 1.5 }),
      'step 1: "sleep" needs a whole number of milliseconds from 0 to 600000',
    ],
    [
      'usage without tokens',
      script({ usage: { inputTokens: 1 } }),
      'step 1: "usage.outputTokens" needs a whole number of at least 0',
    ],
    [
      'usage with a bad cost',
      script({ usage: { inputTokens: 1, outputTokens: 1, costUsd: -1 } }),
      'step 1: "usage.costUsd" needs a number of at least 0',
    ],
    [
      'an unknown failure class',
      script({ fail: 'oops' }),
      'step 1: "fail" needs an error class, one of auth_missing, model_invalid, rate_limited, provider_no_output, provider_error, transport_error, timeout, script_invalid, capability_missing, required_paths_missing, canceled, internal',
    ],
  ])('refuses %s with a precise message', (_name, text, error) => {
    expect(parseScript(text)).toEqual({ ok: false, error });
  });
});

import type { LlmRequest, LlmScript, LlmTurn } from './scripted-llm.js';

/**
 * What the scripted LLM must say to drive each real agent CLI: the tool call each provider's
 * agent needs for a todo update, a command that asks permission, or a question, and the app
 * settings that make the agent ask. Shared by the provider contract tests and the workbench's
 * browser tests, so that both play the same agents the same way.
 */

export type AgentProvider = 'CLAUDE_CODE' | 'CODEX_CLI' | 'OPENCODE';

/** A tool scenario: a todo update, a command that asks permission (approved or denied), a question. */
export type ToolScenario = 'todo' | 'bash' | 'deny' | 'ask';

/** Everything `scenarioScript` understands in a prompt: the tool scenarios and a 401 from the endpoint. */
export type Scenario = ToolScenario | 'unauthorized';

export interface ProviderScript {
  provider: AgentProvider;
  model: string;
  /** What `--version` of the CLI prints. */
  version: RegExp;
  /** App options that make the agent ask before commands (and offer its question tool). */
  options: Record<string, unknown>;
  /** The app's `baseUrl` for a scripted LLM at `llmUrl` (the path each vendor's client expects). */
  baseUrl(llmUrl: string): string;
  /** The tool call the scripted model makes for a scenario; `file` is the file a command writes. */
  tool(scenario: ToolScenario, file: string): { name: string; input: Record<string, unknown> };
}

/** The question every provider's agent asks in the `ask` scenario. */
export const QUESTION = {
  question: 'Which colour?',
  header: 'Colour',
  options: [
    { label: 'red', description: 'warm' },
    { label: 'blue', description: 'cool' },
  ],
};

/** The todo list every provider's agent writes in the `todo` scenario, as the platform reports it. */
export const TODOS = [
  { text: 'Read the code', status: 'COMPLETED' },
  { text: 'Write tests', status: 'IN_PROGRESS' },
] as const;

export const PROVIDER_SCRIPTS: readonly ProviderScript[] = [
  {
    provider: 'CLAUDE_CODE',
    model: 'sonnet',
    version: /^\d+\.\d+\.\d+ \(Claude Code\)$/,
    options: { permissionMode: 'default' },
    // The Anthropic client appends /v1/messages itself.
    baseUrl: (llmUrl) => llmUrl,
    tool: (scenario, file) => {
      switch (scenario) {
        case 'todo':
          return {
            name: 'TodoWrite',
            input: {
              todos: [
                { content: 'Read the code', status: 'completed', activeForm: 'Reading the code' },
                { content: 'Write tests', status: 'in_progress', activeForm: 'Writing tests' },
              ],
            },
          };
        case 'bash':
        case 'deny':
          return { name: 'Bash', input: { command: `echo hi > ${file}`, description: 'write a file' } };
        case 'ask':
          return { name: 'AskUserQuestion', input: { questions: [{ ...QUESTION, multiSelect: false }] } };
      }
    },
  },
  {
    provider: 'CODEX_CLI',
    model: 'gpt-5-codex',
    version: /^codex-cli \d+\.\d+\.\d+$/,
    // `untrusted`: every command that is not known to be harmless asks first.
    options: { approvalPolicy: 'untrusted', sandbox: 'danger-full-access' },
    baseUrl: (llmUrl) => `${llmUrl}/v1`,
    tool: (scenario, file) => {
      switch (scenario) {
        case 'todo':
          return {
            name: 'update_plan',
            input: {
              plan: [
                { step: 'Read the code', status: 'completed' },
                { step: 'Write tests', status: 'in_progress' },
              ],
            },
          };
        case 'bash':
        case 'deny':
          return { name: 'exec_command', input: { cmd: `echo hi > ${file}` } };
        case 'ask':
          return { name: 'request_user_input', input: { questions: [{ id: 'colour', ...QUESTION }] } };
      }
    },
  },
  {
    provider: 'OPENCODE',
    model: 'scripted-model',
    version: /^\d+\.\d+\.\d+$/,
    options: { permission: { bash: 'ask' } },
    baseUrl: (llmUrl) => `${llmUrl}/v1`,
    tool: (scenario, file) => {
      switch (scenario) {
        case 'todo':
          return {
            name: 'todowrite',
            input: {
              todos: [
                { content: 'Read the code', status: 'completed', priority: 'high' },
                { content: 'Write tests', status: 'in_progress', priority: 'high' },
              ],
            },
          };
        case 'bash':
        case 'deny':
          return { name: 'bash', input: { command: `echo hi > ${file}`, description: 'write a file' } };
        case 'ask':
          return { name: 'question', input: { questions: [QUESTION] } };
      }
    },
  },
];

/** A prompt marker: `[scenario:<name>[,<name>...] <file>]`. */
const SCENARIO = /\[scenario:([\w,]+) ([\w.-]+)\]/;

/** The marker that makes `scenarioScript` play these scenarios, one agent turn each, in order. */
export function scenarioMarker(scenarios: readonly Scenario[], file = 'none'): string {
  return `[scenario:${scenarios.join(',')} ${file}]`;
}

/** A scenario's turn, or `final`: the turn after the last scenario. */
type TurnName = ToolScenario | 'final';

export interface ScenarioScriptOptions {
  /** Hold these turns back until the promise settles (a test that needs the run to stay where it is). */
  holdUntil?: Partial<Record<TurnName, Promise<unknown>>>;
}

/**
 * The scripted model for one provider. A prompt names its scenarios with `scenarioMarker`; each
 * agent turn of that prompt answers with `Working on <scenario>.` and the scenario's tool call,
 * the turn after the last one with `Finished <scenario>: <the last tool result>`. Turns are
 * counted per marker (the CLIs send the whole history with every turn, so a prompt's turns are
 * told apart by how many have been served). Requests without tools (titles) get a title; prompts
 * without a marker get `Nothing to do.`.
 */
export function scenarioScript(script: ProviderScript, options: ScenarioScriptOptions = {}): LlmScript {
  const served = new Map<string, number>();
  return (request: LlmRequest): LlmTurn => {
    if (request.tools.length === 0) return { text: 'A title' };
    const match = SCENARIO.exec(request.lastUserText);
    if (!match) return { text: 'Nothing to do.' };
    const [marker, names, file] = match as unknown as [string, string, string];
    const scenarios = names.split(',') as Scenario[];
    if (scenarios.includes('unauthorized')) return { error: { status: 401, message: 'invalid x-api-key' } };
    const step = served.get(marker) ?? 0;
    served.set(marker, step + 1);
    const scenario = scenarios[step] as ToolScenario | undefined;
    if (scenario !== undefined) {
      return {
        text: `Working on ${scenario}.`,
        tool: script.tool(scenario, file),
        holdUntil: options.holdUntil?.[scenario],
      };
    }
    const result = request.toolResults.at(-1)?.output ?? '';
    return {
      text: `Finished ${scenarios.at(-1)}: ${result.slice(0, 200)}`,
      holdUntil: options.holdUntil?.final,
    };
  };
}

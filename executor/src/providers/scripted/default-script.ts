import type { ScriptStep } from '../../protocol.js';

/** What the scripted provider plays for a message that is not a script: an echo and a small todo list. */
export function defaultScript(message: string): ScriptStep[] {
  return [
    { kind: 'text', text: `You said: ${message}` },
    {
      kind: 'todos',
      todos: [
        { id: '1', text: 'Read the message', status: 'completed' },
        { id: '2', text: 'Answer the message', status: 'in_progress' },
      ],
    },
  ];
}

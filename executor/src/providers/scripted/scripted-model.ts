import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import { parseScript } from '../../protocol.js';
import type { ProviderHooks } from '../provider.js';
import { defaultScript } from './default-script.js';
import { ScriptPlayer } from './script-player.js';

/** An AI SDK language model that plays the user's script (or the default one) as a stream. */
export class ScriptedLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = 'scripted';
  readonly supportedUrls = {};

  constructor(
    readonly modelId: string,
    private readonly hooks: ProviderHooks,
  ) {}

  doGenerate(): Promise<LanguageModelV3GenerateResult> {
    return Promise.reject(new Error('the scripted model streams only: use streamText'));
  }

  doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const message = lastUserText(options.prompt);
    const player = new ScriptPlayer(this.hooks, options.abortSignal ?? this.hooks.signal);
    const script = parseScript(message);
    const parts =
      script === null
        ? player.play(defaultScript(message))
        : script.ok
          ? player.play(script.steps)
          : player.refuse(script.error);
    return Promise.resolve({ stream: streamOf(parts) });
  }
}

/** The text of the last user message: the run's prompt. */
export function lastUserText(prompt: LanguageModelV3Prompt): string {
  const message = prompt.findLast((entry) => entry.role === 'user');
  if (message === undefined) return '';
  return message.content
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('');
}

/** Pulls the player only when the SDK reads, as a real provider's network stream would be. */
function streamOf(
  parts: AsyncGenerator<LanguageModelV3StreamPart> | Generator<LanguageModelV3StreamPart>,
): ReadableStream<LanguageModelV3StreamPart> {
  return new ReadableStream<LanguageModelV3StreamPart>(
    {
      async pull(controller) {
        try {
          const next = await parts.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          controller.error(error);
        }
      },
      cancel() {
        // Not awaited: the player may be parked on a question that the cancel itself is closing.
        Promise.resolve(parts.return(undefined)).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}

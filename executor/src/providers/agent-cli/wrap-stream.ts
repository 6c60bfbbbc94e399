import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';

/**
 * Rewrites a model's stream part by part, and runs `cleanup` once the stream ends however it ends.
 * An `error` part that the rewrite produces from another part ends the stream.
 */
export function wrapModelStream(
  model: LanguageModelV3,
  rewrite: (
    part: LanguageModelV3StreamPart,
  ) => LanguageModelV3StreamPart[] | Promise<LanguageModelV3StreamPart[]>,
  cleanup: () => Promise<void> | void,
): LanguageModelV3 {
  let cleaned = false;
  const runCleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    try {
      await cleanup();
    } catch {
      // The run's outcome is already decided; a failing cleanup must not change it.
    }
  };
  return {
    specificationVersion: 'v3',
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    doGenerate: (options: LanguageModelV3CallOptions) => model.doGenerate(options),
    async doStream(options: LanguageModelV3CallOptions) {
      let result;
      try {
        result = await model.doStream(options);
      } catch (error) {
        await runCleanup();
        throw error;
      }
      const reader = result.stream.getReader();
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        async pull(controller) {
          try {
            // A pull that enqueues nothing is not called again: read until something passes.
            for (;;) {
              const next = await reader.read();
              if (next.done) {
                await runCleanup();
                controller.close();
                return;
              }
              const parts = await rewrite(next.value);
              for (const part of parts) controller.enqueue(part);
              // An error the rewrite raised ends the turn: the CLI may never close its stream.
              if (parts.some((part) => part.type === 'error') && next.value.type !== 'error') {
                await reader.cancel().catch(() => {});
                await runCleanup();
                controller.close();
                return;
              }
              if (parts.length > 0) return;
            }
          } catch (error) {
            await runCleanup();
            controller.error(error);
          }
        },
        async cancel(reason) {
          await reader.cancel(reason).catch(() => {});
          await runCleanup();
        },
      });
      return { ...result, stream };
    },
  };
}

import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';

/**
 * A model whose provider package is imported on first use. The provider packages and their CLIs
 * live next to the executor (not in its bundle), so an image without them still runs the other
 * providers; a missing package fails only the run that needs it, with a classified error.
 */
export class LazyLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly supportedUrls = {};
  private model: Promise<LanguageModelV3> | null = null;

  constructor(
    readonly provider: string,
    readonly modelId: string,
    private readonly load: () => Promise<LanguageModelV3>,
  ) {}

  private resolve(): Promise<LanguageModelV3> {
    this.model ??= this.load();
    return this.model;
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    return (await this.resolve()).doGenerate(options);
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    return (await this.resolve()).doStream(options);
  }
}

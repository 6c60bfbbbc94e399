export function wantsChecksum(
  method: string,
  query: Record<string, unknown>,
  headers: Record<string, string | string[] | undefined>,
): boolean;
export function checksumVerifier(
  reject: (message: string) => Error,
): (ctx: unknown, next: () => Promise<unknown>) => Promise<unknown>;

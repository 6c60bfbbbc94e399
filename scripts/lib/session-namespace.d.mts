export function throwawayNamespace(): string;
export function registerThrowawayNamespace(namespace: string): void;
export function unregisterThrowawayNamespace(namespace: string): void;
export function isOrphanedNamespace(
  namespace: string,
  isOwnerRunning?: (namespace: string) => boolean,
): boolean;
export function removeOrphanedNamespaces(): string[];
export function removeNamespaceResources(namespace: string): void;

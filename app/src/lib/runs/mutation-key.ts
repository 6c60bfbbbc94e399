/**
 * A random key for one message's `clientMutationId`. `crypto.randomUUID` exists only in secure
 * contexts (HTTPS, or the loopback address); a workbench opened over plain HTTP from another
 * machine has `crypto.getRandomValues` alone.
 */
export function newMutationKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

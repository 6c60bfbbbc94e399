/** Answers that mean "yes" to a permission request; anything else denies it. */
const APPROVALS = new Set([
  'allow',
  'allow once',
  'approve',
  'approved',
  'yes',
  'y',
  'ok',
  'accept',
  'always',
]);

export const PERMISSION_OPTIONS = ['allow', 'deny'];

export function isApproval(answer: string): boolean {
  return APPROVALS.has(answer.trim().toLowerCase());
}

/** One line that tells a human what the agent wants to do with a tool. */
export function describeToolUse(toolName: string, input: unknown): string {
  if (input && typeof input === 'object') {
    const record = input as Record<string, unknown>;
    for (const key of ['command', 'file_path', 'path', 'url', 'pattern']) {
      const value = record[key];
      if (typeof value === 'string' && value !== '') return `${toolName}: ${value}`;
    }
  }
  const json = JSON.stringify(input ?? {});
  return `${toolName}: ${json.length > 300 ? `${json.slice(0, 300)}…` : json}`;
}

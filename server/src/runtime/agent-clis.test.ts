import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI_BINARIES, agentCliBinaries, findAgentClisDir, sessionAgentClisDir } from './agent-clis.js';

describe('where the agent CLIs are', () => {
  let root: string;
  const executorDir = () => join(root, 'repo', 'executor', 'dist');
  const nodeModules = () => join(root, 'repo', 'node_modules');

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'agentbench-clis-'));
    await mkdir(executorDir(), { recursive: true });
    // An unrelated node_modules nearer to the bundle does not count: it has no provider package.
    await mkdir(join(root, 'repo', 'executor', 'node_modules', 'zod'), { recursive: true });
    await mkdir(join(nodeModules(), 'ai-sdk-provider-codex-cli'), { recursive: true });
    await writeFile(join(nodeModules(), 'ai-sdk-provider-codex-cli', 'package.json'), '{}');
    const claude = AGENT_CLI_BINARIES.CLAUDE_CODE;
    await mkdir(join(nodeModules(), claude.pkg), { recursive: true });
    await writeFile(join(nodeModules(), claude.pkg, claude.file), '');
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds the node_modules the executor bundle resolves its provider packages from', () => {
    expect(findAgentClisDir(executorDir())).toBe(nodeModules());
    expect(findAgentClisDir(join(root, 'elsewhere'))).toBeNull();
  });

  it('lists only the CLI binaries that are installed', () => {
    const { pkg, file } = AGENT_CLI_BINARIES.CLAUDE_CODE;
    expect(agentCliBinaries(nodeModules())).toEqual([join(nodeModules(), pkg, file)]);
  });

  it('mounts the host copy by default only for the local image with the executor bind-mounted', () => {
    expect(sessionAgentClisDir(undefined, undefined, executorDir())).toBe(nodeModules());
    expect(sessionAgentClisDir(undefined, 'agentbench-session:prod', executorDir())).toBeNull();
    expect(sessionAgentClisDir(undefined, undefined, null)).toBeNull();
    expect(sessionAgentClisDir(null, undefined, executorDir())).toBeNull();
    expect(sessionAgentClisDir('/opt/clis/node_modules', 'custom:1', executorDir())).toBe(
      '/opt/clis/node_modules',
    );
  });
});

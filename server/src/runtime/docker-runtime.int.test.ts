import { execInContainer } from '../../test/support/container-exec.js';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDocker } from '../docker/docker-engine.js';
import { AGENT_CLI_BINARIES, findAgentClisDir } from './agent-clis.js';
import { createRuntime } from './create-runtime.js';
import { DockerRuntime } from './docker-runtime.js';
import { ExecutorUnhealthyError } from './runtime.errors.js';
import { readDockerEnv } from './runtime-names.js';
import type { SessionSpec } from './session-runtime.js';
import { executorBundleDir } from './test-support/executor-bundle.js';
import { health } from './test-support/executor-health-call.js';

const docker = connectDocker(process.env.DOCKER_HOST);
const dockerAnswers = await docker.ping().then(
  () => true,
  () => false,
);

// Every object this file makes carries this namespace, so cleanup never touches anything else.
const namespace = `t${randomBytes(4).toString('hex')}`;
const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const MiB = 1024 * 1024;

function spec(sessionId: string, env: Record<string, string> = {}): SessionSpec {
  return { sessionId, image: null, env };
}

function newSessionId(): string {
  return `s${randomBytes(6).toString('hex')}`;
}

/** Runs a command in the container as its default user (uid 1000) and returns its stdout. */
const execIn = (container: string, cmd: string[]) => execInContainer(docker, container, cmd);

const nodeScript = (source: string) => ['node', '-e', source];

async function sessionObjects(sessionId: string) {
  const label = [`agentbench.namespace=${namespace}`, `agentbench.session=${sessionId}`];
  const [containers, volumes, networks] = await Promise.all([
    docker.listContainers({ all: true, filters: { label } }),
    docker.listVolumes({ filters: { label } }),
    docker.listNetworks({ filters: { label } }),
  ]);
  return { containers, volumes: volumes.Volumes ?? [], networks };
}

describe.skipIf(!dockerAnswers)('DockerRuntime against the real engine', () => {
  let executorDir: string;
  let agentClisDir: string;
  let runtime: DockerRuntime;
  const scratch: string[] = [];

  beforeAll(async () => {
    executorDir = await executorBundleDir();
    // The executor's dependencies install the agent CLIs into the repository's node_modules.
    agentClisDir = findAgentClisDir(executorDir)!;
    expect(agentClisDir).toMatch(/\/node_modules$/);
    runtime = new DockerRuntime({
      docker,
      namespace,
      executorDir,
      agentClisDir,
      memoryMb: 256,
      cpus: 0.5,
      pidsLimit: 128,
      log,
    });
  });

  afterAll(async () => {
    const label = [`agentbench.namespace=${namespace}`];
    for (const container of await docker.listContainers({ all: true, filters: { label } })) {
      await docker.getContainer(container.Id).remove({ force: true, v: true });
    }
    for (const volume of (await docker.listVolumes({ filters: { label } })).Volumes ?? []) {
      await docker.getVolume(volume.Name).remove();
    }
    for (const network of await docker.listNetworks({ filters: { label } })) {
      await docker.getNetwork(network.Id).remove();
    }
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  });

  it('creates a sandboxed container whose executor answers health with its token only', async () => {
    const sessionId = newSessionId();
    const endpoint = await runtime.ensureRunning(spec(sessionId, { AGENT_SETTING: 'visible-to-the-agent' }));

    expect(await health(endpoint.url, endpoint.token)).toMatchObject({ status: 200, body: { ok: true } });
    expect((await health(endpoint.url)).status).toBe(401);
    expect((await health(endpoint.url, 'not-the-token')).status).toBe(401);

    const info = await docker.getContainer(`${namespace}-session-${sessionId}`).inspect();
    expect(info.Config.Labels).toMatchObject({
      'agentbench.managed': 'true',
      'agentbench.namespace': namespace,
      'agentbench.session': sessionId,
    });
    expect(info.Config.User).toBe('1000:1000');
    expect(readDockerEnv(info.Config.Env, 'AGENT_SETTING')).toBe('visible-to-the-agent');
    expect(readDockerEnv(info.Config.Env, 'EXECUTOR_TOKEN')).toBe(endpoint.token);
    expect(readDockerEnv(info.Config.Env, 'AGENT_CLIS_DIR')).toBe('/opt/node_modules');
    expect(endpoint.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const host = info.HostConfig;
    expect(host.Memory).toBe(256 * MiB);
    expect(host.NanoCpus).toBe(0.5e9);
    expect(host.PidsLimit).toBe(128);
    expect(host.CapDrop).toEqual(['ALL']);
    expect(host.CapAdd ?? []).toEqual([]);
    expect(host.Privileged).toBe(false);
    expect(host.SecurityOpt).toContain('no-new-privileges');
    expect(host.RestartPolicy?.Name).toBe('no');
    expect(host.Tmpfs).toHaveProperty('/tmp');

    // No host path but the executor bundle and the agent CLIs, read-only; workspace and agent data
    // in named volumes.
    const mounts = info.Mounts.map((mount) => ({
      type: mount.Type,
      source: mount.Type === 'volume' ? mount.Name : mount.Source,
      target: mount.Destination,
      rw: mount.RW,
    }));
    expect(mounts).toEqual(
      expect.arrayContaining([
        { type: 'volume', source: `${namespace}-ws-${sessionId}`, target: '/workspace', rw: true },
        { type: 'volume', source: `${namespace}-agent-${sessionId}`, target: '/agent-data', rw: true },
        { type: 'bind', source: executorDir, target: '/opt/executor', rw: false },
        { type: 'bind', source: agentClisDir, target: '/opt/node_modules', rw: false },
      ]),
    );
    expect(mounts).toHaveLength(4);
    expect(JSON.stringify(info.Mounts)).not.toContain('docker.sock');

    // A network of its own, nothing else.
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([`${namespace}-net-${sessionId}`]);
    const network = await docker.getNetwork(`${namespace}-net-${sessionId}`).inspect();
    expect(network.Labels).toMatchObject({
      'agentbench.namespace': namespace,
      'agentbench.session': sessionId,
    });
    expect(Object.keys(network.Containers ?? {})).toEqual([info.Id]);

    // The executor process itself runs as the unprivileged agent user.
    const top = (await docker.getContainer(info.Id).top({ ps_args: '-o pid,uid,args' })) as {
      Processes: string[][];
    };
    const executor = top.Processes.find((row) =>
      row.some((cell) => cell.includes('/opt/executor/executor.mjs')),
    );
    expect(executor?.[1]).toBe('1000');
    expect(await execIn(info.Id, nodeScript('process.stdout.write(String(process.getuid()))'))).toBe('1000');

    expect(await runtime.status(sessionId)).toEqual({ state: 'running', instanceId: info.Id });
    expect(await runtime.endpoint(sessionId)).toEqual(endpoint);
    expect(await runtime.list()).toContainEqual({ sessionId, instanceId: info.Id, state: 'running' });
  });

  it('runs the mounted agent CLIs as the agent user, each finding the libraries it links, none writable', async () => {
    const sessionId = newSessionId();
    await runtime.ensureRunning(spec(sessionId));
    const container = `${namespace}-session-${sessionId}`;
    const versions: string[] = [];
    for (const { pkg, file } of Object.values(AGENT_CLI_BINARIES)) {
      // A library the image lacks stops the dynamic loader before the CLI prints anything.
      versions.push((await execIn(container, [`/opt/node_modules/${pkg}/${file}`, '--version'])).trim());
    }
    expect(versions).toEqual([
      expect.stringMatching(/\(Claude Code\)/),
      expect.stringMatching(/^codex-cli \d/),
      expect.stringMatching(/^\d+\.\d+\.\d+$/),
    ]);
    // The shell the CLIs run their tools in.
    expect(await execIn(container, ['sh', '-c', 'echo "$((6 * 7))"'])).toBe('42\n');
    // The provider packages resolve from the executor's directory, as its lazy imports do.
    expect(
      await execIn(container, [
        'node',
        '--input-type=module',
        '-e',
        "import { createRequire } from 'node:module'; process.stdout.write(createRequire('/opt/executor/executor.mjs').resolve('ai-sdk-provider-codex-cli'))",
      ]),
    ).toMatch(/^\/opt\/node_modules\/ai-sdk-provider-codex-cli\//);
    await expect(
      execIn(container, nodeScript("require('fs').writeFileSync('/opt/node_modules/planted.js', '')")),
    ).rejects.toThrow(/EROFS/);
  });

  it('gives two workers activating the same session at once one container', async () => {
    const sessionId = newSessionId();
    const otherWorker = new DockerRuntime({
      docker,
      namespace,
      executorDir,
      agentClisDir,
      memoryMb: 256,
      log,
    });
    const [first, second] = await Promise.all([
      runtime.ensureRunning(spec(sessionId)),
      otherWorker.ensureRunning(spec(sessionId)),
    ]);
    expect(second).toEqual(first);
    const { containers, networks } = await sessionObjects(sessionId);
    expect(containers).toHaveLength(1);
    expect(networks).toHaveLength(1);
    expect(await health(first.url, first.token)).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('stops a session and starts the same container again with its token and workspace', async () => {
    const sessionId = newSessionId();
    const endpoint = await runtime.ensureRunning(spec(sessionId));
    const before = await runtime.status(sessionId);
    await execIn(
      before.instanceId!,
      nodeScript("require('fs').writeFileSync('/workspace/notes.txt', 'kept')"),
    );

    await runtime.stop(sessionId);
    expect(await runtime.status(sessionId)).toEqual({ state: 'stopped', instanceId: before.instanceId });
    expect(await runtime.endpoint(sessionId)).toBeNull();
    await runtime.stop(sessionId); // stopping a stopped session is a no-op

    const again = await runtime.ensureRunning(spec(sessionId));
    expect(again.token).toBe(endpoint.token);
    expect(await runtime.status(sessionId)).toEqual({ state: 'running', instanceId: before.instanceId });
    expect(await health(again.url, again.token)).toMatchObject({ status: 200, body: { ok: true } });
    expect(
      await execIn(
        before.instanceId!,
        nodeScript("process.stdout.write(require('fs').readFileSync('/workspace/notes.txt', 'utf8'))"),
      ),
    ).toBe('kept');
  });

  it('recreates a container removed behind its back, keeping the workspace volume', async () => {
    const sessionId = newSessionId();
    const endpoint = await runtime.ensureRunning(spec(sessionId));
    const before = await runtime.status(sessionId);
    await execIn(
      before.instanceId!,
      nodeScript("require('fs').writeFileSync('/workspace/notes.txt', 'survives')"),
    );

    await docker.getContainer(before.instanceId!).remove({ force: true });
    expect(await runtime.status(sessionId)).toEqual({ state: 'absent', instanceId: null });

    const again = await runtime.ensureRunning(spec(sessionId));
    const after = await runtime.status(sessionId);
    expect(after.state).toBe('running');
    expect(after.instanceId).not.toBe(before.instanceId);
    expect(again.token).not.toBe(endpoint.token);
    expect(await health(again.url, again.token)).toMatchObject({ status: 200, body: { ok: true } });
    expect(
      await execIn(
        after.instanceId!,
        nodeScript("process.stdout.write(require('fs').readFileSync('/workspace/notes.txt', 'utf8'))"),
      ),
    ).toBe('survives');
  });

  it('removes the container, its volumes and its network', async () => {
    const sessionId = newSessionId();
    await runtime.ensureRunning(spec(sessionId));
    const made = await sessionObjects(sessionId);
    expect(made.containers).toHaveLength(1);
    expect(made.volumes.map((volume) => volume.Name).sort()).toEqual(
      [`${namespace}-agent-${sessionId}`, `${namespace}-ws-${sessionId}`].sort(),
    );
    expect(made.networks).toHaveLength(1);

    await runtime.remove(sessionId);
    expect(await sessionObjects(sessionId)).toEqual({ containers: [], volumes: [], networks: [] });
    expect(await runtime.status(sessionId)).toEqual({ state: 'absent', instanceId: null });
    expect((await runtime.list()).map((item) => item.sessionId)).not.toContain(sessionId);
    await runtime.remove(sessionId); // removing an absent session is a no-op
    await runtime.stop(sessionId);
  });

  it('fails fast with the executor output when the executor exits, without revealing the token', async () => {
    const brokenDir = await mkdtemp(join(tmpdir(), 'ab-broken-executor-'));
    scratch.push(brokenDir);
    await writeFile(
      join(brokenDir, 'executor.mjs'),
      "console.error('cannot start: token is ' + process.env.EXECUTOR_TOKEN); process.exit(3);\n",
    );
    await chmod(brokenDir, 0o755);
    await chmod(join(brokenDir, 'executor.mjs'), 0o644);
    const broken = new DockerRuntime({
      docker,
      namespace,
      executorDir: brokenDir,
      agentClisDir,
      healthTimeoutMs: 20_000,
      log,
    });
    const sessionId = newSessionId();

    const started = Date.now();
    const error = await broken.ensureRunning(spec(sessionId)).catch((failure: unknown) => failure);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(ExecutorUnhealthyError);
    const failure = error as ExecutorUnhealthyError;
    expect(failure.transient).toBe(true);
    expect(failure.reason).toContain('exit code 3');
    expect(failure.logTail).toContain('cannot start: token is [redacted]');
    const info = await docker.getContainer(`${namespace}-session-${sessionId}`).inspect();
    expect(failure.message).not.toContain(readDockerEnv(info.Config.Env, 'EXECUTOR_TOKEN'));
    await broken.remove(sessionId);
  });
});

describe.skipIf(!dockerAnswers)('createRuntime with a Docker engine that answers', () => {
  it('chooses the sandboxed Docker runtime', async () => {
    const runtime = await createRuntime({
      kind: 'auto',
      docker,
      namespace,
      dataDir: tmpdir(),
      executorDir: '/opt/unused',
      log,
    });
    expect(runtime.kind).toBe('docker');
    expect(runtime.sandboxed).toBe(true);
  });
});

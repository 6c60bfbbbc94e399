import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { execInContainer } from './support/container-exec.js';
import { login } from './support/graphql-client.js';
import { runScript, sessionView } from './support/session-helpers.js';
import { stackWithStorage } from './support/stack-with-storage.js';

const dbId = (globalId: string) => decodeGlobalID(globalId).id;

const APP_FIELDS = `id name slug provider enabled visibility
  runtimeManifest { runtimeVersion conflictPolicy mountPoints cleanupRules requiredPaths protectedPaths
    seedFiles { path content mode } }`;

const CREATE_APP = `mutation ($input: CreateAppInput!) { createApp(input: $input) { __typename
  ... on AppPayload { app { ${APP_FIELDS} } }
  ... on ValidationError { message fieldErrors { path message } }
  ... on Error { message } } }`;

const UPDATE_APP = `mutation ($input: UpdateAppInput!) { updateApp(input: $input) { __typename
  ... on AppPayload { app { ${APP_FIELDS} } }
  ... on ValidationError { message fieldErrors { path message } }
  ... on Error { message } } }`;

const APPS = `{ apps(first: 100) { edges { node { ${APP_FIELDS} } } } }`;

/** Reads files through the scripted agent, one answer per path, in order. */
function readAll(paths: string[]): unknown[] {
  return paths.flatMap((path) => [{ read: path }, { text: '|' }]);
}

describe('runtime manifest and restore plan (real Docker, S3 server, worker in its own process)', () => {
  const { stack } = stackWithStorage();
  let appCounter = 0;

  async function createApp(manifest: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const result = await stack.query(CREATE_APP, {
      input: {
        name: `Manifest app ${++appCounter}`,
        provider: 'SCRIPTED',
        model: 'scripted',
        runtimeManifest: manifest,
        ...extra,
      },
    });
    const payload = result.data?.createApp;
    if (payload?.__typename !== 'AppPayload') throw new Error(JSON.stringify(result));
    return payload.app as { id: string; runtimeManifest: Record<string, unknown> };
  }

  async function updateManifest(appId: string, manifest: Record<string, unknown>) {
    const result = await stack.query(UPDATE_APP, { input: { appId, runtimeManifest: manifest } });
    expect(result.data?.updateApp.__typename).toBe('AppPayload');
  }

  /** Container and volumes gone, as after the remove sweep: the next run recreates it. */
  async function removeContainer(sessionId: string) {
    await stack.api.services.runtime.remove(dbId(sessionId));
    expect((await stack.api.services.runtime.status(dbId(sessionId))).state).toBe('absent');
  }

  function inContainer(sessionId: string, script: string) {
    const container = `${stack.config.redis.prefix}-session-${dbId(sessionId)}`;
    return execInContainer(stack.api.services.docker, container, ['node', '-e', script]);
  }

  it('creates an app with a manifest; a new session starts with its seed files and mount points', async () => {
    const app = await createApp({
      runtimeVersion: '2024.11',
      seedFiles: [
        { path: '/workspace/README.md', content: '# seeded\n' },
        { path: '/workspace/tools/run.sh', content: '#!/bin/sh\necho run\n', mode: 0o755 },
      ],
      mountPoints: ['/workspace/cache/npm'],
      cleanupRules: ['/workspace/**/*.pid'],
      requiredPaths: ['/workspace/README.md'],
    });
    expect(app.runtimeManifest).toEqual({
      runtimeVersion: '2024.11',
      conflictPolicy: 'KEEP_SESSION',
      mountPoints: ['/workspace/cache/npm'],
      cleanupRules: ['/workspace/**/*.pid'],
      requiredPaths: ['/workspace/README.md'],
      protectedPaths: [],
      seedFiles: [
        { path: '/workspace/README.md', content: '# seeded\n', mode: 0o644 },
        { path: '/workspace/tools/run.sh', content: '#!/bin/sh\necho run\n', mode: 0o755 },
      ],
    });

    const sessionId = await stack.createSession('seeded', app.id);
    const text = await runScript(stack, sessionId, [
      ...readAll(['README.md', 'tools/run.sh']),
      { list: 'cache/npm' },
    ]);
    expect(text).toBe('# seeded\n|#!/bin/sh\necho run\n|no files: cache/npm');
    expect(
      await inContainer(
        sessionId,
        "process.stdout.write((require('fs').statSync('/workspace/tools/run.sh').mode & 0o777).toString(8))",
      ),
    ).toBe('755');
    const snapshot = (await sessionView(stack, sessionId)).snapshots.edges[0]!.node;
    const recorded = await stack.query(
      `query ($id: ID!) { node(id: $id) { ... on Snapshot { runtimeVersion } } }`,
      {
        id: snapshot.id,
      },
    );
    expect(recorded.data!.node.runtimeVersion).toBe('2024.11');
  });

  it('keeps the session’s files under KEEP_SESSION, the seed’s under KEEP_SEED, and never touches protected paths', async () => {
    const manifest = {
      runtimeVersion: '1',
      seedFiles: [
        { path: '/workspace/config.json', content: '{"from":"seed"}' },
        { path: '/workspace/.env', content: 'FROM=seed' },
        { path: '/workspace/fresh.txt', content: 'seeded later' },
      ],
      protectedPaths: ['/workspace/.env', '/workspace/keep'],
      cleanupRules: ['/workspace/**/*.pid'],
      mountPoints: ['/workspace/var/cache'],
    };
    const app = await createApp({ ...manifest, seedFiles: manifest.seedFiles.slice(0, 2) });
    const sessionId = await stack.createSession('conflicts', app.id);
    await runScript(stack, sessionId, [
      { write: { path: 'config.json', content: '{"from":"session"}' } },
      { write: { path: '.env', content: 'FROM=session' } },
      { write: { path: 'server/app.pid', content: '4242' } },
      { write: { path: 'keep/db.pid', content: '7' } },
      { write: { path: 'notes.txt', content: 'mine' } },
    ]);

    // KEEP_SESSION (the default): a recreated container gets the session's own files back; the
    // seed file added since is written, the stale pid file is cleaned up, the protected one is not.
    await updateManifest(app.id, manifest);
    await removeContainer(sessionId);
    const paths = ['config.json', '.env', 'fresh.txt', 'server/app.pid', 'keep/db.pid', 'notes.txt'];
    expect(await runScript(stack, sessionId, [...readAll(paths), { list: 'var/cache' }])).toBe(
      '{"from":"session"}|FROM=session|seeded later|missing: server/app.pid|7|mine|no files: var/cache',
    );

    // KEEP_SEED: the seed replaces the session's file, except on a protected path.
    await updateManifest(app.id, { ...manifest, conflictPolicy: 'KEEP_SEED' });
    await removeContainer(sessionId);
    expect(
      await runScript(stack, sessionId, readAll(['config.json', '.env', 'keep/db.pid', 'notes.txt'])),
    ).toBe('{"from":"seed"}|FROM=session|7|mine|');
  });

  it('blocks a run whose required paths are missing, with the paths and what to do', async () => {
    const app = await createApp({
      runtimeVersion: '1',
      seedFiles: [{ path: '/workspace/present.txt', content: 'here' }],
      requiredPaths: ['/workspace/present.txt', '/workspace/data/input.csv', '/workspace/models'],
    });
    const sessionId = await stack.createSession('required', app.id);
    const runId = await stack.sendScript(sessionId, [{ write: { path: 'never.txt', content: 'x' } }]);
    const events = await stack.events(runId).toEnd();
    const finished = events.at(-1)!;
    expect(finished).toMatchObject({ __typename: 'RunFinished', status: 'BLOCKED' });
    expect(finished.error.class).toBe('required_paths_missing');
    expect(finished.error.message).toContain('/workspace/data/input.csv, /workspace/models');
    expect(finished.error.message).not.toContain('present.txt');
    expect(finished.error.suggestion).toMatch(/seed files/);
    expect(events.map((event) => event.__typename)).not.toContain('ToolCallStarted');
    expect((await stack.run(runId)).status).toBe('BLOCKED');
  });

  it('reports a restore from a snapshot of another runtime version on the next run, once', async () => {
    const app = await createApp({ runtimeVersion: '1' });
    const sessionId = await stack.createSession('versions', app.id);
    await runScript(stack, sessionId, [{ write: { path: 'work.txt', content: 'made under 1' } }]);
    await updateManifest(app.id, { runtimeVersion: '2' });
    await removeContainer(sessionId);

    const runId = await stack.sendScript(sessionId, [{ read: 'work.txt' }]);
    const events = await stack.events(runId).toEnd();
    const warnings = events
      .filter((event) => event.__typename === 'RunWarning')
      .map((event) => event.message);
    expect(warnings).toEqual([expect.stringMatching(/runtime version "1".*runtime version "2"/)]);
    expect(events.at(-1)).toMatchObject({ status: 'SUCCEEDED' });

    const next = await stack.events(await stack.sendScript(sessionId, [{ text: 'again' }])).toEnd();
    expect(next.filter((event) => event.__typename === 'RunWarning')).toEqual([]);
  });

  it('refuses manifest paths that escape the workspace and changes nothing', async () => {
    const before = await stack.query(APPS);
    const bad = {
      runtimeVersion: '1',
      seedFiles: [{ path: '/etc/passwd', content: 'root::0:0::/root:/bin/sh' }],
      mountPoints: ['/workspace/../x'],
      requiredPaths: ['relative/path'],
    };
    const created = await stack.query(CREATE_APP, {
      input: { name: 'Escaping app', provider: 'SCRIPTED', model: 'scripted', runtimeManifest: bad },
    });
    expect(created.data!.createApp.__typename).toBe('ValidationError');
    expect(created.data!.createApp.fieldErrors).toEqual([
      {
        path: ['runtimeManifest', 'seedFiles', '0', 'path'],
        message: '"/etc/passwd" must be inside /workspace/',
      },
      { path: ['runtimeManifest', 'mountPoints', '0'], message: '"/workspace/../x" must not contain ".."' },
      {
        path: ['runtimeManifest', 'requiredPaths', '0'],
        message: '"relative/path" must be absolute, inside /workspace/',
      },
    ]);
    expect(await stack.query(APPS)).toEqual(before);

    const app = await createApp({ runtimeVersion: '1', mountPoints: ['/workspace/ok'] });
    const afterCreate = await stack.query(APPS);
    const updated = await stack.query(UPDATE_APP, {
      input: { appId: app.id, name: 'Renamed', enabled: false, runtimeManifest: bad },
    });
    expect(updated.data!.updateApp.__typename).toBe('ValidationError');
    expect(updated.data!.updateApp.message).toContain('/etc/passwd');
    expect(await stack.query(APPS)).toEqual(afterCreate);

    const missing = await stack.query(UPDATE_APP, {
      input: { appId: encodeGlobalID('App', randomUUID()), name: 'Nobody' },
    });
    expect(missing.data!.updateApp.__typename).toBe('NotFoundError');
  });

  it('lets only admins create and change apps', async () => {
    const created = await stack.query(
      `mutation { createUser(input: { email: "member@example.com", name: "Member", password: "password1" }) { __typename } }`,
    );
    expect(created.data!.createUser.__typename).toBe('CreateUserPayload');
    const member = await login(stack.api.url, 'member@example.com', 'password1');
    const before = await stack.query(APPS);

    const create = await stack.query(
      CREATE_APP,
      { input: { name: 'Member app', provider: 'SCRIPTED', model: 'scripted' } },
      member,
    );
    expect(create.data!.createApp).toEqual({
      __typename: 'ForbiddenError',
      message: 'only admins can create apps',
    });
    const update = await stack.query(
      UPDATE_APP,
      { input: { appId: await stack.appId(), name: 'Taken over' } },
      member,
    );
    expect(update.data!.updateApp.__typename).toBe('ForbiddenError');
    expect(await stack.query(APPS)).toEqual(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenSchema } from '../src/modules/auth/api-token.entity.js';
import { hashToken } from '../src/modules/auth/token.js';
import { gql, login, subscribe, wsClient } from './support/graphql-client.js';
import { startTestApi, testConfig, type TestApi } from './support/test-stack.js';

const VIEWER = '{ viewer { email role } }';

describe('authentication', () => {
  let api: TestApi;
  let drop: () => Promise<void>;
  let admin: { email: string; password: string };

  beforeAll(async () => {
    const test = await testConfig();
    drop = test.drop;
    admin = test.config.admin;
    api = await startTestApi(test.config);
  });

  afterAll(async () => {
    await api?.stop();
    await drop?.();
  });

  it('signs in over HTTP and answers the viewer with the token', async () => {
    const token = await login(api.url, admin.email, admin.password);
    const result = await gql(api.url, VIEWER, {}, token);
    expect(result).toEqual({ data: { viewer: { email: admin.email, role: 'ADMIN' } } });
  });

  it('refuses a request without a token, with a malformed one and with an unknown one', async () => {
    for (const token of [undefined, 'not-a-token', 'abt_' + 'x'.repeat(43)]) {
      const result = await gql(api.url, VIEWER, {}, token);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers a wrong password with a typed error that does not say which part was wrong', async () => {
    for (const input of [
      { email: admin.email, password: 'wrong' },
      { email: 'nobody@example.com', password: admin.password },
    ]) {
      const result = await gql(
        api.url,
        `mutation ($input: LoginInput!) { login(input: $input) { __typename ... on Error { message } } }`,
        { input },
      );
      expect(result.data?.login).toEqual({
        __typename: 'InvalidCredentialsError',
        message: 'the email or password is not correct',
      });
    }
  });

  it('refuses an empty email or password as a validation error', async () => {
    const result = await gql(
      api.url,
      `mutation { login(input: { email: " ", password: "" }) {
        __typename ... on ValidationError { fieldErrors { path } } } }`,
    );
    expect(result.data?.login).toEqual({
      __typename: 'ValidationError',
      fieldErrors: [{ path: ['email'] }, { path: ['password'] }],
    });
  });

  it('refuses an expired token', async () => {
    const token = await login(api.url, admin.email, admin.password);
    const em = api.services.orm.em.fork();
    await em.nativeUpdate(
      ApiTokenSchema,
      { tokenHash: hashToken(token) },
      { expiresAt: new Date(Date.now() - 1000) },
    );
    const result = await gql(api.url, VIEWER, {}, token);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('revokes the token on logout', async () => {
    const token = await login(api.url, admin.email, admin.password);
    expect((await gql(api.url, 'mutation { logout { ok } }', {}, token)).data).toEqual({
      logout: { ok: true },
    });
    expect((await gql(api.url, VIEWER, {}, token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('issues API tokens that work like login tokens and stores only their hash', async () => {
    const token = await login(api.url, admin.email, admin.password);
    const created = await gql<{ createApiToken: { token: string; expiresAt: string | null } }>(
      api.url,
      `mutation { createApiToken(input: { name: "ci", expiresInDays: 7 }) { ... on CreateApiTokenPayload { token expiresAt } } }`,
      {},
      token,
    );
    const apiToken = created.data!.createApiToken.token;
    expect((await gql(api.url, VIEWER, {}, apiToken)).data).toEqual({
      viewer: { email: admin.email, role: 'ADMIN' },
    });
    const stored = await api.services.orm.em.fork().find(ApiTokenSchema, { name: 'ci' });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(apiToken);
  });

  it('closes a WebSocket without a valid token with 4401', async () => {
    for (const authorization of [undefined, 'Bearer nope']) {
      const { client, closed } = wsClient(api.wsUrl, authorization);
      expect(await closed).toBe(4401);
      await client.dispose();
    }
  });

  it('lets admins add members, who sign in with the MEMBER role and may not add users', async () => {
    const token = await login(api.url, admin.email, admin.password);
    const create = `mutation ($input: CreateUserInput!) { createUser(input: $input) {
      __typename ... on CreateUserPayload { user { email role } } ... on Error { message } } }`;
    const created = await gql(
      api.url,
      create,
      { input: { email: 'Mia@Example.com', name: 'Mia', password: 'longenough' } },
      token,
    );
    expect(created.data?.createUser).toEqual({
      __typename: 'CreateUserPayload',
      user: { email: 'mia@example.com', role: 'MEMBER' },
    });
    const duplicate = await gql(
      api.url,
      create,
      { input: { email: 'mia@example.com', name: 'M', password: 'longenough' } },
      token,
    );
    expect(duplicate.data?.createUser.__typename).toBe('ValidationError');

    const member = await login(api.url, 'mia@example.com', 'longenough');
    expect((await gql(api.url, VIEWER, {}, member)).data).toEqual({
      viewer: { email: 'mia@example.com', role: 'MEMBER' },
    });
    const refused = await gql(
      api.url,
      create,
      { input: { email: 'x@example.com', name: 'X', password: 'longenough' } },
      member,
    );
    expect(refused.data?.createUser.__typename).toBe('ForbiddenError');
  });
});

describe('subscriptions over graphql-ws', () => {
  let first: TestApi;
  let second: TestApi;
  let drop: () => Promise<void>;
  let token: string;

  beforeAll(async () => {
    const test = await testConfig();
    drop = test.drop;
    first = await startTestApi(test.config);
    // A second server on the same database and Redis: changes made through one reach subscribers of the other.
    second = await startTestApi(test.config);
    token = await login(first.url, test.config.admin.email, test.config.admin.password);
  });

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await drop?.();
  });

  it('delivers a session change made on another server instance', async () => {
    const apps = await gql(first.url, '{ apps(first: 10) { edges { node { id provider } } } }', {}, token);
    const scripted = apps.data!.apps.edges.find(
      (e: { node: { provider: string } }) => e.node.provider === 'SCRIPTED',
    ).node;
    const created = await gql(
      first.url,
      `mutation ($input: CreateSessionInput!) { createSession(input: $input) { ... on SessionPayload { session { id title } } } }`,
      { input: { appId: scripted.id, title: 'first title' } },
      token,
    );
    const sessionId = created.data!.createSession.session.id as string;

    const { client } = wsClient(first.wsUrl, `Bearer ${token}`);
    const updates = subscribe(
      client,
      'subscription ($id: ID!) { sessionUpdated(sessionId: $id) { id title } }',
      {
        id: sessionId,
      },
    );
    expect((await updates.next()).data).toEqual({ sessionUpdated: { id: sessionId, title: 'first title' } });

    const renamed = await gql(
      second.url,
      `mutation ($input: RenameSessionInput!) { renameSession(input: $input) { __typename } }`,
      { input: { sessionId, title: 'second title' } },
      token,
    );
    expect(renamed.data).toEqual({ renameSession: { __typename: 'SessionPayload' } });
    expect((await updates.next()).data).toEqual({ sessionUpdated: { id: sessionId, title: 'second title' } });
    updates.dispose();
    await client.dispose();
  });

  it("refuses a subscription to another user's session without leaking it", async () => {
    const { client } = wsClient(first.wsUrl, `Bearer ${token}`);
    const updates = subscribe(client, 'subscription ($id: ID!) { sessionUpdated(sessionId: $id) { id } }', {
      id: Buffer.from('Session:00000000-0000-0000-0000-000000000000').toString('base64'),
    });
    const result = await updates
      .next()
      .catch((error: unknown) => ({ errors: error as { extensions?: { code?: string } }[] }));
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await client.dispose();
  });
});

import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const email = process.env.ADMIN_EMAIL ?? 'admin@localhost';
export const password = process.env.ADMIN_PASSWORD ?? 'admin';

/** One scripted-provider step (see API.md). */
export type ScriptStep = Record<string, unknown>;

/** The text of a message that makes the scripted agent play these steps. */
export function script(...steps: ScriptStep[]): string {
  return JSON.stringify({ script: steps });
}

/** A session title no other test (or earlier run) uses. */
export function uniqueTitle(label: string): string {
  return `${label} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** An account to sign in with. */
export interface Account {
  email: string;
  password: string;
}

/** Signs in through the login page, as the admin unless told otherwise. */
export async function signIn(page: Page, account: Account = { email, password }): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'New session' })).toBeVisible();
}

/** Creates a session on the scripted app from the workbench; returns its id. */
export async function newScriptedSession(page: Page, title: string): Promise<string> {
  return newSession(page, title, /Scripted agent/);
}

/** Creates a session from the workbench on the app the picker shows under `app`; returns its id. */
export async function newSession(page: Page, title: string, app: string | RegExp): Promise<string> {
  if (new URL(page.url()).pathname !== '/') await page.getByRole('link', { name: '+ New session' }).click();
  await expect(page.getByRole('heading', { name: 'New session' })).toBeVisible();
  await page.getByLabel('Title').fill(title);
  await expect(page.getByLabel('Title')).toHaveValue(title);
  await page.getByRole('radio', { name: app }).check();
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
  expect(id).not.toBe('');
  return id;
}

/** Types a message and sends it with Enter. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

/** The last assistant answer in the chat. */
export function lastAnswer(page: Page) {
  return page.getByTestId('assistant-message').last();
}

/** The browser's bearer token, for API calls that play "another client". */
export async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('agentbench.session'));
  const token = raw ? (JSON.parse(raw) as { token?: string }).token : undefined;
  if (!token) throw new Error('not signed in');
  return token;
}

/**
 * A GraphQL call through the workbench's own /graphql (not affected by the page going offline);
 * `token` null: anonymous.
 */
export async function gql<T>(
  request: APIRequestContext,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await request.post('/graphql', {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    data: { query, variables },
  });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The session's pending human-loop requests as the API sees them. */
export async function pendingRequests(
  request: APIRequestContext,
  token: string,
  sessionId: string,
): Promise<Array<{ id: string; prompt: string }>> {
  const data = await gql<{ session: { humanLoopRequests: Array<{ id: string; prompt: string }> } }>(
    request,
    token,
    'query($id: ID!) { session(id: $id) { humanLoopRequests(status: PENDING) { id prompt } } }',
    { id: sessionId },
  );
  return data.session.humanLoopRequests;
}

/** The status of the session's newest run as the API sees it. */
export async function latestRunStatus(
  request: APIRequestContext,
  token: string,
  sessionId: string,
): Promise<string> {
  const data = await gql<{ session: { runs: { edges: Array<{ node: { status: string } }> } } }>(
    request,
    token,
    'query($id: ID!) { session(id: $id) { runs(first: 1) { edges { node { status } } } } }',
    { id: sessionId },
  );
  return data.session.runs.edges[0]?.node.status ?? 'NONE';
}

/** The admin's bearer token from the API, for setup that runs without a page (`beforeAll`). */
export async function adminToken(request: APIRequestContext): Promise<string> {
  const data = await gql<{ login: { token?: string; message?: string } }>(
    request,
    null,
    'mutation($input: LoginInput!) { login(input: $input) { ... on LoginPayload { token } ... on Error { message } } }',
    { input: { email, password } },
  );
  if (!data.login.token) throw new Error(`admin sign-in failed: ${data.login.message}`);
  return data.login.token;
}

/** An app's settings as `createApp` takes them. */
export interface AppSettings {
  slug: string;
  name: string;
  description: string;
  provider: 'SCRIPTED' | 'CLAUDE_CODE' | 'CODEX_CLI' | 'OPENCODE';
  model: string;
  options: Record<string, unknown>;
}

const APP_RESULT =
  '__typename ... on AppPayload { app { id } } ... on Error { message } ... on ValidationError { fieldErrors { path message } }';

type AppResult = { __typename: string; app?: { id: string }; message?: string; fieldErrors?: unknown };

/**
 * Creates the app as the admin (`token`), or updates it when its slug is taken (a stack the
 * tests ran against before); returns its id.
 */
export async function saveApp(request: APIRequestContext, token: string, app: AppSettings): Promise<string> {
  const listed = await gql<{ apps: { edges: Array<{ node: { id: string; slug: string } }> } }>(
    request,
    token,
    'query { apps(first: 100) { edges { node { id slug } } } }',
  );
  const existing = listed.apps.edges.find((edge) => edge.node.slug === app.slug)?.node;
  let result: AppResult;
  if (existing) {
    const { slug: _slug, ...changes } = app;
    const data = await gql<{ updateApp: AppResult }>(
      request,
      token,
      `mutation($input: UpdateAppInput!) { updateApp(input: $input) { ${APP_RESULT} } }`,
      { input: { appId: existing.id, ...changes } },
    );
    result = data.updateApp;
  } else {
    const data = await gql<{ createApp: AppResult }>(
      request,
      token,
      `mutation($input: CreateAppInput!) { createApp(input: $input) { ${APP_RESULT} } }`,
      { input: app },
    );
    result = data.createApp;
  }
  if (!result.app) throw new Error(`saving the app ${app.slug} failed: ${JSON.stringify(result)}`);
  return result.app.id;
}

/** Adds a team member as the admin (`token`) with a fresh email; returns how to sign in as them. */
export async function newMember(request: APIRequestContext, token: string, name: string): Promise<Account> {
  const account = {
    email: `${name.toLowerCase().replace(/\W+/g, '.')}.${uniqueTitle('').trim()}@example.com`,
    password: 'correct horse battery',
  };
  const data = await gql<{ createUser: { __typename: string; message?: string } }>(
    request,
    token,
    'mutation($input: CreateUserInput!) { createUser(input: $input) { __typename ... on Error { message } } }',
    { input: { ...account, name, role: 'MEMBER' } },
  );
  if (data.createUser.__typename !== 'CreateUserPayload') {
    throw new Error(`adding ${name} failed: ${data.createUser.message}`);
  }
  return account;
}

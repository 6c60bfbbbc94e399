import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import {
  adminToken,
  gql,
  lastAnswer,
  newMember,
  newScriptedSession,
  script,
  sendMessage,
  signIn,
  tokenOf,
} from './workbench';

// The README's picture of the workbench: streamed markdown, a tool card, todos and a resolved question.
const target = resolve(import.meta.dirname, '../../docs/screenshot.png');

test.use({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });

// What a member's history holds besides the session in the picture.
const earlierSessions = [
  'Explain the billing module',
  'Add paging to the orders page',
  'Upgrade the API to Node 22',
];

test('README screenshot', async ({ page, request }) => {
  // A member of their own, so that the history shows their sessions only, not those of other tests.
  const member = await newMember(request, await adminToken(request), 'Dana Reyes');
  await signIn(page, member);
  const token = await tokenOf(page);
  const apps = await gql<{ apps: { edges: Array<{ node: { id: string; slug: string } }> } }>(
    request,
    token,
    'query { apps(first: 100) { edges { node { id slug } } } }',
  );
  const scripted = apps.apps.edges.find((edge) => edge.node.slug === 'scripted')?.node;
  if (!scripted) throw new Error('the scripted app is not visible to members');
  for (const title of earlierSessions) {
    await gql(
      request,
      token,
      'mutation($input: CreateSessionInput!) { createSession(input: $input) { __typename } }',
      { input: { appId: scripted.id, title } },
    );
  }
  await newScriptedSession(page, 'Fix the flaky login test');
  await sendMessage(
    page,
    script(
      {
        todos: [
          { id: '1', text: 'Reproduce the failure', status: 'completed' },
          { id: '2', text: 'Fix the race in the session check', status: 'in_progress' },
          { id: '3', text: 'Add a regression test', status: 'pending' },
        ],
      },
      {
        tool: 'run_tests',
        input: { path: 'tests/login.spec.ts' },
        output: '1 failed: expected /home, got /login',
      },
      {
        ask: 'The token check races the redirect. Fix it in the guard or in the login page?',
        options: ['Guard', 'Login page'],
      },
      {
        write: {
          path: 'src/routes/guard.ts',
          content:
            'export async function load({ parent }) {\n  const { auth } = await parent();\n  if (!(await auth.ready())) redirect(307, "/login");\n}\n',
        },
      },
      {
        text: '\n\n## Found it\n\nThe guard read the token **before** it was stored. The fix waits for the store:\n\n```ts\nexport async function load({ parent }) {\n  const { auth } = await parent();\n  if (!(await auth.ready())) redirect(307, "/login");\n}\n```\n\n- the guard now awaits `auth.ready()`\n- a regression test covers the redirect',
      },
    ),
  );
  const panel = page.getByRole('region', { name: /Waiting for you/ });
  await panel.getByRole('button', { name: 'Guard' }).click();
  const answer = lastAnswer(page);
  await expect(answer.getByTestId('run-status')).toHaveText('Succeeded');
  await expect(answer.getByRole('heading', { name: 'Found it' })).toBeVisible();
  await answer.locator('details.tool', { hasText: 'run_tests' }).locator('summary').click();
  await expect(answer.getByText('1 failed: expected /home, got /login')).toBeVisible();
  await expect(panel.getByRole('article', { name: /^Resolved:/ })).toContainText('Guard');
  const session = page.getByRole('region', { name: 'Session', exact: true });
  await expect(session.getByTestId('app-readiness')).toHaveText('Ready to run');
  await page.locator('main').evaluate((main) => main.scrollTo({ top: main.scrollHeight }));
  await page.screenshot({ path: target });
});

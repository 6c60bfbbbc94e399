import { expect, test } from './fixtures';
import {
  lastAnswer,
  latestRunStatus,
  newScriptedSession,
  pendingRequests,
  script,
  sendMessage,
  signIn,
  tokenOf,
  gql,
  uniqueTitle,
} from './workbench';

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('a message streams its answer as markdown, with a tool card and todos', async ({ page }) => {
  await newScriptedSession(page, uniqueTitle('Streaming'));

  await test.step('Shift+Enter makes a new line, Enter sends', async () => {
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('line one');
    await box.press('Shift+Enter');
    await box.pressSequentially('line two');
    await expect(box).toHaveValue('line one\nline two');
  });

  await sendMessage(
    page,
    script(
      { text: 'First part with **bold** text.' },
      { sleep: 2500 },
      {
        text: '\n\n```ts\nconst answer: number = 42;\n```\n\n<img src=x onerror="window.pwned=1"> stays text.',
      },
      {
        todos: [
          { id: 't1', text: 'Read the code', status: 'completed' },
          { id: 't2', text: 'Write the fix', status: 'in_progress' },
          { id: 't3', text: 'Run the tests', status: 'pending' },
        ],
      },
      { tool: 'read_file', input: { path: 'src/index.ts' }, output: 'export {};' },
    ),
  );

  const answer = lastAnswer(page);
  await test.step('the first text arrives while the run is still going', async () => {
    await expect(answer.getByText('First part with bold text.')).toBeVisible();
    await expect(answer.locator('strong', { hasText: 'bold' })).toBeVisible();
    await expect(answer.getByTestId('run-status')).toHaveText('Running');
    await expect(answer.getByText('const answer')).toHaveCount(0);
  });

  await test.step('the rest follows: highlighted code, escaped HTML, tool card, todos', async () => {
    await expect(answer.getByTestId('run-status')).toHaveText('Succeeded');
    await expect(answer.locator('pre code.hljs .hljs-keyword', { hasText: 'const' })).toBeVisible();
    await expect(answer.getByText('<img src=x onerror="window.pwned=1"> stays text.')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    const card = answer.locator('details.tool', { hasText: 'read_file' });
    await expect(card).toContainText('done');
    await card.locator('summary').click();
    await expect(card.getByText('"path": "src/index.ts"')).toBeVisible();
    await expect(card.getByText('export {};')).toBeVisible();

    const todos = page.getByRole('region', { name: /Todos/ });
    await expect(todos.getByRole('region', { name: 'In progress' })).toContainText('Write the fix');
    await expect(todos.getByRole('region', { name: 'To do' })).toContainText('Run the tests');
    await expect(todos.getByRole('region', { name: 'Done' })).toContainText('Read the code');
  });
});

test('answering a question lets the run finish; the tab title says when an agent waits', async ({ page }) => {
  const title = uniqueTitle('Question');
  await newScriptedSession(page, title);
  await sendMessage(
    page,
    script({ text: 'Let me ask.' }, { ask: 'Which database?', options: ['Postgres', 'SQLite'] }),
  );

  const panel = page.getByRole('region', { name: /Waiting for you/ });
  const question = panel.getByRole('article', { name: 'Question' });
  await expect(question).toContainText('Which database?');
  await expect(question).toContainText(/The agent waits about \d+:\d\d more/);
  await expect(page).toHaveTitle('(1) Waiting for you · agentbench');
  await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('Waiting for you');

  await question.getByRole('button', { name: 'Postgres' }).click();

  await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('Succeeded');
  await expect(lastAnswer(page)).toContainText('answer: Postgres');
  await expect(panel.getByRole('article', { name: 'Resolved: Which database?' })).toContainText('Postgres');
  await expect(panel.getByText('No questions are waiting.')).toBeVisible();
  await expect(page).toHaveTitle(`${title} · agentbench`);
});

test('a permission request offers Allow and Deny once each; a denial fails the tool call, not the run', async ({
  page,
}) => {
  await newScriptedSession(page, uniqueTitle('Permission'));
  await sendMessage(
    page,
    script({ permission: 'Delete the build folder' }, { text: 'Carrying on without it.' }),
  );

  const panel = page.getByRole('region', { name: /Waiting for you/ });
  const request = panel.getByRole('article', { name: 'Permission request' });
  await expect(request).toContainText('Delete the build folder');
  await expect(request.getByRole('button')).toHaveText(['Allow', 'Deny', 'Send']);

  await request.getByRole('button', { name: 'Deny' }).click();

  const answer = lastAnswer(page);
  await expect(answer.getByTestId('run-status')).toHaveText('Succeeded');
  await expect(answer).toContainText('Carrying on without it.');
  const card = answer.locator('details.tool', { hasText: 'permission' });
  await expect(card).toContainText('failed');
  await card.locator('summary').click();
  await expect(card.getByText('denied by user')).toBeVisible();
  await expect(panel.getByRole('article', { name: 'Resolved: Delete the build folder' })).toContainText(
    'deny',
  );
});

test('an answer given elsewhere first is reported as already handled', async ({ page, request }) => {
  // The page's WebSocket is relayed so the test can hold back live updates, as a slow network would:
  // the page still shows the question when the user answers it.
  let holding = false;
  const held: Array<string | Buffer> = [];
  let toPage: ((message: string | Buffer) => void) | undefined;
  await page.routeWebSocket(/\/graphql$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    toPage = (message) => ws.send(message);
    server.onMessage((message) => (holding ? held.push(message) : ws.send(message)));
  });
  await page.reload();

  const sessionId = await newScriptedSession(page, uniqueTitle('Duplicate'));
  await sendMessage(page, script({ ask: 'Ship it?', options: ['yes', 'no'] }));
  const panel = page.getByRole('region', { name: /Waiting for you/ });
  const question = panel.getByRole('article', { name: 'Question' });
  await expect(question).toContainText('Ship it?');

  holding = true;
  const token = await tokenOf(page);
  const [pending] = await pendingRequests(request, token, sessionId);
  expect(pending?.prompt).toBe('Ship it?');
  const first = await gql<{ answerHumanLoop: { alreadyHandled: boolean } }>(
    request,
    token,
    'mutation($input: AnswerHumanLoopInput!) { answerHumanLoop(input: $input) { ... on AnswerHumanLoopPayload { alreadyHandled } } }',
    { input: { requestId: pending?.id, answer: 'yes' } },
  );
  expect(first.answerHumanLoop.alreadyHandled).toBe(false);

  await question.getByRole('button', { name: 'no' }).click();
  await expect(panel.getByRole('status')).toHaveText(/Someone already answered.*: yes$/);
  await expect(panel.getByRole('article', { name: 'Resolved: Ship it?' })).toContainText('yes');

  holding = false;
  for (const message of held.splice(0)) toPage?.(message);
  await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('Succeeded');
  await expect(lastAnswer(page)).toContainText('answer: yes');
  await expect(lastAnswer(page)).not.toContainText('answer: no');
});

test('the Stop button cancels a running run', async ({ page }) => {
  await newScriptedSession(page, uniqueTitle('Stop'));
  await sendMessage(
    page,
    script({ text: 'Starting a long job.' }, { sleep: 60000 }, { text: 'Never shown.' }),
  );
  const answer = lastAnswer(page);
  await expect(answer.getByText('Starting a long job.')).toBeVisible();
  await answer.getByRole('button', { name: 'Stop' }).click();
  await expect(answer.getByTestId('run-status')).toHaveText('Canceled');
  await expect(answer.getByText('Stopped.')).toBeVisible();
  await expect(answer.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await expect(answer).not.toContainText('Never shown.');
});

test('stopping a run that waits for an answer closes its question', async ({ page }) => {
  const title = uniqueTitle('Stop asking');
  await newScriptedSession(page, title);
  await sendMessage(page, script({ text: 'Before I go on:' }, { ask: 'Proceed?', options: ['yes', 'no'] }));
  const panel = page.getByRole('region', { name: /Waiting for you/ });
  await expect(panel.getByRole('article', { name: 'Question' })).toContainText('Proceed?');

  const answer = lastAnswer(page);
  await answer.getByRole('button', { name: 'Stop' }).click();
  await expect(answer.getByTestId('run-status')).toHaveText('Canceled');
  await expect(panel.getByRole('article', { name: 'Question' })).toHaveCount(0);
  await expect(panel.getByRole('article', { name: 'Resolved: Proceed?' })).toContainText(
    'Canceled without an answer.',
  );
  await expect(panel.getByText('No questions are waiting.')).toBeVisible();
  await expect(page).toHaveTitle(`${title} · agentbench`);
});

test('a reload mid-run shows the whole answer, once', async ({ page }) => {
  await newScriptedSession(page, uniqueTitle('Reload'));
  await sendMessage(
    page,
    script({ text: 'Before the reload.' }, { sleep: 3000 }, { text: ' After the reload.' }),
  );
  await expect(lastAnswer(page).getByText('Before the reload.')).toBeVisible();
  await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('Running');

  await page.reload();
  const answer = lastAnswer(page);
  await expect(answer.getByTestId('run-status')).toHaveText('Succeeded');
  await expect(answer.getByTestId('assistant-text')).toHaveText('Before the reload. After the reload.');
});

test('losing the network mid-run: a banner while away, then the answer without gaps or doubles', async ({
  page,
  context,
  request,
}) => {
  const sessionId = await newScriptedSession(page, uniqueTitle('Offline'));
  await sendMessage(
    page,
    script({ text: 'One.' }, { sleep: 1500 }, { text: ' Two.' }, { sleep: 1500 }, { text: ' Three.' }),
  );
  const answer = lastAnswer(page);
  await expect(answer.getByText('One.')).toBeVisible();

  await context.setOffline(true);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  // The run goes on without us.
  const token = await tokenOf(page);
  await expect.poll(() => latestRunStatus(request, token, sessionId), { timeout: 20_000 }).toBe('SUCCEEDED');
  await expect(page.getByTestId('offline-banner')).toBeVisible();

  await context.setOffline(false);
  await expect(page.getByTestId('offline-banner')).toBeHidden();
  await expect(answer.getByTestId('run-status')).toHaveText('Succeeded');
  await expect(answer.getByTestId('assistant-text')).toHaveText('One. Two. Three.');
});

test('sessions can be found, renamed and deleted', async ({ page }) => {
  const title = uniqueTitle('Findable');
  await newScriptedSession(page, title);
  const sidebar = page.getByRole('navigation', { name: 'Sessions' });

  await sidebar.getByRole('searchbox', { name: 'Search sessions' }).fill(title);
  await expect(sidebar.getByRole('link', { name: new RegExp(title) })).toBeVisible();
  await sidebar.getByRole('searchbox', { name: 'Search sessions' }).fill(`${title} nothing like it`);
  await expect(sidebar.getByText('No session matches.')).toBeVisible();
  await sidebar.getByRole('searchbox', { name: 'Search sessions' }).fill('');

  const renamed = `${title} renamed`;
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('Session title').fill(renamed);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: renamed, level: 1 })).toBeVisible();
  await expect(sidebar.getByRole('link', { name: new RegExp(renamed) })).toBeVisible();

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { name: 'New session' })).toBeVisible();
  await expect(sidebar.getByRole('link', { name: new RegExp(renamed) })).toHaveCount(0);
});

test('on a phone-width screen the panels stack and the sessions open from a menu', async ({ page }) => {
  const title = uniqueTitle('Phone');
  await newScriptedSession(page, title);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('navigation', { name: 'Sessions' })).toBeHidden();
  await sendMessage(page, script({ text: 'Small screens work.' }));
  await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('Succeeded');
  await expect(page.getByRole('region', { name: /Todos/ })).toBeVisible();

  await page.getByRole('button', { name: 'Sessions' }).click();
  await expect(
    page.getByRole('navigation', { name: 'Sessions' }).getByRole('link', { name: new RegExp(title) }),
  ).toBeVisible();
});

test('on a short window the composer stays at its bottom and the panels scroll on their own', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 560 });
  await newScriptedSession(page, uniqueTitle('Short window'));
  // A question waiting, todos and the session panel: taller than the window, beside a short chat.
  await sendMessage(
    page,
    script(
      {
        todos: [
          { id: '1', text: 'Read the code', status: 'completed' },
          { id: '2', text: 'Write the fix', status: 'in_progress' },
          { id: '3', text: 'Run the tests', status: 'pending' },
        ],
      },
      { ask: 'Which branch?', options: ['main', 'develop'] },
    ),
  );
  const panels = page.getByRole('complementary', { name: 'Session panels' });
  await expect(panels.getByRole('article', { name: 'Question' })).toBeVisible();
  await expect(panels.getByRole('region', { name: /Todos/ })).toContainText('Run the tests');

  const composer = page.getByRole('textbox', { name: 'Message' });
  await page.locator('main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
  const box = await composer.boundingBox();
  expect(box && box.y + box.height).toBeGreaterThan(560 - 60);

  const { scrollHeight, clientHeight } = await panels.evaluate((aside) => ({
    scrollHeight: aside.scrollHeight,
    clientHeight: aside.clientHeight,
  }));
  expect(scrollHeight).toBeGreaterThan(clientHeight);
  const syncNow = panels.getByRole('button', { name: 'Sync now' });
  await syncNow.scrollIntoViewIfNeeded();
  await expect(syncNow).toBeInViewport();
});

test('a long answer streams to the end without rendering its markdown once per event', async ({ page }) => {
  await newScriptedSession(page, uniqueTitle('Long answer'));
  // Counts the renders of any answer's markdown: each replaces the rendered children at once.
  await page.evaluate(() => {
    const counter = window as unknown as { markdownRenders: number };
    counter.markdownRenders = 0;
    new MutationObserver((records) => {
      if (records.some((r) => r.target instanceof Element && r.target.classList.contains('markdown')))
        counter.markdownRenders++;
    }).observe(document.querySelector('[aria-label="Chat"]')!, { childList: true, subtree: true });
  });
  // 6,000 words: the scripted agent streams them three at a time, 2,000 text events.
  await sendMessage(page, script({ text: `# Report\n\n${'word '.repeat(6000)}end.` }));

  const answer = lastAnswer(page);
  await expect(answer.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 60_000 });
  await expect(answer.getByRole('heading', { name: 'Report' })).toBeVisible();
  await expect(answer.getByText(/word end\.$/)).toBeVisible();
  const renders = await page.evaluate(
    () => (window as unknown as { markdownRenders: number }).markdownRenders,
  );
  expect(renders).toBeGreaterThan(0);
  expect(renders).toBeLessThan(2000 / 4);
  // The page follows the stream to its end.
  await expect(answer.getByText(/word end\.$/)).toBeInViewport();
});

test('a long session opens on its latest messages and shows earlier ones on demand', async ({
  page,
  request,
}) => {
  const sessionId = await newScriptedSession(page, uniqueTitle('Long session'));
  const token = await tokenOf(page);
  // One more page's worth than the chat loads at first (50).
  for (let i = 1; i <= 52; i++) {
    await gql(
      request,
      token,
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }',
      { input: { sessionId, text: `message ${i}` } },
    );
  }
  await expect.poll(() => latestRunStatus(request, token, sessionId), { timeout: 120_000 }).toBe('SUCCEEDED');
  await page.reload();

  const chat = page.getByRole('region', { name: 'Chat' });
  // The scripted agent's answers, one per message.
  const said = (i: number) =>
    chat.getByTestId('assistant-text').getByText(`You said: message ${i}`, { exact: true });
  await expect(said(52)).toBeVisible();
  await expect(said(3)).toHaveCount(1);
  await expect(said(2)).toHaveCount(0);

  await chat.getByRole('button', { name: 'Show earlier messages' }).click();
  await expect(said(1)).toHaveCount(1);
  await expect(said(2)).toHaveCount(1);
  await expect(chat.getByRole('button', { name: 'Show earlier messages' })).toHaveCount(0);
  await expect(page.getByTestId('assistant-message')).toHaveCount(52);
});

import { expect, test } from './fixtures';
import { adminToken } from './workbench';

// The GraphQL playground, through the workbench's own origin; the browser here has no way out, as
// a self-hosted install may not, so everything the page needs must come from the platform.
test('GraphiQL opens at /graphql and answers the viewer with a token, loading nothing from elsewhere', async ({
  page,
  request,
}) => {
  const token = await adminToken(request);
  // What a person would put in GraphiQL's Headers tab, which keeps it in local storage.
  await page.addInitScript(
    (bearer) => localStorage.setItem('graphiql:headers', JSON.stringify({ authorization: bearer })),
    `Bearer ${token}`,
  );
  const requested: string[] = [];
  page.on('request', (sent) => requested.push(sent.url()));

  await page.goto(`/graphql?query=${encodeURIComponent('{ viewer { email role } }')}`);
  const execute = page.getByRole('button', { name: /Execute query/ });
  await expect(execute).toBeVisible();
  await execute.click();
  await expect(page.locator('.graphiql-response')).toContainText('"role": "ADMIN"');

  const origin = new URL(page.url()).origin;
  const elsewhere = requested.filter((url) => /^https?:/.test(url) && new URL(url).origin !== origin);
  expect(elsewhere).toEqual([]);
  expect(requested.some((url) => url.includes('/graphiql/'))).toBe(true);
});

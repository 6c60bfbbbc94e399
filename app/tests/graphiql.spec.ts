import { expect, test } from './fixtures';

// The GraphQL playground, through the workbench's own origin; the browser here has no way out, as
// a self-hosted install may not, so everything the page needs must come from the platform.
test('GraphiQL opens at /graphql and runs a query, with nothing loaded from elsewhere', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`/graphql?query=${encodeURIComponent('{ __typename }')}`);
  const execute = page.getByRole('button', { name: /Execute query/ });
  await expect(execute).toBeVisible();
  await execute.click();
  await expect(page.locator('.graphiql-response')).toContainText('"__typename": "Query"');
  const origin = new URL(page.url()).origin;
  const elsewhere = requested.filter((url) => /^https?:/.test(url) && new URL(url).origin !== origin);
  expect(elsewhere).toEqual([]);
  expect(requested.some((url) => url.includes('/graphiql/'))).toBe(true);
});

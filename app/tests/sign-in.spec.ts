import { expect, test } from './fixtures';

const email = process.env.ADMIN_EMAIL ?? 'admin@localhost';
const password = process.env.ADMIN_PASSWORD ?? 'admin';

test('signing in and out of the workbench', async ({ page }) => {
  await test.step('an unauthenticated visit lands on the sign-in page', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page).toHaveTitle('agentbench');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  await test.step('a wrong password shows the error and stays', async () => {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(`${password}-wrong`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByRole('alert')).not.toBeEmpty();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  const main = page.getByRole('main');

  await test.step('the right password shows who you are', async () => {
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(main.getByText(email, { exact: true })).toBeVisible();
    await expect(main.getByText('Admin', { exact: true })).toBeVisible();
    await expect(page.getByRole('banner').getByText('agentbench')).toBeVisible();
  });

  await test.step('a reload keeps you signed in', async () => {
    await page.reload();
    await expect(page).toHaveURL(/\/$/);
    await expect(main.getByText(email, { exact: true })).toBeVisible();
  });

  await test.step('signing out returns to the sign-in page, also after a reload', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.reload();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel('Email')).toBeVisible();
  });
});

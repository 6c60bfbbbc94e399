import { expect, test } from './fixtures';
import { lastAnswer, newScriptedSession, script, sendMessage, signIn, uniqueTitle } from './workbench';

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('a snapshot follows each run; Sync now and Restore keep the list current', async ({ page }) => {
  await newScriptedSession(page, uniqueTitle('Snapshots'));
  const panel = page.getByRole('region', { name: 'Session', exact: true });
  const list = panel.getByRole('list', { name: 'Snapshots' });
  const items = list.getByRole('listitem');
  const lastSync = panel.getByTestId('last-sync');

  await expect(panel.getByText('No snapshots yet.')).toBeVisible();
  await expect(lastSync).toHaveText('Never');

  await test.step('a run that writes a file is followed by an AFTER_RUN snapshot', async () => {
    await sendMessage(page, script({ write: { path: 'a.txt', content: 'x' } }, { text: 'done' }));
    await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('Succeeded', { timeout: 30_000 });
    await expect(items).toHaveCount(1);
    const snapshot = items.first();
    await expect(snapshot).toHaveAttribute('data-reason', 'AFTER_RUN');
    await expect(snapshot).toContainText('After run');
    await expect(snapshot).toContainText('1 file · 1 B');
    await expect(snapshot).toContainText('Run: {"script"');
    await expect(lastSync).toHaveAttribute('datetime', /\d{4}-\d\d-\d\dT/);
    await expect(lastSync).toHaveAttribute('title', /.+/);
  });

  await test.step('Sync now records a MANUAL snapshot and moves the last-sync time', async () => {
    const before = await lastSync.getAttribute('datetime');
    expect(before).not.toBeNull();
    await panel.getByRole('button', { name: 'Sync now' }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Synced:' })).toBeVisible();
    await expect(lastSync).not.toHaveAttribute('datetime', before ?? '');
    await expect(items).toHaveCount(2);
    await expect(items.first()).toHaveAttribute('data-reason', 'MANUAL');
  });

  await test.step('restoring the first snapshot asks first, then adds a SAFETY snapshot', async () => {
    const first = items.filter({ hasText: 'After run' });
    await first.getByRole('button', { name: /^Restore snapshot of/ }).click();
    const confirm = first.getByRole('group', { name: 'Confirm restore' });
    await expect(confirm).toContainText('Replace the workspace with this snapshot?');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect(items).toHaveCount(2);

    await first.getByRole('button', { name: /^Restore snapshot of/ }).click();
    await confirm.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(panel.getByRole('status').filter({ hasText: 'Restored the snapshot of' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(items).toHaveCount(3);
    await expect(items.first()).toHaveAttribute('data-reason', 'SAFETY');
    await expect(items.first()).toContainText('Safety');
  });

  await test.step('at phone width the list still fits', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(items.first().getByRole('button', { name: /^Restore snapshot of/ })).toBeVisible();
    expect(await panel.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  });
});

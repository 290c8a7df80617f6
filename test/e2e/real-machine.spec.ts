import { expect, test } from '@playwright/test';

test('boots the real machine from its lesson, times it, and completes its exercise at the console, graded by the server', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto('/container-from-scratch/');
  const lab = page.locator('.real-machine');
  await lab.scrollIntoViewIfNeeded();
  // Nothing heavy loads until the learner asks for it.
  const boot = lab.getByRole('button', { name: /^Watch it boot \(downloads [\d.]+ MB once\)$/ });
  await expect(boot).toBeEnabled();
  expect(fetched.filter((p) => p.startsWith('/real-machine/') || p.endsWith('.wasm'))).toEqual([]);
  await boot.click();

  await expect(lab.locator('.machine-screen[data-ready="true"]')).toBeVisible({ timeout: 240_000 });
  await expect(lab.locator('.machine-stages li[data-state="done"]')).toHaveCount(4);
  expect(fetched.filter((p) => p.startsWith('/real-machine/')).length).toBe(4);
  expect(fetched.some((p) => p.endsWith('.wasm'))).toBe(true);
  expect(fetched.some((p) => /RealMachineLab/.test(p))).toBe(true);
  await expect(lab.locator('.xterm-rows')).toContainText('root@quayside:~#');
  await expect(lab.locator('.machine-compare')).toContainText(
    /Virtual machine: power on to shell\s*[\d.]+ s/,
  );
  await expect(lab.locator('.machine-compare')).toContainText(/times faster/, { timeout: 60_000 });

  const first = lab.locator('.lab-tasks li').first();
  await expect(first).toHaveAttribute('data-done', 'false');
  await lab.locator('.machine-screen').click();
  for (const line of [
    'mkdir -p /tmp/box/upper /tmp/box/work /tmp/box/merged',
    'mount -t overlay overlay -o lowerdir=/containers/rootfs,upperdir=/tmp/box/upper,workdir=/tmp/box/work /tmp/box/merged',
    'echo hello > /tmp/box/merged/hello.txt',
    'cat /tmp/box/upper/hello.txt',
  ])
    await page.keyboard.type(`${line}\n`);
  await expect(lab.locator('.xterm-rows')).toContainText(/cat \/tmp\/box\/upper\/hello.txt\s*hello/);
  await expect(first).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await expect(lab.locator('.lab-tasks li').nth(1)).toHaveAttribute('data-done', 'false');

  // The rest of the exercise: a container in new namespaces on the overlay, then a memory limit.
  for (const line of [
    'unshare --pid --fork --mount --uts chroot /tmp/box/merged /bin/sh',
    'mount -t proc proc /proc',
    'hostname box',
  ])
    await page.keyboard.type(`${line}\n`);
  await expect(lab.locator('.xterm-rows')).toContainText('root@box:/#');
  await expect(lab.locator('.lab-tasks li').nth(1)).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  // Keys typed while the container's shell exits may reach it rather than the host's bash (it showed
  // under load in CI): wait for the host's prompt, as a person would.
  await page.keyboard.type('exit\n');
  await expect(lab.locator('.xterm-rows')).toContainText(/root@box:\/# exit\s*root@quayside:~#/, {
    timeout: 60_000,
  });
  for (const line of [
    'mkdir /sys/fs/cgroup/box',
    'echo 16M > /sys/fs/cgroup/box/memory.max',
    "sh -c 'echo $$ > /sys/fs/cgroup/box/cgroup.procs; exec tail /dev/zero'",
  ])
    await page.keyboard.type(`${line}\n`);
  await expect(lab.locator('.xterm-rows')).toContainText('Killed', { timeout: 60_000 });
  await expect(lab.locator('.lab-tasks li[data-done="true"]')).toHaveCount(3, { timeout: 60_000 });

  // The server grades what was typed on a machine of its own, not the page's ticks.
  await lab.getByRole('button', { name: 'Submit for grading' }).click();
  const status = lab.locator('.lab-tasks [role=status]');
  // While it waits: its place in the queue, then the seconds the server's replay has run.
  await expect(status).toHaveText(
    /^(Waiting for the grader: (you are next|\d+ learners ahead of you)\.|The server's own machine is replaying your console input: \d+ s so far\.)$/,
    { timeout: 30_000 },
  );
  await expect(status).toHaveText('Verified by the server: 3 of 3 tasks done.', { timeout: 180_000 });
  await expect(lab.locator('.lab-tasks li[data-server="true"]')).toHaveCount(3);
  await expect(lab.locator('.lab-success')).toContainText(
    'Exercise complete: A container from scratch, on a real kernel',
  );
});

test('resumes a booted machine in seconds, set to this moment, and its console input is graded as a boot’s', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto('/container-from-scratch/');
  const lab = page.locator('.real-machine');
  await lab.scrollIntoViewIfNeeded();
  await lab.getByRole('button', { name: /^Resume a booted machine \(downloads [\d.]+ MB once\)$/ }).click();
  await expect(lab.locator('.machine-screen[data-ready="true"]')).toBeVisible({ timeout: 60_000 });
  // The saved state and v86: no firmware, kernel or initramfs to download.
  expect(fetched.filter((p) => p.startsWith('/real-machine/'))).toEqual(['/real-machine/booted.state.gz']);
  expect(fetched.some((p) => p.endsWith('.wasm'))).toBe(true);
  await expect(lab.locator('.machine-stages')).toHaveCount(0);
  const figure = lab.locator('.machine-compare');
  await expect(figure).toContainText(/Virtual machine: saved state to shell\s*[\d.]+ s/);
  await expect(figure).toContainText('resuming skips firmware, kernel and init');
  for (const phase of ['fetch', 'decompress', 'restore', 'prompt', 'resume'])
    expect(Number(await figure.getAttribute(`data-${phase}-ms`)), phase).toBeGreaterThanOrEqual(0);
  await expect(figure).toHaveAttribute('data-container-ms', /^\d+$/, { timeout: 60_000 });

  // The guest woke at the moment it was saved: its clock is now this one, its console this terminal's size.
  const screen = lab.locator('.machine-screen');
  await screen.click();
  const before = Math.floor(Date.now() / 1000);
  await page.keyboard.type('echo "clock=$(date +%s) size=$(stty size) sum=$((6*7))"\n');
  const rows = lab.locator('.xterm-rows');
  await expect(rows).toContainText(/clock=\d+ size=\d+ \d+ sum=42/);
  const [, clock, height, width] = /clock=(\d+) size=(\d+) (\d+) sum=42/.exec(
    (await rows.textContent()) ?? '',
  ) as RegExpExecArray;
  expect(Math.abs(Number(clock) - before)).toBeLessThan(60);
  expect(width).toBe(await screen.getAttribute('data-columns'));
  expect(Number(height)).toBeGreaterThan(5);

  // The first task, typed here and replayed by the server on a machine it boots itself.
  for (const line of [
    'mkdir -p /tmp/box/upper /tmp/box/work /tmp/box/merged',
    'mount -t overlay overlay -o lowerdir=/containers/rootfs,upperdir=/tmp/box/upper,workdir=/tmp/box/work /tmp/box/merged',
    'echo hello > /tmp/box/merged/hello.txt',
  ])
    await page.keyboard.type(`${line}\n`);
  const first = lab.locator('.lab-tasks li').first();
  await expect(first).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await lab.getByRole('button', { name: 'Submit for grading' }).click();
  await expect(lab.locator('.lab-tasks [role=status]')).toHaveText(
    'Verified by the server: 1 of 3 tasks done.',
    { timeout: 240_000 },
  );
  await expect(first).toHaveAttribute('data-server', 'true');
});

test('pages without the real machine load none of it', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto('/containers/');
  await page.locator('.lab').first().scrollIntoViewIfNeeded();
  // The simulated lab has loaded and started: everything this page will fetch for labs is in.
  await expect(page.locator('.lab-screen[data-ready="true"]').first()).toBeVisible({ timeout: 60_000 });
  expect(fetched.some((p) => /lab-session/.test(p))).toBe(true);
  expect(
    fetched.filter((p) => p.startsWith('/real-machine/') || p.endsWith('.wasm') || /RealMachine/.test(p)),
  ).toEqual([]);
});

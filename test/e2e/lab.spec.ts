import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'yaml';
import { ENGINE_VERSION } from '../../src/sandbox/sandbox';

/** The lesson's first lab (the second one holds an exercise). */
const firstLab = (page: Page) => page.locator('.lab').first();

async function openLab(page: Page) {
  await page.goto('/why-isolate/');
  await firstLab(page).scrollIntoViewIfNeeded();
  await expect(firstLab(page).locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 20_000 });
  await firstLab(page).locator('.lab-screen').click();
}

const screen = (page: Page) => firstLab(page).locator('.xterm-rows');

test.describe('the lab terminal', () => {
  test('runs docker in the browser and shows its real output', async ({ page }) => {
    await openLab(page);
    await page.keyboard.type('docker run --rm alpine cat /etc/os-release\n');
    await expect(screen(page)).toContainText('PRETTY_NAME="Alpine Linux v3.22"');
    await page.keyboard.type('docker run --rm alpine uname -r\n');
    await expect(screen(page)).toContainText('6.8.0-45-generic');
  });

  test('completes with Tab and recalls history with Up', async ({ page }) => {
    await openLab(page);
    // `dock` is ambiguous (docker, dockerd): like bash, Tab completes the common part only.
    await page.keyboard.type('dock');
    await page.keyboard.press('Tab');
    await page.keyboard.type(' ima');
    await page.keyboard.press('Tab'); // image, images: completes to `image`
    await page.keyboard.type('s');
    await expect(screen(page)).toContainText('docker images');
    await page.keyboard.press('Enter');
    await expect(screen(page)).toContainText('REPOSITORY');
    await page.keyboard.type('echo marker\n');
    await expect(screen(page)).toContainText('marker');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(screen(page).getByText('REPOSITORY')).toHaveCount(2);
  });

  test('a here-document Dockerfile, typed line by line, builds and runs', async ({ page }) => {
    await openLab(page);
    await page.keyboard.type("cat > Dockerfile <<'EOF'\n");
    await expect(screen(page)).toContainText('> ');
    await page.keyboard.type('FROM alpine\nCMD ["echo", "built in the browser"]\nEOF\n');
    await page.keyboard.type('docker build -t hello . && docker run --rm hello\n');
    await expect(screen(page)).toContainText('naming to docker.io/library/hello:latest', { timeout: 20_000 });
    await expect(screen(page)).toContainText('built in the browser');
  });

  test('keyboard users can leave the terminal with Escape then Tab', async ({ page }) => {
    await openLab(page);
    const inTerminal = () =>
      page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'));
    expect(await inTerminal()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await inTerminal()).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await inTerminal()).toBe(false);
  });

  test('Ctrl-C interrupts a long command', async ({ page }) => {
    await openLab(page);
    await page.keyboard.type('sleep 30\n');
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+C');
    await page.keyboard.type('echo status=$?\n');
    await expect(screen(page)).toContainText('status=130');
  });

  test('a reload resumes where the learner was, and Reset starts over', async ({ page }) => {
    await openLab(page);
    await page.keyboard.type('mkdir -p /tmp/work && cd /tmp/work && touch kept.txt\n');
    await expect(screen(page)).toContainText('learner@quayside:/tmp/work$');
    await page.waitForTimeout(300);
    await page.reload();
    await openLab(page);
    await expect(screen(page)).toContainText('learner@quayside:/tmp/work$');
    await page.keyboard.type('ls\n');
    await expect(screen(page)).toContainText('kept.txt');
    // Reset asks first; Cancel keeps everything.
    await firstLab(page).getByRole('button', { name: 'Reset lab' }).click();
    const ask = firstLab(page).getByRole('group', { name: /^Start this lab over\?/ });
    await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(ask).toHaveCount(0);
    await firstLab(page).locator('.lab-screen').click();
    await page.keyboard.type('ls\n');
    await expect(screen(page).getByText('kept.txt')).toHaveCount(2);
    await firstLab(page).getByRole('button', { name: 'Reset lab' }).click();
    await ask.getByRole('button', { name: 'Reset lab' }).click();
    await expect(firstLab(page).locator('.lab-screen[data-ready="true"]')).toBeVisible();
    await firstLab(page).locator('.lab-screen').click();
    await page.keyboard.type('pwd\n');
    await expect(screen(page)).toContainText('/home/learner');
  });

  test('background processes run on the lab clock, take signals, and survive a reload', async ({ page }) => {
    await openLab(page);
    await page.keyboard.type(
      `docker run -d --name clock alpine sh -c 'while true; do date; sleep 1; done'\n`,
    );
    await page.keyboard.type('sleep 3; echo lines=$(docker logs clock | wc -l)\n');
    await expect(screen(page)).toContainText(/lines=[34]/, { timeout: 15_000 });
    await page.keyboard.type(
      `docker run -d --name polite alpine sh -c 'trap "echo bye; exit 0" TERM; while :; do sleep 1; done'\n`,
    );
    await page.keyboard.type('docker stop polite; docker logs polite\n');
    await expect(screen(page)).toContainText('bye', { timeout: 15_000 });
    await page.waitForTimeout(300);
    await page.reload();
    await openLab(page);
    await page.keyboard.type(`docker ps --format '{{.Names}} {{.Status}}'; docker logs clock | wc -l\n`);
    await expect(screen(page)).toContainText(/clock Up \d+ seconds/, { timeout: 15_000 });
  });

  test('the editor writes a file that the shell then reads, and sees files the shell made', async ({
    page,
  }) => {
    await openLab(page);
    await page.keyboard.type('echo from-the-shell > shell.txt\n');
    await expect(screen(page)).toContainText('learner@quayside:~$ echo from-the-shell');
    await firstLab(page).getByRole('button', { name: 'Files' }).click();
    await expect(page.getByRole('button', { name: 'shell.txt' })).toBeVisible();
    await firstLab(page).getByRole('textbox', { name: 'New file name' }).fill('Dockerfile');
    await firstLab(page).getByRole('textbox', { name: 'New file name' }).press('Enter');
    await firstLab(page).getByRole('textbox', { name: 'Editing /home/learner/Dockerfile' }).click();
    await page.keyboard.type('FROM alpine\nCMD ["echo", "written in the editor"]');
    await firstLab(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expect(firstLab(page).getByRole('status')).toContainText('Saved /home/learner/Dockerfile');
    await firstLab(page).getByRole('button', { name: 'Terminal' }).click();
    await firstLab(page).locator('.lab-screen').click();
    await page.keyboard.type('cat Dockerfile\n');
    await expect(screen(page)).toContainText('CMD ["echo", "written in the editor"]');
  });

  test('the dashboard changes when a container and a VM start', async ({ page }) => {
    await openLab(page);
    await firstLab(page).getByRole('button', { name: 'Dashboard' }).click();
    await expect(firstLab(page).locator('.lab-dashboard')).toContainText('Nothing runs yet');
    await firstLab(page).getByRole('button', { name: 'Terminal' }).click();
    await firstLab(page).locator('.lab-screen').click();
    await page.keyboard.type('docker run -d --name web nginx\n');
    await page.keyboard.type(
      'virt-install --name vm1 --memory 1024 --vcpus 1 --disk size=10 --osinfo debian13 --import --noautoconsole\n',
    );
    await expect(screen(page)).toContainText('Domain creation completed.', { timeout: 30_000 });
    await firstLab(page).getByRole('button', { name: 'Dashboard' }).click();
    const table = firstLab(page).getByRole('table', { name: 'What runs on this host' });
    await expect(table.getByRole('row', { name: /Container web 6\.8\.0-45-generic/ })).toBeVisible();
    await expect(table.getByRole('row', { name: /VM \(KVM, type 1\) vm1/ })).toBeVisible();
    await expect(firstLab(page).getByRole('img', { name: /^Memory .*VMs 1\.\d GiB/ })).toBeVisible();
  });

  test('the prompt needs no interface code; a control clicked before it loads still acts, in place', async ({
    page,
  }) => {
    const interfaceCode: string[] = [];
    page.on('request', (r) => {
      if (/\/_astro\/(LabTerminal|client)\./.test(r.url())) interfaceCode.push(r.url());
    });
    // The interface's code arrives well after the click, as on a slow connection.
    await page.route(/\/_astro\/LabTerminal\.[^/]*\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await route.continue();
    });
    await openLab(page);
    await page.keyboard.type('echo before-$((6*7))\n');
    await expect(screen(page)).toContainText('before-42');
    const lab = firstLab(page);
    const tabs = lab.locator('.lab-tabs');
    const before = { tabs: await tabs.boundingBox(), frame: await lab.locator('.lab-frame').boundingBox() };
    expect(interfaceCode).toEqual([]);
    await expect(lab.locator('astro-island[ssr]')).toBeAttached();

    // One click, on the server's button: it wakes the interface, then acts.
    await lab.getByRole('button', { name: 'Dashboard' }).click();
    await expect(lab.locator('.lab-dashboard')).toBeVisible();
    await expect(lab.getByRole('button', { name: 'Dashboard' })).toHaveAttribute('aria-pressed', 'true');
    expect(interfaceCode.length).toBeGreaterThan(0);
    // The interface adopted the running session: the same terminal, the same sandbox.
    await lab.getByRole('button', { name: 'Terminal' }).click();
    await expect(lab.locator('.xterm')).toHaveCount(1);
    await lab.locator('.lab-screen').click();
    await page.keyboard.type('echo after-$((6*8))\n');
    await expect(screen(page)).toContainText('after-48');
    await expect(screen(page)).toContainText('before-42');
    // Hydrating moved nothing.
    expect(await tabs.boundingBox()).toEqual(before.tabs);
    expect(await lab.locator('.lab-frame').boundingBox()).toEqual(before.frame);
  });

  test('the Chinese lesson has the same lab with translated controls', async ({ page }) => {
    await page.goto('/zh-cn/why-isolate/');
    await firstLab(page).scrollIntoViewIfNeeded();
    await expect(firstLab(page).getByRole('button', { name: '重置实验' })).toBeVisible({ timeout: 20_000 });
  });

  test('pages without a lab load no terminal code', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    expect(scripts.some((u) => /xterm|\/terminal\.|lab-session|LabTerminal|worker/.test(u))).toBe(false);
  });
});

/** The exercise file as the server reads it: submissions name its version. */
const firstWebServer = parse(readFileSync('exercises/first-web-server.yaml', 'utf8')) as { version: number };

test.describe('an exercise in the lab', () => {
  test('tasks tick as the learner works, and the server verifies the submission', async ({ page }) => {
    await page.goto('/why-isolate/');
    const lab = page.locator('.lab').nth(1);
    await lab.scrollIntoViewIfNeeded();
    await expect(lab.locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
    const tasks = lab.getByRole('region', { name: /Exercise: Your first web server/ });
    await expect(tasks.getByRole('img', { name: 'to do' })).toHaveCount(3);
    await lab.getByRole('button', { name: 'Hint' }).first().click();
    await expect(tasks).toContainText('starts a container in the background');
    await lab.locator('.lab-screen').click();
    await page.keyboard.type('docker run -d --name web -p 8080:80 nginx\n');
    await expect(tasks.getByRole('img', { name: 'done' })).toHaveCount(1, { timeout: 15_000 });
    await page.keyboard.type("docker run --rm -v notes:/data alpine sh -c 'echo kept > /data/note.txt'\n");
    await expect(tasks.getByRole('img', { name: 'done' })).toHaveCount(2, { timeout: 15_000 });
    await page.keyboard.type('curl -s localhost:8080 > ~/page.html\n');
    await expect(tasks.getByRole('img', { name: 'done' })).toHaveCount(3, { timeout: 15_000 });
    await tasks.getByRole('button', { name: 'Submit for grading' }).click();
    await expect(tasks.getByRole('status')).toHaveText('Verified by the server: 3 of 3 tasks done.');
    // A solution is shown only once the learner confirms, since an instructor may see it.
    await tasks.getByRole('button', { name: 'Show solution' }).first().click();
    const ask = tasks.getByRole('group', { name: /^See the reference solution/ });
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(tasks.locator('.lab-solution')).toHaveCount(0);
    await tasks.getByRole('button', { name: 'Show solution' }).first().click();
    await ask.getByRole('button', { name: 'Show solution' }).click();
    // The server asks the database whether the exercise is assigned first: seconds on a busy machine.
    await expect(tasks.locator('.lab-solution').first()).toContainText('docker run', { timeout: 15_000 });
  });

  test('a forged submission is graded on its evidence, and a foreign one is refused', async ({
    page,
    baseURL,
  }) => {
    const headers = { origin: baseURL as string, 'content-type': 'application/json' };
    const forged = await page.request.post('/api/exercises/first-web-server/verify', {
      headers,
      data: {
        exercise: 'first-web-server',
        exerciseVersion: firstWebServer.version,
        engine: ENGINE_VERSION,
        transcript: [{ type: 'input', text: 'echo done' }],
        score: 1,
      },
    });
    expect((await forged.json()).score).toBe(0);
    const crossSite = await page.request.post('/api/exercises/first-web-server/verify', {
      headers: { ...headers, origin: 'https://elsewhere.example' },
      data: { exercise: 'first-web-server', exerciseVersion: 1, engine: ENGINE_VERSION, transcript: [] },
    });
    expect(crossSite.status()).toBe(403);
  });
});

test.describe('the WebContainer backend', () => {
  test('lab pages that offer it are cross-origin isolated; pages that do not are not', async ({ page }) => {
    const offered = await page.goto('/containers/');
    expect(offered?.headers()['cross-origin-embedder-policy']).toBe('credentialless');
    expect(offered?.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const plain = await page.goto('/images/');
    expect(plain?.headers()['cross-origin-embedder-policy']).toBeUndefined();
  });

  test('offline, it cannot boot: a one-line notice, and the built-in sandbox carries on', async ({
    page,
    context,
  }) => {
    await page.goto('/containers/');
    const lab = page.locator('.lab[data-webcontainer]');
    await lab.scrollIntoViewIfNeeded();
    await expect(lab.locator('.lab-screen[data-ready="true"]')).toBeVisible({ timeout: 20_000 });
    // The lab's controls load when a learner first reaches for them; then the connection goes.
    await lab.getByRole('button', { name: /Run on a WebContainer/ }).hover();
    await expect(lab.locator('astro-island:not([ssr])')).toBeAttached();
    await context.setOffline(true);
    await lab.getByRole('button', { name: /Run on a WebContainer/ }).click();
    await expect(lab.locator('.lab-fallback')).toHaveText(
      /^WebContainer unavailable \(offline: .+\); the built-in sandbox carries on\.$/,
    );
    await lab.locator('.lab-screen').click();
    await page.keyboard.type('docker run --rm alpine uname -r\n');
    await expect(lab.locator('.xterm-rows')).toContainText('6.8.0-45-generic');
  });
});

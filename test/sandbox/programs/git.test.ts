import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

const URL = 'https://github.com/docker/getting-started-app.git';

describe('git', () => {
  it('clones the repositories it holds, with progress only on a terminal', async () => {
    const tty = Sandbox.create({ seed: 1, tty: true });
    expect(await tty.run(`git clone ${URL}`)).toBe(
      "Cloning into 'getting-started-app'...\nremote: Enumerating objects: 79, done.\nremote: Counting objects: 100% (79/79), done.\nremote: Compressing objects: 100% (59/59), done.\nremote: Total 79 (delta 18), reused 79 (delta 18), pack-reused 0 (from 0)\nReceiving objects: 100% (79/79), 1.76 MiB | 4.12 MiB/s, done.\nResolving deltas: 100% (18/18), done.\n",
    );
    const s = Sandbox.create({ seed: 1 });
    expect(await s.run(`git clone ${URL} app; echo $?`)).toBe("Cloning into 'app'...\n0\n");
    expect(await s.run('cat app/.dockerignore; cat app/.git/HEAD')).toBe(
      'node_modules\nDockerfile\nref: refs/heads/main\n',
    );
    expect(await s.run('ls -l app/src/static/js/babel.min.js')).toContain(' 791236 ');
    expect(await s.run('head -4 app/yarn.lock')).toContain('# Abridged by Quayside');
    expect(await s.run(`git clone ${URL} app; echo $?`)).toBe(
      "fatal: destination path 'app' already exists and is not an empty directory.\n128\n",
    );
    expect(await s.run('git clone https://github.com/torvalds/linux.git; echo $?')).toBe(
      `git: this sandbox has no network; it holds copies of ${URL} and can clone only that\n128\n`,
    );
    expect(await s.run('git clone; echo $?')).toBe(
      'fatal: You must specify a repository to clone.\n\nusage: git clone [<options>] [--] <repo> [<dir>]\n129\n',
    );
  });

  it('shows status and log in a clone', async () => {
    const s = Sandbox.create({ seed: 2 });
    await s.run(`git clone -q ${URL}`);
    expect(await s.run('git status')).toBe(
      'fatal: not a git repository (or any of the parent directories): .git\n',
    );
    await s.run('cd getting-started-app');
    expect(await s.run('git status')).toBe(
      "On branch main\nYour branch is up to date with 'origin/main'.\n\nnothing to commit, working tree clean\n",
    );
    await s.run(
      'echo x >> README.md; rm spec/routes/addItem.spec.js; mkdir -p node_modules/a; touch node_modules/a/x Dockerfile',
    );
    expect(await s.run('cd src && git status')).toBe(
      `On branch main\nYour branch is up to date with 'origin/main'.\n\nChanges not staged for commit:\n  (use "git add/rm <file>..." to update what will be committed)\n  (use "git restore <file>..." to discard changes in working directory)\n\tmodified:   ../README.md\n\tdeleted:    ../spec/routes/addItem.spec.js\n\nUntracked files:\n  (use "git add <file>..." to include in what will be committed)\n\t../Dockerfile\n\t../node_modules/\n\nno changes added to commit (use "git add" and/or "git commit -a")\n`,
    );
    await s.run('cd ..');
    expect(await s.run('git status -s')).toBe(
      ' M README.md\n D spec/routes/addItem.spec.js\n?? Dockerfile\n?? node_modules/\n',
    );
    expect(await s.run('git log --oneline')).toBe(
      'f2d13b8 Merge pull request #48 from docker/add-dockerignore\nb5e5851 add .dockerignore file\nb13a9f1 Update package.json\n9bbd95c first commit\n',
    );
    expect(await s.run('git log -1')).toBe(
      'commit f2d13b8483f33e7dc6255014cbfd4b528d60bc22\nMerge: b13a9f1 b5e5851\nAuthor: David Karlsson <35727626+dvdksn@users.noreply.github.com>\nDate:   Wed Jun 5 17:55:15 2024 +0200\n\n    Merge pull request #48 from docker/add-dockerignore\n    \n    add .dockerignore file\n',
    );
    const tty = Sandbox.create({ seed: 2, tty: true });
    await tty.run(`git clone -q ${URL} && cd getting-started-app`);
    expect(await tty.run('git log --oneline -2')).toBe(
      '\x1b[33mf2d13b8\x1b[m\x1b[33m (\x1b[m\x1b[1;36mHEAD -> \x1b[m\x1b[1;32mmain\x1b[m\x1b[33m, \x1b[m\x1b[1;31morigin/main\x1b[m\x1b[33m, \x1b[m\x1b[1;31morigin/HEAD\x1b[m\x1b[33m)\x1b[m Merge pull request #48 from docker/add-dockerignore\n\x1b[33mb5e5851\x1b[m\x1b[33m (\x1b[m\x1b[1;31morigin/add-dockerignore\x1b[m\x1b[33m)\x1b[m add .dockerignore file\n',
    );
  });

  it('says what it does not do', async () => {
    const s = Sandbox.create({ seed: 3 });
    expect(await s.run('git --version')).toBe('git version 2.43.0\n');
    expect(await s.run('git commit -m x; echo $?')).toBe(
      "git: this sandbox's git only clones the repositories it holds and runs status and log in them; 'commit' is not available here\n1\n",
    );
    expect(await s.run('git frobnicate')).toBe("git: 'frobnicate' is not a git command. See 'git --help'.\n");
  });
});

import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

// docker/cli v28.5.1 cli/command/inspect/inspector.go: the typed object first, the raw JSON with
// missingkey=error next, whatever succeeded (or an empty line), then every error.
describe('docker inspect -f', () => {
  it('prints an empty line before the errors when nothing was found', async () => {
    const s = Sandbox.create({ seed: 3 });
    expect(await s.run("docker inspect -f '{{.Id}}' nosuch; echo $?")).toBe(
      '\nError: No such object: nosuch\n1\n',
    );
  });

  it('falls back to the raw JSON, where a missing key is an error', async () => {
    const s = Sandbox.create({ seed: 3 });
    await s.run('docker pull -q busybox >/dev/null && docker run --name ff busybox true');
    expect(await s.run("docker inspect -f '{{.Nope}}' ff nosuch; echo $?")).toBe(
      '\ntemplate parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"\nError: No such object: nosuch\n1\n',
    );
    expect(await s.run("docker inspect -f '{{.Name}}' ff nosuch")).toBe(
      '/ff\nError: No such object: nosuch\n',
    );
  });

  it('stops at a template that does not parse, with status 64', async () => {
    const s = Sandbox.create({ seed: 3 });
    expect(await s.run("docker inspect -f '{{.Id' anything; echo $?")).toBe(
      'template parsing error: template: :1: unclosed action\n64\n',
    );
  });
});

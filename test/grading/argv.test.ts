import { describe, expect, it } from 'vitest';
import { commandsIn, matches, normalise, normaliseLine } from '../../src/grading/argv';

const line = (text: string) => {
  const parsed = normaliseLine(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.argv;
};

describe('commandsIn', () => {
  it('finds every simple command in lists, pipelines and compound commands', () => {
    expect(commandsIn('docker ps | grep web && echo ok; if true; then docker images; fi')).toEqual([
      ['docker', 'ps'],
      ['grep', 'web'],
      ['echo', 'ok'],
      ['true'],
      ['docker', 'images'],
    ]);
  });

  it('leaves out commands whose words need expanding, and unparsable input', () => {
    expect(commandsIn('docker run $IMAGE')).toEqual([]);
    expect(commandsIn('echo "unterminated')).toEqual([]);
    expect(commandsIn("docker run 'my image'")).toEqual([['docker', 'run', 'my image']]);
  });
});

describe('normalise', () => {
  it('reads docker with its own flag tables: aliases, short and long forms, any order', () => {
    expect(line('docker container ls -a')).toEqual(line('docker ps --all'));
    expect(line('docker run -m 64m --name hog alpine tail /dev/zero')).toEqual({
      program: 'docker',
      command: 'run',
      options: { memory: ['64m'], name: ['hog'] },
      operands: ['alpine', 'tail', '/dev/zero'],
    });
    expect(line('docker run -e B=2 -e A=1 alpine')).toEqual(line('docker run --env A=1 --env=B=2 alpine'));
  });

  it('keeps the container’s command apart from docker’s flags', () => {
    expect(line('docker run alpine ls -l').options).toEqual({});
    expect(line('docker run alpine ls -l').operands).toEqual(['alpine', 'ls', '-l']);
  });

  it('reports the CLI’s own errors', () => {
    expect(normalise(['docker', 'run', '--nope'])).toEqual({ ok: false, error: 'unknown flag: --nope' });
    expect(normalise(['docker', 'fly'])).toEqual({
      ok: false,
      error: "docker: 'fly' is not a docker command.",
    });
    expect(normaliseLine('docker ps; docker images')).toEqual({ ok: false, error: 'expected one command' });
  });

  it('reads other programs generically: subcommand, --name value and --name=value alike', () => {
    expect(line('virsh start web')).toEqual({
      program: 'virsh',
      command: 'start',
      options: {},
      operands: ['web'],
    });
    expect(line('virt-install --name vm1 --memory=2048 --import')).toEqual(
      line('virt-install --import --memory 2048 --name vm1'),
    );
  });
});

describe('matches', () => {
  const pattern = line('docker run -m 64m alpine');
  it('allows extra flags unless exact', () => {
    expect(matches(pattern, line('docker run --name hog --memory 64m alpine'), false)).toBe(true);
    expect(matches(pattern, line('docker run --name hog --memory 64m alpine'), true)).toBe(false);
    expect(matches(pattern, line('docker run --memory=64m alpine'), true)).toBe(true);
  });
  it('needs the same subcommand, values and operands', () => {
    expect(matches(pattern, line('docker create -m 64m alpine'), false)).toBe(false);
    expect(matches(pattern, line('docker run -m 32m alpine'), false)).toBe(false);
    expect(matches(pattern, line('docker run -m 64m busybox'), false)).toBe(false);
  });
  it('lets the learner add a command after the pattern’s operands, unless exact', () => {
    expect(matches(pattern, line('docker run -m 64m alpine true'), false)).toBe(true);
    expect(matches(pattern, line('docker run -m 64m alpine true'), true)).toBe(false);
  });
});

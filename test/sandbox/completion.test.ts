import { beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../../src/sandbox/sandbox';

// Tab completion as the lab's terminal asks for it: the word before the cursor, in the shell that is
// reading input now. Docker's names follow the CLI's own completion functions.
describe('Tab completion', () => {
  let s: Sandbox;
  const candidates = (line: string) => s.complete(line, line.length).candidates;

  beforeAll(async () => {
    s = Sandbox.create({ seed: 'completion' });
    await s.run(
      [
        'docker run -d --name web nginx',
        'docker run -d --name webcache redis',
        'docker create --name idle alpine',
        'docker stop webcache',
        'docker volume create notes',
        'docker network create backend',
        'mkdir site && touch site/index.html',
      ].join('\n'),
    );
  });

  it('completes commands, builtins (help among them) and paths', () => {
    expect(candidates('hel')).toEqual(['help']);
    expect(candidates('dock')).toEqual(['docker', 'dockerd']);
    expect(candidates('ls si')).toEqual(['site/']);
    expect(candidates('cat site/in')).toEqual(['site/index.html']);
  });

  it('completes docker subcommands, and a management command’s own', () => {
    expect(candidates('docker ru')).toEqual(['run']);
    expect(candidates('docker volume ')).toEqual(['create', 'inspect', 'ls', 'prune', 'rm']);
    expect(candidates('docker container r')).toEqual(['rename', 'restart', 'rm', 'run']);
  });

  it('offers the containers each command takes, as the docker CLI does', () => {
    // stop, exec and kill take running containers; start and rm stopped ones, rm -f any.
    expect(candidates('docker stop ')).toEqual(['web']);
    expect(candidates('docker exec -it ')).toEqual(['web']);
    expect(candidates('docker start ')).toEqual(['idle', 'webcache']);
    expect(candidates('docker rm ')).toEqual(['idle', 'webcache']);
    expect(candidates('docker rm -f w')).toEqual(['web', 'webcache']);
    expect(candidates('docker container rm --force w')).toEqual(['web', 'webcache']);
    expect(candidates('docker logs w')).toEqual(['web', 'webcache']);
    // Several operands: each one completes.
    expect(candidates('docker rm idle ')).toEqual(['idle', 'webcache']);
  });

  it('completes the container name a prefix leaves, so Tab can finish it', () => {
    const line = 'docker stop we';
    const { start, candidates: found } = s.complete(line, line.length);
    expect(start).toBe('docker stop '.length);
    expect(found).toEqual(['web']);
  });

  it('offers images as repository:tag where an image is expected, and only there', () => {
    expect(candidates('docker rmi ')).toEqual(['alpine:latest', 'nginx:latest', 'redis:latest']);
    expect(candidates('docker image rm ng')).toEqual(['nginx:latest']);
    expect(candidates('docker run -d --name x -p 8080:80 ng')).toEqual(['nginx:latest']);
    expect(candidates('docker run --rm ')).toEqual(['alpine:latest', 'nginx:latest', 'redis:latest']);
    // After the image come the container's command and its arguments: files, not images.
    expect(candidates('docker run --rm alpine si')).toEqual(['site/']);
  });

  it('offers volumes and networks to the commands that take them', () => {
    // redis's image declares VOLUME /data: its container made an anonymous volume, named by a digest.
    expect(candidates('docker volume rm ')).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), 'notes']);
    expect(candidates('docker volume inspect n')).toEqual(['notes']);
    expect(candidates('docker network rm ')).toEqual(['backend', 'bridge', 'host', 'none']);
  });

  it('completes a flag’s value as a path, not as a name', () => {
    expect(candidates('docker run -v si')).toEqual(['site/']);
  });
});

import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../src/sandbox/sandbox';

describe('container lookup', () => {
  it('finds containers by name and unique ID prefix as they come and go', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q alpine');
    const first = (await s.run('docker run -d --name web alpine sleep 600')).trim();
    expect(await s.run('docker inspect -f "{{.Name}}" web')).toBe('/web\n');
    expect(await s.run(`docker inspect -f "{{.Name}}" ${first.slice(0, 6)}`)).toBe('/web\n');
    await s.run('docker rm -f web');
    expect(await s.run('docker inspect -f "{{.Name}}" web')).toContain('No such object: web');
    expect(await s.run(`docker inspect -f "{{.Name}}" ${first.slice(0, 6)}`)).toContain('No such object');
    const second = (await s.run('docker run -d --name web alpine sleep 600')).trim();
    expect(second).not.toBe(first);
    expect(await s.run('docker inspect -f "{{.Id}}" /web')).toBe(`${second}\n`);
  });

  it('gives every unnamed container a distinct generated name', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q alpine');
    await s.run(Array(300).fill('docker create alpine true').join('\n'));
    const names = (await s.run('docker ps -a --format "{{.Names}}"')).trim().split('\n');
    expect(names).toHaveLength(300);
    expect(new Set(names).size).toBe(300);
  });

  it('finds containers in a restored lab', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q alpine\ndocker create --name kept alpine true');
    const restored = Sandbox.restore(s.snapshot());
    expect(await restored.run('docker start kept >/dev/null; docker inspect -f "{{.Name}}" kept')).toBe(
      '/kept\n',
    );
  });
});

describe('published ports', () => {
  it('lets one running container hold a host port at a time', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q nginx');
    await s.run('docker run -d --name one -p 8080:80 nginx');
    expect(await s.run('docker run -d --name two -p 8080:80 nginx')).toContain('port is already allocated');
    await s.run('docker stop one');
    expect(await s.run('docker start two && echo started')).toBe('two\nstarted\n');
    expect(await s.run('docker start one')).toContain(
      'Bind for 0.0.0.0:8080 failed: port is already allocated',
    );
    await s.run('docker rm -f two');
    expect(await s.run('docker start one && echo started')).toBe('one\nstarted\n');
  });

  it("prints a detached container's ID before its failed start, as the client does", async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run(
      'docker pull -q busybox >/dev/null\ndocker run -d --name one -p 18082:80 busybox httpd -f -p 80',
    );
    const out = await s.run('docker run -d --name two -p 18082:80 busybox httpd -f -p 80; echo $?');
    const id = (await s.run('docker inspect -f "{{.Id}}" two')).trim();
    expect(
      out.startsWith(`${id}\ndocker: Error response from daemon: failed to set up container networking: `),
    ).toBe(true);
    expect(
      out.endsWith("port is already allocated\n\nRun 'docker run --help' for more information\n125\n"),
    ).toBe(true);
    expect(await s.run('docker ps -a --format "{{.Names}} {{.State}}"')).toBe('two created\none running\n');
  });

  it('knows the holders of a restored lab', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q nginx\ndocker run -d --name one -p 8080:80 nginx');
    const restored = Sandbox.restore(s.snapshot());
    expect(await restored.run('docker run -d --name two -p 8080:80 nginx')).toContain(
      'port is already allocated',
    );
  });
});

// As recorded from the real client and daemon in conformance/docker-objects.yaml.
describe('removing and tagging images', () => {
  it('refuses to delete by ID an image that several repositories name, and only reports a missing one with -f', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox >/dev/null; docker tag busybox mybox:1');
    const id = (await s.run('docker images -q mybox:1')).trim();
    expect(await s.run(`docker rmi ${id}; echo $?`)).toBe(
      `Error response from daemon: conflict: unable to delete ${id} (must be forced) - image is referenced in multiple repositories\n1\n`,
    );
    expect(await s.run('docker rmi mybox:1')).toBe('Untagged: mybox:1\n');
    // As Docker 28 recorded it (conformance: rmi-missing).
    expect(await s.run('docker rmi -f nosuch; echo $?')).toBe(
      'Error response from daemon: No such image: nosuch:latest\n0\n',
    );
    expect(await s.run('docker tag nosuch other')).toBe(
      'Error response from daemon: No such image: nosuch:latest\n',
    );
    expect(await s.run(`docker tag busybox 'Bad:tag'`)).toBe(
      'Error parsing reference: "Bad:tag" is not a valid repository/tag: invalid reference format: repository name (library/Bad) must be lowercase\n',
    );
  });
});

describe('forcing out an image a container uses', () => {
  // As recorded in conformance/docker-objects.yaml (rmi-in-use): the container keeps the layers.
  it('untags and deletes the image but no layer', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox >/dev/null\ndocker run --name src busybox true');
    const id = (await s.run('docker commit src mine')).trim();
    await s.run('docker run --name user mine true');
    expect(await s.run('docker rmi -f mine')).toBe(`Untagged: mine:latest\nDeleted: ${id}\n`);
    expect(await s.run('docker start -a user; echo $?')).toBe('0\n');
  });
});

describe('networks in use', () => {
  it("names the endpoints that keep a network, then ends with the client's status line", async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox >/dev/null\ndocker network create n1 >/dev/null');
    await s.run('docker run -d --name on-n1 --network n1 busybox sleep 300');
    const endpoint = (
      await s.run('docker network inspect -f "{{range .Containers}}{{.EndpointID}}{{end}}" n1')
    ).trim();
    expect(await s.run('docker network rm n1 nosuch; echo $?')).toBe(
      `Error response from daemon: error while removing network: network n1 has active endpoints (name:"on-n1" id:"${endpoint.slice(0, 12)}")\n` +
        'Error response from daemon: network nosuch not found\nexit status 1\n1\n',
    );
  });
});

describe('connecting a container to a second network', () => {
  it('gives it an address there, where the other containers find it by name, until it disconnects', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox >/dev/null\ndocker network create extra >/dev/null');
    await s.run(
      'docker run -d --name multi busybox sleep 300\ndocker run -d --name peer --network extra busybox sleep 300',
    );
    expect(await s.run('docker exec multi ping -c 1 -W 1 peer; echo $?')).toBe(
      "ping: bad address 'peer'\n1\n",
    );
    expect(await s.run('docker network connect extra multi; echo $?')).toBe('0\n');
    expect(
      await s.run("docker inspect -f '{{range $n, $e := .NetworkSettings.Networks}}{{$n}} {{end}}' multi"),
    ).toBe('bridge extra \n');
    expect(await s.run('docker exec multi ping -c 1 -W 1 peer | head -n 1')).toMatch(
      /^PING peer \(172\.18\.0\.\d+\)/,
    );
    expect(await s.run('docker exec peer ping -c 1 -W 1 multi | head -n 1')).toMatch(
      /^PING multi \(172\.18\.0\.\d+\)/,
    );
    expect(await s.run('docker network connect extra multi')).toBe(
      'Error response from daemon: endpoint with name multi already exists in network extra\n',
    );
    expect(await s.run('docker network connect nosuch multi')).toBe(
      'Error response from daemon: network nosuch not found\n',
    );
    expect(await s.run('docker network disconnect extra multi; echo $?')).toBe('0\n');
    expect(await s.run('docker exec peer ping -c 1 -W 1 multi')).toBe("ping: bad address 'multi'\n");
    const id = (await s.run('docker inspect -f "{{.Id}}" multi')).trim();
    expect(await s.run('docker network disconnect extra multi')).toBe(
      `Error response from daemon: container ${id} is not connected to network extra\n`,
    );
  });

  it('prunes the networks no running container is on', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run(
      'docker pull -q busybox >/dev/null\ndocker network create used >/dev/null\ndocker network create idle >/dev/null',
    );
    await s.run('docker run -d --name on-used --network used busybox sleep 300');
    expect(await s.run('docker network prune -f')).toBe('Deleted Networks:\nidle\n\n');
    expect(await s.run("docker network ls --format '{{.Name}}'")).toBe('bridge\nhost\nnone\nused\n');
    await s.run('docker rm -f on-used');
    expect(await s.run('docker system prune -f')).toBe(
      'Deleted Networks:\nused\n\nTotal reclaimed space: 0B\n',
    );
  });
});

describe('filters and formats of the listing commands', () => {
  it('filters images by dangling, reference and label, and formats volumes and networks', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox >/dev/null; docker pull -q alpine >/dev/null');
    await s.run(
      `printf 'FROM busybox\\nLABEL team=web\\nRUN echo one > /v\\n' > Dockerfile; docker build -q -t app . >/dev/null`,
    );
    await s.run(
      `printf 'FROM busybox\\nRUN echo two > /v\\n' > Dockerfile; docker build -q -t app . >/dev/null`,
    );
    const fmt = `--format '{{.Repository}}:{{.Tag}}'`;
    expect(await s.run(`docker images -f dangling=true ${fmt}`)).toBe('<none>:<none>\n');
    expect(await s.run(`docker images -f reference='b*' ${fmt}`)).toBe('busybox:latest\n');
    expect(await s.run(`docker images -f reference='*:latest' ${fmt} | sort`)).toBe(
      'alpine:latest\napp:latest\nbusybox:latest\n',
    );
    expect(await s.run(`docker images -f label=team=web ${fmt}`)).toBe('<none>:<none>\n');
    expect(await s.run('docker images -f color=red; echo $?')).toBe(
      "Error response from daemon: invalid filter 'color'\n1\n",
    );
    await s.run('docker volume create named >/dev/null; docker network create appnet >/dev/null');
    expect(await s.run(`docker volume ls --format '{{.Driver}} {{.Name}}'`)).toBe('local named\n');
    expect(await s.run(`docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'`)).toBe(
      'appnet bridge local\nbridge bridge local\nhost host local\nnone null local\n',
    );
  });
});

describe('published ports, as docker port and inspect report them', () => {
  it('publishes every exposed port with -P, lists mappings, and fills the bridge address', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q nginx >/dev/null');
    await s.run(
      'docker run -d --name web -p 18081:80 nginx >/dev/null; docker run -d --name any -P nginx >/dev/null',
    );
    expect(await s.run('docker port web')).toBe('80/tcp -> 0.0.0.0:18081\n80/tcp -> [::]:18081\n');
    expect(await s.run('docker port web 80')).toBe('0.0.0.0:18081\n[::]:18081\n');
    expect(await s.run('docker port web 81; echo $?')).toBe(
      "Error: No public port '81' published for web\n1\n",
    );
    expect(await s.run('docker port any')).toBe('80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n');
    expect(await s.run(`docker inspect -f '{{.NetworkSettings.IPAddress}}' web`)).toMatch(
      /^172\.17\.0\.\d+\n$/,
    );
  });

  it('removes anonymous volumes with rm -v and keeps named ones', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run(
      'docker pull -q busybox >/dev/null; docker run --name withvol -v /anon -v named:/named busybox true',
    );
    expect(await s.run('docker volume ls -q | grep -c .')).toBe('2\n');
    expect(await s.run('docker rm -v withvol')).toBe('withvol\n');
    expect(await s.run('docker volume ls -q')).toBe('named\n');
  });
});

describe('pruning', () => {
  it('prunes dangling images, and only anonymous unused volumes unless --all', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox >/dev/null');
    await s.run(
      `printf 'FROM busybox\\nRUN echo one > /v\\n' > Dockerfile; docker build -q -t app . >/dev/null`,
    );
    const old = (await s.run('docker images -q app')).trim();
    await s.run(
      `printf 'FROM busybox\\nRUN echo two > /v\\n' > Dockerfile; docker build -q -t app . >/dev/null`,
    );
    const pruned = await s.run('docker image prune -f');
    expect(pruned).toMatch(
      new RegExp(
        `^Deleted Images:\\ndeleted: sha256:${old}[0-9a-f]+\\ndeleted: sha256:[0-9a-f]{64}\\n\\nTotal reclaimed space: 4B\\n$`,
      ),
    );
    expect(await s.run(`docker images --format '{{.Repository}}' | sort`)).toBe('app\nbusybox\n');
    await s.run(
      'docker volume create named >/dev/null; docker run --name v -v /anon busybox true; docker rm v >/dev/null',
    );
    expect(await s.run('docker volume prune -f | tail -n 1; docker volume ls -q')).toBe(
      'Total reclaimed space: 0B\nnamed\n',
    );
    expect(await s.run('docker volume prune -af')).toBe(
      'Deleted Volumes:\nnamed\n\nTotal reclaimed space: 0B\n',
    );
  });
});

// The 28 client's own wording (cli/required.go), as recorded in conformance/docker-objects.yaml.
describe('command-line mistakes', () => {
  it('words argument counts and unknown global flags as the client does', async () => {
    const s = Sandbox.create({ seed: 7 });
    expect(await s.run('docker volume foo; echo $?')).toBe(
      "docker: unknown command: docker volume foo\n\nUsage:  docker volume COMMAND\n\nRun 'docker volume --help' for more information\n1\n",
    );
    const usage = (command: string, use: string, verb = 'Run') =>
      `\n\nUsage:  ${use}\n\n${verb} '${command} --help' for more information\n`;
    expect(await s.run('docker logs')).toBe(
      `docker: 'docker logs' requires 1 argument${usage('docker logs', 'docker logs [OPTIONS] CONTAINER')}`,
    );
    expect(await s.run('docker rm')).toBe(
      `docker: 'docker rm' requires at least 1 argument${usage('docker rm', 'docker rm [OPTIONS] CONTAINER [CONTAINER...]', 'See')}`,
    );
    expect(await s.run('docker --bogus ps; echo $?')).toBe(
      `unknown flag: --bogus${usage('docker', 'docker [OPTIONS] COMMAND [ARG...]')}125\n`,
    );
  });
});

describe('-it without a terminal', () => {
  it('is refused by run and exec before anything is created, unless detached', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox >/dev/null\ndocker run -d --name box busybox sleep 300 >/dev/null');
    expect(await s.run('docker run --rm -it busybox true; echo $?')).toBe(
      'the input device is not a TTY\n1\n',
    );
    expect(await s.run('docker exec -it box true; echo $?')).toBe('the input device is not a TTY\n1\n');
    expect(await s.run('docker exec -it nosuch true; echo $?')).toBe(
      'Error response from daemon: No such container: nosuch\n1\n',
    );
    expect(await s.run('docker ps -aq | wc -l')).toBe('1\n');
    expect(await s.run('docker run -dit --name bg busybox sh >/dev/null; echo $?')).toBe('0\n');
  });

  it('opens a session on a terminal', async () => {
    const s = Sandbox.create({ seed: 7, tty: true });
    await s.run('docker pull -q busybox >/dev/null\ndocker run -d --name box busybox sleep 300 >/dev/null');
    expect(await s.run('docker exec -it box sh\nhostname\nexit')).toContain(
      (await s.run('docker inspect -f "{{.Config.Hostname}}" box')).trim(),
    );
  });
});

describe("a container's environment and user", () => {
  it("has no PWD unless a shell sets one, and names the user's group from /etc/group", async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox >/dev/null');
    expect(await s.run('docker run --rm busybox env | grep -c PWD')).toBe('0\n');
    expect(await s.run('docker run --rm busybox sh -c env | grep PWD')).toBe('PWD=/\n');
    expect(await s.run('docker run --rm -u nobody busybox id')).toBe(
      'uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n',
    );
    await s.run("printf 'root:x:0:\\n' > group");
    expect(await s.run('docker run --rm -u nobody -v "$PWD/group:/etc/group:ro" busybox id')).toBe(
      'uid=65534(nobody) gid=65534 groups=65534\n',
    );
  });
});

describe("a container's devices", () => {
  // As recorded in conformance/docker-run.yaml (run-memory-within-limit).
  it('has /dev/zero, which head reads as many bytes of as asked', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox >/dev/null');
    expect(await s.run("docker run --rm busybox sh -c 'head -c 1048576 /dev/zero | wc -c'")).toBe(
      '1048576\n',
    );
    expect(await s.run('docker run --rm busybox ls /dev')).toBe('full\nnull\nrandom\ntty\nurandom\nzero\n');
    expect(await s.run('head -c 3 /dev/zero | wc -c')).toBe('3\n');
  });
});

describe('prune prompts', () => {
  it('asks first without -f, and removes nothing unless the answer is yes', async () => {
    const s = Sandbox.create({ seed: 7 });
    await s.run('docker pull -q busybox >/dev/null; docker run --name gone busybox true');
    expect(await s.run('echo n | docker container prune; docker ps -aq | wc -l')).toBe(
      'WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] 1\n',
    );
    expect(await s.run('echo y | docker container prune | tail -n 1; docker ps -aq | wc -l')).toBe(
      'Total reclaimed space: 0B\n0\n',
    );
    expect(await s.run('echo n | docker volume prune')).toBe(
      'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ',
    );
  });
});

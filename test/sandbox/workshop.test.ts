import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../src/sandbox/sandbox';

// Docker's getting-started workshop (docs.docker.com/get-started/workshop/), followed step by step
// in one sandbox, from `git clone` to the app keeping its items in MySQL.

const DOCKERFILE = `# syntax=docker/dockerfile:1

FROM node:lts-alpine
WORKDIR /app
COPY . .
RUN yarn install --production
CMD ["node", "src/index.js"]
EXPOSE 3000
`;

const post = (name: string) =>
  `curl -s -X POST -H 'Content-Type: application/json' -d '{"name": "${name}"}' http://localhost:3000/items`;

const APP = '/home/learner/getting-started-app';
const item = (name: string, completed = false) =>
  expect.objectContaining({
    id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    name,
    completed,
  });

/** Edits a file as the lab's editor saves it (the workshop says: open it in your editor). */
function edit(s: Sandbox, path: string, from: string, to: string): void {
  const read = s.readFile(path);
  if ('error' in read) throw new Error(read.error);
  expect(read.text).toContain(from);
  expect(s.writeFile(path, read.text.replace(from, to))).toEqual({ ok: true });
}

describe("Docker's getting-started workshop, start to finish", () => {
  it('clones, builds, runs, updates, shares, persists and moves to MySQL', async () => {
    const s = Sandbox.create({ seed: 15 });
    const run = (line: string) => s.run(line);
    const items = async () => JSON.parse(await run('curl -s http://localhost:3000/items'));

    // Part 1: get the app.
    expect(await run('git clone https://github.com/docker/getting-started-app.git')).toBe(
      "Cloning into 'getting-started-app'...\n",
    );
    expect(await run('cd getting-started-app && ls -A')).toBe(
      '.dockerignore\n.git\nREADME.md\npackage.json\nspec\nsrc\nyarn.lock\n',
    );
    expect(await run('ls src src/persistence src/routes')).toBe(
      'src:\nindex.js\npersistence\nroutes\nstatic\n\nsrc/persistence:\nindex.js\nmysql.js\nsqlite.js\n\nsrc/routes:\naddItem.js\ndeleteItem.js\ngetItems.js\nupdateItem.js\n',
    );
    expect(await run('grep -e sqlite3 -e mysql2 -e \'"dev"\' package.json')).toBe(
      '    "dev": "nodemon -L src/index.js"\n    "mysql2": "^2.3.3",\n    "sqlite3": "^5.1.2",\n',
    );
    expect(await run('git log --oneline -1')).toBe(
      'f2d13b8 Merge pull request #48 from docker/add-dockerignore\n',
    );

    // Part 1: build the image and start a container.
    expect(s.writeFile(`${APP}/Dockerfile`, DOCKERFILE)).toEqual({ ok: true });
    expect(await run('git status --short')).toBe('?? Dockerfile\n');
    const build = await run('docker build --progress=plain -t getting-started . 2>&1');
    expect(build).toContain('#8 [4/4] RUN yarn install --production\n');
    expect(build).toMatch(
      /yarn install v1\.22\.22\n#8 \S+ \[1\/4\] Resolving packages\.\.\.\n#8 \S+ \[2\/4\] Fetching packages\.\.\.\n#8 \S+ \[3\/4\] Linking dependencies\.\.\.\n#8 \S+ \[4\/4\] Building fresh packages\.\.\.\n#8 \S+ Done in \d+\.\d\ds\.\n/,
    );
    expect(
      await run('docker run --rm getting-started ls node_modules/express node_modules/sqlite3'),
    ).toContain('package.json');
    const first = (await run('docker run -d -p 127.0.0.1:3000:3000 getting-started')).trim();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    await run('sleep 1');
    expect(await run(`docker logs ${first.slice(0, 12)}`)).toBe(
      'Using sqlite database at /etc/todos/todo.db\nListening on port 3000\n',
    );
    expect(await run('docker ps --format "{{.Image}} {{.Command}} {{.Ports}}"')).toBe(
      'getting-started "docker-entrypoint.s…" 127.0.0.1:3000->3000/tcp\n',
    );
    expect(await run('docker top $(docker ps -q) -o pid,args')).toContain('node src/index.js');

    // The app answers as its Express routes do.
    expect(await run('curl -s http://localhost:3000/ | grep title')).toBe('    <title>Todo App</title>\n');
    expect(await items()).toEqual([]);
    const milk = JSON.parse(await run(post('Buy milk')));
    expect(milk).toEqual(item('Buy milk'));
    expect(Object.keys(milk)).toEqual(['id', 'name', 'completed']);
    expect(JSON.parse(await run(post('Walk the dog')))).toEqual(item('Walk the dog'));
    expect(
      JSON.parse(
        await run(
          `curl -s -X PUT -H 'Content-Type: application/json' -d '{"name":"Buy milk","completed":true}' http://localhost:3000/items/${milk.id}`,
        ),
      ),
    ).toEqual({ ...milk, completed: true });
    expect(await run(`curl -s -X DELETE http://localhost:3000/items/${milk.id}`)).toBe('OK');
    expect(await items()).toEqual([item('Walk the dog')]);
    expect(await run('docker exec $(docker ps -q) ls -l /etc/todos')).toContain('todo.db');

    // Part 2: update the application; the old container still holds the port.
    edit(
      s,
      `${APP}/src/static/js/app.js`,
      '<p className="text-center">No items yet! Add one above!</p>',
      '<p className="text-center">You have no todo items yet! Add one above!</p>',
    );
    expect(await run('git status --short')).toBe(' M src/static/js/app.js\n?? Dockerfile\n');
    await run('docker build -t getting-started . 2>/dev/null');
    const clash = await run('docker run -dp 127.0.0.1:3000:3000 getting-started; echo "status $?"');
    expect(clash).toMatch(
      /^[0-9a-f]{64}\ndocker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint \w+ \([0-9a-f]{64}\): Bind for 127\.0\.0\.1:3000 failed: port is already allocated\n/,
    );
    expect(clash).toMatch(/status 125\n$/);
    expect(await run(`docker stop ${first.slice(0, 12)} && docker rm ${first.slice(0, 12)}`)).toBe(
      `${first.slice(0, 12)}\n${first.slice(0, 12)}\n`,
    );
    const second = (await run('docker run -dp 127.0.0.1:3000:3000 getting-started')).trim();
    await run('sleep 1');
    expect(await run('curl -s http://localhost:3000/js/app.js | grep text-center')).toContain(
      'You have no todo items yet! Add one above!',
    );
    // A new container starts with an empty database: the items were in the old one's layer.
    expect(await items()).toEqual([]);

    // Part 3: share the application (to the registry running on this host).
    expect(await run('docker push docker/getting-started')).toContain(
      'An image does not exist locally with the tag: docker/getting-started',
    );
    await run('docker run -d -p 5000:5000 --name registry registry:2 >/dev/null 2>&1');
    await run('docker tag getting-started localhost:5000/getting-started');
    expect(await run('docker push localhost:5000/getting-started')).toMatch(
      /latest: digest: sha256:[0-9a-f]{64} size: \d+\n$/,
    );
    expect(await run('curl -s http://localhost:5000/v2/_catalog')).toBe(
      '{"repositories":["getting-started"]}\n',
    );

    // Part 4: persist the DB in a volume; it survives the container.
    expect(await run('docker volume create todo-db')).toBe('todo-db\n');
    await run(`docker rm -f ${second.slice(0, 12)}`);
    const volumeRun =
      'docker run -dp 127.0.0.1:3000:3000 --mount type=volume,src=todo-db,target=/etc/todos getting-started';
    await run(`${volumeRun} >/dev/null && sleep 1`);
    await run(post('Kept in a volume'));
    await run('docker rm -f $(docker ps -q --filter ancestor=getting-started)');
    await run(`${volumeRun} >/dev/null && sleep 1`);
    expect(await items()).toEqual([item('Kept in a volume')]);
    expect(await run('docker volume inspect --format "{{.Mountpoint}}" todo-db')).toBe(
      '/var/lib/docker/volumes/todo-db/_data\n',
    );
    expect(await run('docker run --rm -v todo-db:/data alpine ls /data 2>/dev/null')).toBe('todo.db\n');
    await run('docker rm -f $(docker ps -q --filter ancestor=getting-started)');

    // Part 5: bind mounts, then a development container running nodemon on the host's files.
    expect(
      await run('docker run --rm --mount type=bind,src="$(pwd)",target=/src ubuntu ls /src 2>/dev/null'),
    ).toBe('Dockerfile\nREADME.md\npackage.json\nspec\nsrc\nyarn.lock\n');
    const dev = (
      await run(
        'docker run -dp 127.0.0.1:3000:3000 -w /app --mount type=bind,src="$(pwd)",target=/app node:lts-alpine sh -c "yarn install && yarn run dev"',
      )
    ).trim();
    await run('sleep 30');
    const devLogs = await run(`docker logs ${dev.slice(0, 12)}`);
    expect(devLogs).toMatch(/^yarn install v1\.22\.22\n\[1\/4\] Resolving packages\.\.\.\n/);
    expect(devLogs).toMatch(
      /Done in \d+\.\d\ds\.\nyarn run v1\.22\.22\n\$ nodemon -L src\/index\.js\n\[nodemon\] 2\.0\.20\n\[nodemon\] to restart at any time, enter `rs`\n\[nodemon\] watching path\(s\): \*\.\*\n\[nodemon\] watching extensions: js,mjs,json\n\[nodemon\] starting `node src\/index\.js`\nUsing sqlite database at \/etc\/todos\/todo\.db\nListening on port 3000\n$/,
    );
    // yarn wrote node_modules into the host's directory through the bind mount.
    expect(await run('ls node_modules/.bin')).toBe('nodemon\n');
    edit(
      s,
      `${APP}/src/static/js/app.js`,
      "{submitting ? 'Adding...' : 'Add Item'}",
      "{submitting ? 'Adding...' : 'Add'}",
    );
    expect(await run('curl -s http://localhost:3000/js/app.js | grep Adding')).toBe(
      "                        {submitting ? 'Adding...' : 'Add'}\n",
    );
    await run(`docker rm -f ${dev.slice(0, 12)}`);

    // Part 6: MySQL on a network, and the app talking to it.
    await run('docker network create todo-app');
    const mysql = (
      await run(
        'docker run -d --network todo-app --network-alias mysql -v todo-mysql-data:/var/lib/mysql -e MYSQL_ROOT_PASSWORD=secret -e MYSQL_DATABASE=todos mysql:8.0 2>/dev/null',
      )
    ).trim();
    expect(mysql).toMatch(/^[0-9a-f]{64}$/);
    await run('sleep 15');
    const mysqlLogs = await run(`docker logs ${mysql.slice(0, 12)} 2>&1`);
    expect(mysqlLogs).toContain('[Note] [Entrypoint]: Creating database todos\n');
    expect(mysqlLogs).toContain('[Note] [Entrypoint]: MySQL init process done. Ready for start up.\n');
    expect(mysqlLogs).toMatch(
      /\/usr\/sbin\/mysqld: ready for connections\. Version: '8\.0\.44' {2}socket: '\/var\/run\/mysqld\/mysqld\.sock' {2}port: 3306 {2}MySQL Community Server - GPL\.\n$/,
    );
    expect(
      await run(`docker exec ${mysql.slice(0, 12)} mysql -u root -psecret -e 'SHOW DATABASES' 2>/dev/null`),
    ).toBe('Database\ninformation_schema\nmysql\nperformance_schema\nsys\ntodos\n');
    const app = (
      await run(
        'docker run -dp 127.0.0.1:3000:3000 -w /app -v "$(pwd):/app" --network todo-app -e MYSQL_HOST=mysql -e MYSQL_USER=root -e MYSQL_PASSWORD=secret -e MYSQL_DB=todos node:lts-alpine sh -c "yarn install && yarn run dev"',
      )
    ).trim();
    await run('sleep 30');
    expect(await run(`docker logs ${app.slice(0, 12)} | tail -4`)).toBe(
      'Waiting for mysql:3306.\nConnected!\nConnected to mysql db at host mysql\nListening on port 3000\n',
    );
    await run(post('Do amazing things!'));
    await run(post('Be awesome!'));
    expect(await items()).toEqual([item('Do amazing things!'), item('Be awesome!')]);
    const table = await run(
      `docker exec ${mysql.slice(0, 12)} mysql -psecret todos -t -e 'select * from todo_items' 2>/dev/null`,
    );
    expect(table).toMatch(
      /^\+-{38}\+-{20}\+-{11}\+\n\| id {35}\| name {15}\| completed \|\n\+-{38}\+-{20}\+-{11}\+\n\| [0-9a-f-]{36} \| Do amazing things! \| {9}0 \|\n\| [0-9a-f-]{36} \| Be awesome! {8}\| {9}0 \|\n\+-{38}\+-{20}\+-{11}\+\n$/,
    );
    // The built image works the same way, and the items are in MySQL, not in the app's container.
    await run(`docker rm -f ${app.slice(0, 12)}`);
    await run(
      'docker run -dp 127.0.0.1:3000:3000 --network todo-app -e MYSQL_HOST=mysql -e MYSQL_USER=root -e MYSQL_PASSWORD=secret -e MYSQL_DB=todos getting-started >/dev/null && sleep 2',
    );
    expect(await run('docker logs $(docker ps -lq)')).toBe(
      'Waiting for mysql:3306.\nConnected!\nConnected to mysql db at host mysql\nListening on port 3000\n',
    );
    expect(await items()).toEqual([item('Do amazing things!'), item('Be awesome!')]);

    // Part 7: the same two services from a compose.yaml. (The workshop's file names node:18-alpine;
    // the sandbox's catalogue has the current LTS, so the file says lts-alpine.)
    await run('docker rm -f $(docker ps -aq) >/dev/null');
    s.writeFile(
      '/home/learner/getting-started-app/compose.yaml',
      [
        'services:',
        '  app:',
        '    image: node:lts-alpine',
        '    command: sh -c "yarn install && yarn run dev"',
        '    ports:',
        '      - 127.0.0.1:3000:3000',
        '    working_dir: /app',
        '    volumes:',
        '      - ./:/app',
        '    environment:',
        '      MYSQL_HOST: mysql',
        '      MYSQL_USER: root',
        '      MYSQL_PASSWORD: secret',
        '      MYSQL_DB: todos',
        '',
        '  mysql:',
        '    image: mysql:8.0',
        '    volumes:',
        '      - todo-mysql-data:/var/lib/mysql',
        '    environment:',
        '      MYSQL_ROOT_PASSWORD: secret',
        '      MYSQL_DATABASE: todos',
        '',
        'volumes:',
        '  todo-mysql-data:',
        '',
      ].join('\n'),
    );
    expect(await run('docker compose up -d 2>&1')).toBe(
      [
        ' Network getting-started-app_default  Creating',
        ' Network getting-started-app_default  Created',
        ' Volume getting-started-app_todo-mysql-data  Creating',
        ' Volume getting-started-app_todo-mysql-data  Created',
        ' Container getting-started-app-app-1  Creating',
        ' Container getting-started-app-mysql-1  Creating',
        ' Container getting-started-app-app-1  Created',
        ' Container getting-started-app-mysql-1  Created',
        ' Container getting-started-app-app-1  Starting',
        ' Container getting-started-app-mysql-1  Starting',
        ' Container getting-started-app-app-1  Started',
        ' Container getting-started-app-mysql-1  Started',
        '',
      ].join('\n'),
    );
    await run('sleep 30');
    expect(await run('docker compose logs app | tail -n 3')).toBe(
      'app-1  | Connected!\napp-1  | Connected to mysql db at host mysql\napp-1  | Listening on port 3000\n',
    );
    expect(await items()).toEqual([]);
    await run(post('Compose it!'));
    expect(await items()).toEqual([item('Compose it!')]);
    await run('docker compose down >/dev/null 2>&1');
    expect(await run('docker ps -aq | wc -l; docker volume ls -q | grep -c todo-mysql-data')).toBe('0\n2\n');
  });

  it('runs mysql interactively as the workshop does (docker exec -it … mysql -u root -p)', async () => {
    const s = Sandbox.create({ seed: 16, tty: true });
    await s.run('docker network create todo-app >/dev/null');
    await s.run(
      'docker run -d --name db --network todo-app --network-alias mysql -e MYSQL_ROOT_PASSWORD=secret -e MYSQL_DATABASE=todos mysql:8.0 >/dev/null 2>&1',
    );
    // Too early: the entrypoint is still initialising the data directory.
    expect(await s.run('docker exec -it db mysql -psecret -e "SHOW DATABASES"')).toContain(
      "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n",
    );
    await s.run('sleep 15');
    expect(await s.run('docker exec -it db mysql -u root -p')).toBe('');
    expect(s.prompt()).toBe('Enter password: ');
    const banner = await s.run('secret');
    expect(banner).toMatch(
      /^\nWelcome to the MySQL monitor\. {2}Commands end with ; or \\g\.\nYour MySQL connection id is \d+\nServer version: 8\.0\.44 MySQL Community Server - GPL\n/,
    );
    expect(s.prompt()).toBe('mysql> ');
    expect(await s.run('SHOW DATABASES;')).toBe(
      '+--------------------+\n| Database           |\n+--------------------+\n| information_schema |\n| mysql              |\n| performance_schema |\n| sys                |\n| todos              |\n+--------------------+\n5 rows in set (0.00 sec)\n\n',
    );
    expect(await s.run('USE todos;')).toBe('Database changed\n');
    expect(await s.run('SELECT * FROM todo_items;')).toBe(
      "ERROR 1146 (42S02): Table 'todos.todo_items' doesn't exist\n",
    );
    expect(
      await s.run('CREATE TABLE todo_items (id varchar(36), name varchar(255), completed boolean);'),
    ).toBe('Query OK, 0 rows affected (0.01 sec)\n\n');
    await s.run(
      "INSERT INTO todo_items VALUES ('c906ff08-60e6-44e6-8f49-ed56a0853e85', 'Do amazing things!', 0);",
    );
    expect(await s.run('select * from')).toBe('');
    expect(s.prompt()).toBe('    -> ');
    expect(await s.run('todo_items;')).toBe(
      '+--------------------------------------+--------------------+-----------+\n| id                                   | name               | completed |\n+--------------------------------------+--------------------+-----------+\n| c906ff08-60e6-44e6-8f49-ed56a0853e85 | Do amazing things! |         0 |\n+--------------------------------------+--------------------+-----------+\n1 row in set (0.00 sec)\n\n',
    );
    expect(await s.run('exit')).toBe('Bye\n');
    expect(s.prompt()).toMatch(/^learner@quayside:~\$ $/);
    // `mysql -p todos`, as the workshop checks the app's items, and a wrong password.
    await s.run('docker exec -it db mysql -p todos');
    expect(await s.run('secret')).toMatch(
      /^\nReading table information for completion of table and column names\n/,
    );
    expect(await s.run('exit')).toBe('Bye\n');
    await s.run('docker exec -it db mysql -u root -p');
    expect(await s.run('nope')).toBe(
      "\nERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)\n",
    );
    expect(s.prompt()).toMatch(/\$ $/);
  });

  it('fails as the app fails: no node_modules, no MySQL to wait for', async () => {
    const s = Sandbox.create({ seed: 17 });
    await s.run('git clone -q https://github.com/docker/getting-started-app.git && cd getting-started-app');
    // Without `yarn install` express is nowhere to be found.
    await s.run(
      'docker run -d --name bare -w /app -v "$(pwd):/app" node:lts-alpine node src/index.js >/dev/null 2>&1',
    );
    await s.run('sleep 1');
    const logs = await s.run('docker logs bare 2>&1');
    expect(logs).toContain("Error: Cannot find module 'express'\nRequire stack:\n- /app/src/index.js\n");
    expect(await s.run('docker inspect -f "{{.State.Status}} {{.State.ExitCode}}" bare')).toBe('exited 1\n');
    // MYSQL_HOST names nobody: wait-port gives up after its 10 s and the app exits.
    await s.run('docker network create todo-app >/dev/null');
    s.writeFile('/home/learner/getting-started-app/Dockerfile', DOCKERFILE);
    await s.run('docker build -q -t getting-started . >/dev/null 2>&1');
    await s.run(
      'docker run -d --name lonely --network todo-app -e MYSQL_HOST=mysql getting-started >/dev/null',
    );
    await s.run('sleep 15');
    const lonely = await s.run('docker logs lonely 2>&1');
    expect(lonely).toMatch(/^Waiting for mysql:3306\.+\nTimeout\nError: getaddrinfo ENOTFOUND mysql\n/);
    expect(await s.run('docker inspect -f "{{.State.ExitCode}}" lonely')).toBe('1\n');
  });
});

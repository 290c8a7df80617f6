import { describe, expect, it } from 'vitest';
import { seedRandom } from '../../../../src/sandbox/core/random';
import { expressEtag, formatSql, uuidV4 } from '../../../../src/sandbox/docker/services/todo-app';
import { Sandbox } from '../../../../src/sandbox/sandbox';

describe('the getting-started todo app', () => {
  it('makes ids, ETags and SQL as its libraries do', () => {
    expect(uuidV4(seedRandom(1))).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(uuidV4(seedRandom(1))).toBe(uuidV4(seedRandom(1)));
    // Express's ETags of `OK` and of an empty JSON list.
    expect(expressEtag('OK')).toBe('W/"2-nOO9QiTIwXgNtWtBJezz8kv3SLc"');
    expect(expressEtag('[]')).toBe('W/"2-l9Fw4VUO7kr8CvBlt4zaMCqXZ0w"');
    expect(formatSql('UPDATE t SET name=?, completed=? WHERE id = ?', ["it's", 1, null])).toBe(
      "UPDATE t SET name='it\\'s', completed=1 WHERE id = NULL",
    );
  });

  it('answers as Express does: static files, JSON, 404s and bad JSON', async () => {
    const s = Sandbox.create({ seed: 9 });
    await s.run('git clone -q https://github.com/docker/getting-started-app.git && cd getting-started-app');
    s.writeFile(
      '/home/learner/getting-started-app/Dockerfile',
      'FROM node:lts-alpine\nWORKDIR /app\nCOPY . .\nRUN yarn install --production\nCMD ["node", "src/index.js"]\n',
    );
    await s.run(
      'docker build -q -t todo . >/dev/null 2>&1; docker run -d --name app -p 3000:3000 todo >/dev/null; sleep 1',
    );
    const head = await s.run('curl -sI http://localhost:3000/');
    expect(head).toMatch(
      /^HTTP\/1\.1 200 OK\r\nX-Powered-By: Express\r\nAccept-Ranges: bytes\r\nCache-Control: public, max-age=0\r\nLast-Modified: .+ GMT\r\nETag: W\/"35a-[0-9a-f]+"\r\nContent-Type: text\/html; charset=UTF-8\r\nContent-Length: 858\r\n/,
    );
    expect(
      await s.run(
        'curl -s -o /dev/null -w "%{http_code} %{content_type}\\n" http://localhost:3000/css/styles.css',
      ),
    ).toBe('200 text/css; charset=UTF-8\n');
    expect(await s.run('curl -s -X PATCH http://localhost:3000/items')).toContain(
      '<pre>Cannot PATCH /items</pre>',
    );
    const bad = await s.run(
      "curl -s -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{\"name\":' http://localhost:3000/items",
    );
    expect(bad).toMatch(/<pre>SyntaxError: .*JSON.*<\/pre>[\s\S]*400$/);
    // Without the JSON header express.json() leaves the body alone: the item has no name.
    expect(await s.run('curl -s -d \'{"name":"x"}\' http://localhost:3000/items')).toMatch(
      /^\{"id":"[0-9a-f-]{36}","completed":false\}$/,
    );
    expect(await s.run('curl -s http://localhost:3000/items')).toMatch(
      /^\[\{"id":"[0-9a-f-]{36}","name":null,"completed":false\}\]$/,
    );
    expect(
      await s.run(
        "curl -si -X PUT -H 'Content-Type: application/json' -d '{}' http://localhost:3000/items/nope",
      ),
    ).toMatch(/^HTTP\/1\.1 200 OK\r\nX-Powered-By: Express\r\nContent-Length: 0\r\n/);
    // SIGTERM: the app's graceful shutdown exits at once with status 0.
    expect(
      await s.run('time docker stop app >/dev/null; docker inspect -f "{{.State.ExitCode}}" app'),
    ).toMatch(/^\nreal\t0m0\.\d+s\n[\s\S]*0\n$/);
  });
});

import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../../src/sandbox/sandbox';

describe('mysql:8.0', () => {
  it('refuses to initialise without a password option, as its entrypoint does', async () => {
    const s = Sandbox.create({ seed: 4 });
    await s.run('docker run -d --name db mysql:8.0 >/dev/null 2>&1; sleep 2');
    expect(await s.run('docker logs db 2>&1')).toMatch(
      /\[ERROR\] \[Entrypoint\]: Database is uninitialized and password option is not specified\n {4}You need to specify one of the following as an environment variable:\n {4}- MYSQL_ROOT_PASSWORD\n {4}- MYSQL_ALLOW_EMPTY_PASSWORD\n {4}- MYSQL_RANDOM_ROOT_PASSWORD\n$/,
    );
    expect(await s.run('docker inspect -f "{{.State.Status}} {{.State.ExitCode}}" db')).toBe('exited 1\n');
  });

  it('keeps its databases in the volume: a second start skips initialisation', async () => {
    const s = Sandbox.create({ seed: 5 });
    await s.run(
      'docker run -d --name db -v data:/var/lib/mysql -e MYSQL_ROOT_PASSWORD=pw -e MYSQL_DATABASE=shop -e MYSQL_USER=app -e MYSQL_PASSWORD=apppw mysql:8.0 >/dev/null 2>&1; sleep 12',
    );
    expect(await s.run('docker logs db 2>/dev/null | grep Entrypoint | cut -d" " -f3-')).toBe(
      "[Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.44-1.el9 started.\n[Note] [Entrypoint]: Switching to dedicated user 'mysql'\n[Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.44-1.el9 started.\n[Note] [Entrypoint]: Initializing database files\n[Note] [Entrypoint]: Database files initialized\n[Note] [Entrypoint]: Starting temporary server\n[Note] [Entrypoint]: Temporary server started.\n[Note] [Entrypoint]: Creating database shop\n[Note] [Entrypoint]: Creating user app\n[Note] [Entrypoint]: Giving user app access to schema shop\n[Note] [Entrypoint]: Stopping temporary server\n[Note] [Entrypoint]: Temporary server stopped\n[Note] [Entrypoint]: MySQL init process done. Ready for start up.\n",
    );
    // The application user sees its own database only.
    expect(await s.run('docker exec db mysql -uapp -papppw -e "show databases" 2>/dev/null')).toBe(
      'Database\ninformation_schema\nshop\n',
    );
    expect(await s.run('docker exec db mysql -uapp -pwrong 2>&1 </dev/null; echo $?')).toBe(
      "mysql: [Warning] Using a password on the command line interface can be insecure.\nERROR 1045 (28000): Access denied for user 'app'@'localhost' (using password: YES)\n1\n",
    );
    expect(
      await s.run(
        'echo "create table t (n int); insert into t values (1),(2); select n from t;" | docker exec -i db mysql -ppw shop 2>/dev/null',
      ),
    ).toBe('n\n1\n2\n');
    expect(await s.run('docker exec db ls /var/lib/mysql/shop')).toBe('t.ibd\n');
    await s.run(
      'docker rm -f db >/dev/null; docker run -d --name db2 -v data:/var/lib/mysql mysql:8.0 >/dev/null; sleep 3',
    );
    const logs = await s.run('docker logs db2 2>&1');
    expect(logs).not.toContain('Initializing database files');
    expect(logs).toContain("'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'\n");
    expect(await s.run('docker exec db2 mysql -ppw -e "select * from shop.t" 2>/dev/null')).toBe('n\n1\n2\n');
    expect(await s.run('docker exec db2 mysql -V')).toBe(
      'mysql  Ver 8.0.44 for Linux on x86_64 (MySQL Community Server - GPL)\n',
    );
    expect(await s.run('docker top db2 -o pid,user,args')).toContain('mysqld');
  });
});

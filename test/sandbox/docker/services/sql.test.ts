import { describe, expect, it } from 'vitest';
import {
  executeSql,
  formatTable,
  type SqlDatabases,
  type SqlSession,
  splitStatements,
  summary,
} from '../../../../src/sandbox/docker/services/sql';

const session = (): SqlSession => ({ user: 'root', host: 'localhost', version: '8.0.44' });

describe('the SQL the workshop uses', () => {
  it('creates, fills, queries, updates and deletes', () => {
    const dbs: SqlDatabases = {};
    const s = session();
    const run = (sql: string) => executeSql(dbs, s, sql);
    expect(run('SHOW TABLES')).toMatchObject({
      errno: 1046,
      sqlState: '3D000',
      message: 'No database selected',
    });
    expect(run('CREATE DATABASE todos')).toEqual({ kind: 'ok', affected: 1 });
    expect(run('CREATE DATABASE todos')).toMatchObject({
      errno: 1007,
      message: "Can't create database 'todos'; database exists",
    });
    expect(run('USE nope')).toMatchObject({ errno: 1049, message: "Unknown database 'nope'" });
    expect(run('use todos')).toEqual({ kind: 'use', database: 'todos' });
    expect(
      run(
        'CREATE TABLE IF NOT EXISTS todo_items (id varchar(36), name varchar(255), completed boolean) DEFAULT CHARSET utf8mb4',
      ),
    ).toEqual({ kind: 'ok', affected: 0 });
    expect(
      run("INSERT INTO todo_items (id, name, completed) VALUES ('a', 'It''s \\'done\\'', 1), ('b', NULL, 0)"),
    ).toEqual({
      kind: 'ok',
      affected: 2,
      info: 'Records: 2  Duplicates: 0  Warnings: 0',
    });
    expect(run("select * from todo_items where id='A'")).toEqual({
      kind: 'rows',
      columns: ['id', 'name', 'completed'],
      numeric: [false, false, true],
      rows: [['a', "It's 'done'", 1]],
    });
    expect(run("UPDATE todo_items SET name='x', completed=0 WHERE id = 'b'")).toEqual({
      kind: 'ok',
      affected: 1,
      info: 'Rows matched: 1  Changed: 1  Warnings: 0',
    });
    expect(run('SELECT COUNT(*) FROM todo_items')).toMatchObject({ rows: [[2]] });
    expect(run("DELETE FROM todo_items WHERE id = 'a'")).toEqual({ kind: 'ok', affected: 1 });
    expect(run('SELECT nope FROM todo_items')).toMatchObject({
      errno: 1054,
      message: "Unknown column 'nope' in 'field list'",
    });
    expect(run('SELECT * FROM missing')).toMatchObject({
      errno: 1146,
      message: "Table 'todos.missing' doesn't exist",
    });
    expect(run('SELEKT 1')).toMatchObject({
      errno: 1064,
      message:
        "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'SELEKT 1' at line 1",
    });
    expect(run('DESCRIBE todo_items')).toMatchObject({
      rows: [
        ['id', 'varchar(36)', 'YES', '', null, ''],
        ['name', 'varchar(255)', 'YES', '', null, ''],
        ['completed', 'tinyint(1)', 'YES', '', null, ''],
      ],
    });
    expect(run('SHOW DATABASES')).toMatchObject({
      rows: [['information_schema'], ['mysql'], ['performance_schema'], ['sys'], ['todos']],
    });
  });

  it('prints as the mysql client prints', () => {
    expect(
      formatTable({
        columns: ['id', 'n'],
        numeric: [false, true],
        rows: [
          ['abc', 7],
          ['d', null],
        ],
      }),
    ).toBe(
      '+-----+------+\n| id  | n    |\n+-----+------+\n| abc |    7 |\n| d   | NULL |\n+-----+------+\n',
    );
    expect(summary({ kind: 'rows', columns: [], numeric: [], rows: [] }, '0.00')).toBe(
      'Empty set (0.00 sec)\n',
    );
    expect(summary({ kind: 'ok', affected: 1 }, '0.01')).toBe('Query OK, 1 row affected (0.01 sec)\n');
    expect(summary({ kind: 'ok', affected: 0, warnings: 1 }, '0.01')).toBe(
      'Query OK, 0 rows affected, 1 warning (0.01 sec)\n',
    );
  });

  it('splits statements at semicolons outside quotes', () => {
    expect(splitStatements("select 'a;b'; show tables\\g select")).toEqual({
      statements: ["select 'a;b'", 'show tables'],
      rest: ' select',
    });
  });
});

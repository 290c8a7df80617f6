import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  ellipsis,
  renderTable,
  tabwrite,
  truncateId,
} from '../../../../src/sandbox/docker/format/table.ts';

describe('renderTable', () => {
  it('prints the empty docker ps header exactly', () => {
    const header = ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'];
    expect(renderTable([header])).toBe(
      'CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n',
    );
  });

  it('prints the empty docker images header exactly', () => {
    expect(renderTable([['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']])).toBe(
      'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n',
    );
  });

  it('matches a real docker ps row', () => {
    const rows = [
      ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'],
      [
        '6a51270d68a9',
        'myimage:latest',
        '"httpd-foreground"',
        '7 seconds ago',
        'Up 4 seconds',
        '80/tcp, 0.0.0.0:8080->8080/tcp',
        'mycontainer',
      ],
    ];
    expect(renderTable(rows)).toBe(
      'CONTAINER ID   IMAGE            COMMAND              CREATED         STATUS         PORTS                            NAMES\n' +
        '6a51270d68a9   myimage:latest   "httpd-foreground"   7 seconds ago   Up 4 seconds   80/tcp, 0.0.0.0:8080->8080/tcp   mycontainer\n',
    );
  });

  it('matches docker system df', () => {
    const rows = [
      ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'],
      ['Images', '5', '2', '16.43MB', '11.63MB (70%)'],
      ['Containers', '2', '0', '212B', '212B (100%)'],
      ['Local Volumes', '2', '1', '36B', '0B (0%)'],
      ['Build Cache', '0', '0', '0B', '0B'],
    ];
    expect(renderTable(rows)).toBe(
      [
        'TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE',
        'Images          5         2         16.43MB   11.63MB (70%)',
        'Containers      2         0         212B      212B (100%)',
        'Local Volumes   2         1         36B       0B (0%)',
        'Build Cache     0         0         0B        0B',
        '',
      ].join('\n'),
    );
  });

  it('never pads the last column and pads empty middle cells', () => {
    const out = renderTable([
      ['A', 'B', 'C'],
      ['x', '', 'last'],
    ]);
    expect(out).toBe('A         B         C\nx                   last\n');
    expect(out.split('\n').every((l) => !l.endsWith(' '))).toBe(true);
  });

  it('honours minWidth and padding (docker top uses minwidth 20)', () => {
    expect(renderTable([['UID', 'PID', 'CMD']], { minWidth: 20 })).toBe(
      'UID                 PID                 CMD\n',
    );
    expect(renderTable([['ab', 'c']], { minWidth: 0, padding: 1 })).toBe('ab c\n');
  });

  it('counts East Asian wide characters as two columns', () => {
    const out = renderTable([
      ['NAME', 'X'],
      ['日本語のなまえ', 'y'],
    ]);
    // 7 wide chars = 14 columns, + 3 padding = 17
    expect(out).toBe(`NAME${' '.repeat(13)}X\n日本語のなまえ   y\n`);
  });

  it('handles a single-column table', () => {
    expect(renderTable([['ID'], ['abc']])).toBe('ID\nabc\n');
  });
});

describe('tabwrite (elastic tabstops)', () => {
  it('ends a column block at a line without that cell, as Go does', () => {
    // From the text/tabwriter docs: the b and c cells are in distinct columns.
    const text = 'aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n';
    expect(tabwrite(text, { minWidth: 0, padding: 1 })).toBe(
      'aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n',
    );
  });

  it('passes through text without tabs', () => {
    expect(tabwrite('hello\nworld\n')).toBe('hello\nworld\n');
  });

  it('keeps a trailing partial line without adding a newline', () => {
    expect(tabwrite('a\tb\nc\td', { minWidth: 0, padding: 1 })).toBe('a b\nc d');
  });
});

describe('displayWidth', () => {
  it('measures ASCII, wide and combining characters', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('中文')).toBe(4);
    expect(displayWidth('ｆｕｌｌ')).toBe(8);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('🐳')).toBe(2);
  });
});

describe('ellipsis', () => {
  // The first ten rows are docker's displayutils_test.go table.
  it.each([
    ['t🐳ststring', 0, ''],
    ['t🐳ststring', 1, 't'],
    ['t🐳ststring', 2, 't…'],
    ['t🐳ststring', 6, 't🐳st…'],
    ['t🐳ststring', 20, 't🐳ststring'],
    ['你好世界teststring', 0, ''],
    ['你好世界teststring', 1, '你'],
    ['你好世界teststring', 3, '你…'],
    ['你好世界teststring', 6, '你好…'],
    ['你好世界teststring', 20, '你好世界teststring'],
    ['你好', 1, '你'],
    ['你好', 2, '你好'],
    ['你好', 3, '你…'],
    ['你好', 4, '你好'],
    ['你好世界', 5, '你好…'],
    ['你好世界', 2, '你好世界'], // no cut point fits: Go returns the string unchanged
    ['abcdefghijklmnopqrstuvwxyz', 20, 'abcdefghijklmnopqrs…'],
    ['short', 5, 'short'],
    ['', 1, ''],
  ])('Ellipsis(%j, %d) = %j', (s, n, want) => {
    expect(ellipsis(s, n)).toBe(want);
  });

  it('truncates the typical docker ps COMMAND', () => {
    expect(ellipsis('/docker-entrypoint.sh nginx -g daemon off;', 20)).toBe('/docker-entrypoint.…');
  });
});

describe('truncateId', () => {
  it('keeps 12 hex chars and strips the algorithm', () => {
    const hex = 'aded1e1a5b3705116fa0a92ba074a5e0b0031647d9c315983ccba2ee5428ec8b';
    expect(truncateId(`sha256:${hex}`)).toBe('aded1e1a5b37');
    expect(truncateId(hex)).toBe('aded1e1a5b37');
    expect(truncateId('abc')).toBe('abc');
    expect(truncateId('sha256:abc')).toBe('abc');
  });
});

import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../../src/sandbox/docker/compose/yaml';
import { emitYaml } from '../../../../src/sandbox/docker/compose/yaml-emit';

const error = (text: string) => {
  try {
    parseYaml(text);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('the YAML reader', () => {
  it('reads block and flow collections, scalars, block scalars and merge keys', () => {
    expect(
      parseYaml(
        'a: [1, "two", {b: c}]\nd: |\n  x\n  y\n\ne: >-\n  folded\n  text\nf: "t\\tab\\u00e9"\ng: \'it\'\'s\'\nh: ~\ni: 0x1F\nj: yes\nk: 1.5\n',
      ),
    ).toEqual([
      {
        a: [1, 'two', { b: 'c' }],
        d: 'x\ny\n',
        e: 'folded text',
        f: 't\tabé',
        g: "it's",
        h: null,
        i: 31,
        j: 'yes',
        k: 1.5,
      },
    ]);
    expect(
      parseYaml('x-base: &base\n  image: nginx\n  restart: always\nweb:\n  <<: *base\n  restart: "no"\n'),
    ).toEqual([{ 'x-base': { image: 'nginx', restart: 'always' }, web: { image: 'nginx', restart: 'no' } }]);
    expect(parseYaml('---\nname: app\n')).toEqual([{ name: 'app' }]);
  });

  // Messages and line numbers as go-yaml v3 reports them (decode.go parser.fail(): parser errors give
  // the 0-based line of their context, scanner errors the 1-based line of the problem).
  it('words syntax errors as go-yaml does', () => {
    expect(error('services:\n  web:\n    image: nginx: latest\n')).toBe(
      'yaml: line 3: mapping values are not allowed in this context',
    );
    expect(error('services:\n  web:\n\timage: nginx\n')).toBe(
      'yaml: line 3: found character that cannot start any token',
    );
    expect(error('services:\n  web:\n    image: nginx\n   ports: x\n')).toBe(
      'yaml: line 1: did not find expected key',
    );
    expect(error('a: "open\n')).toBe('yaml: line 2: found unexpected end of stream');
    expect(error('a: *nope\n')).toBe("yaml: unknown anchor 'nope' referenced");
    expect(error('a: 1\na: 2\n')).toBe(
      'yaml: unmarshal errors:\n  line 2: mapping key "a" already defined at line 1',
    );
    expect(error('a: [b, c\n')).toBe("yaml: line 1: did not find expected ',' or ']'");
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const levels = 'abcdefghi'.split('');
    let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < levels.length; i++) {
      const prev = levels[i - 1];
      text += `${levels[i]}: &${levels[i]} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    }
    const started = Date.now();
    expect(error(text)).toBe('yaml: document contains excessive aliasing');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('writes strings as go-yaml v3 quotes them', () => {
    expect(
      emitYaml(
        new Map<string, never>([
          ['a', '8080' as never],
          ['b', 'daemon off;' as never],
          ['c', 'yes' as never],
          ['d', 'x: y' as never],
          ['e', 'line1\nline2' as never],
          ['f', '' as never],
        ]),
      ),
    ).toBe('a: "8080"\nb: daemon off;\nc: "yes"\nd: \'x: y\'\ne: |-\n  line1\n  line2\nf: ""\n');
  });
});

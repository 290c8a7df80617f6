import { describe, expect, it } from 'vitest';
import {
  type ExecOptions,
  executeTemplate,
  formatGoValue,
  formatRows,
  goJson,
  goMap,
  goQuote,
  goStruct,
  parseTemplate,
  sprintf,
} from '../../../../src/sandbox/docker/format/template.ts';

const container = {
  Id: 'f1e2d3c4b5a6f1e2d3c4b5a6f1e2d3c4b5a6f1e2d3c4b5a6f1e2d3c4b5a6f1e2',
  Name: '/web',
  Path: '/docker-entrypoint.sh',
  Args: ['nginx', '-g', 'daemon off;'],
  LogPath: '/var/lib/docker/containers/f1e2/f1e2-json.log',
  State: { Status: 'running', Running: true, Paused: false, Pid: 4242, ExitCode: 0, Health: null },
  Config: {
    Env: ['PATH=/usr/bin', 'NGINX_VERSION=1.27'],
    Labels: { 'com.example.vendor': 'ACME', 'com.example.app': 'web' },
    Cmd: ['nginx', '-g', 'daemon off;'],
    Entrypoint: null,
  },
  NetworkSettings: {
    Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }] },
    Networks: { bridge: { IPAddress: '172.17.0.2', Gateway: '172.17.0.1', MacAddress: '02:42:ac:11:00:02' } },
  },
  Mounts: [
    { Type: 'volume', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data' },
    { Type: 'bind', Source: '/home/me/site', Destination: '/usr/share/nginx/html' },
  ],
};

function run(src: string, data: unknown = container, opts: ExecOptions = {}): string {
  const p = parseTemplate(src);
  if (!p.ok) throw new Error(p.error);
  const r = executeTemplate(p.tmpl, data, opts);
  if (!r.ok) throw new Error(r.error);
  return r.text;
}

function parseError(src: string): string {
  const p = parseTemplate(src);
  if (p.ok) throw new Error(`expected a parse error for ${src}`);
  return p.error;
}

function execError(src: string, data: unknown = container, opts: ExecOptions = {}): string {
  const p = parseTemplate(src);
  if (!p.ok) throw new Error(p.error);
  const r = executeTemplate(p.tmpl, data, opts);
  if (r.ok) throw new Error(`expected an exec error for ${src}, got ${r.text}`);
  return r.error;
}

describe('fields and printing', () => {
  it.each([
    ['{{.Name}}', '/web'],
    ['{{.State.Status}}', 'running'],
    ['{{.State.Running}}', 'true'],
    ['{{.State.Paused}}', 'false'],
    ['{{.State.Pid}}', '4242'],
    ['{{.Config.Env}}', '[PATH=/usr/bin NGINX_VERSION=1.27]'],
    ['{{.Config.Labels}}', 'map[com.example.app:web com.example.vendor:ACME]'],
    ['{{.State.Health}}', '<nil>'],
    ['{{.Config.Entrypoint}}', '<nil>'],
    ['{{.NetworkSettings.Networks.bridge.IPAddress}}', '172.17.0.2'],
    ['{{.NetworkSettings.Networks.none.IPAddress}}', '<no value>'],
    ['{{.Config.Labels.missing}}', '<no value>'],
    ['{{.State}}', '{running true false 4242 0 <nil>}'],
    [
      '{{.Mounts}}',
      '[{volume /var/lib/docker/volumes/data/_data /data} {bind /home/me/site /usr/share/nginx/html}]',
    ],
    ['{{.LogPath}}', '/var/lib/docker/containers/f1e2/f1e2-json.log'],
    ['literal text only', 'literal text only'],
    ['a\\tb\\n', 'a\\tb\\n'], // Go itself does not interpret backslash escapes in text
    ['{{"quoted\\tstring"}}', 'quoted\tstring'],
    ['{{`raw\\n`}}', 'raw\\n'],
    ["{{1.5}} {{3}} {{-2}} {{0x1F}} {{'a'}}", '1.5 3 -2 31 97'],
    ['{{true}} {{false}}', 'true false'],
  ])('%s', (src, want) => {
    expect(run(src)).toBe(want);
  });

  it('prints the dot', () => {
    expect(run('{{.}}', 'plain')).toBe('plain');
    expect(run('{{.}}', ['a', 'b'])).toBe('[a b]');
    expect(run('{{.}}', 42)).toBe('42');
  });

  it('calls function-valued fields like Go methods', () => {
    class Ctx {
      ID(): string {
        return 'abc123';
      }
      Label(k: string): string {
        return `label:${k}`;
      }
    }
    expect(run('{{.ID}} {{.Label "x"}} {{"y" | .Label}}', new Ctx())).toBe('abc123 label:x label:y');
    expect(run('{{.size}}', { size: () => 3 })).toBe('3');
  });

  it('uses the marked kinds over the heuristic', () => {
    expect(run('{{.}}', goMap({ B: 1, A: 2 }))).toBe('map[A:2 B:1]');
    expect(run('{{.}}', goStruct({ b: 1, a: 2 }))).toBe('{1 2}');
    expect(run('{{.}}', {})).toBe('map[]');
  });
});

describe('docker documentation examples', () => {
  it('inspect: IP address via range over networks', () => {
    expect(run('{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}')).toBe('172.17.0.2');
  });

  it('inspect: index with a further field', () => {
    expect(run('{{(index .NetworkSettings.Networks "bridge").IPAddress}}')).toBe('172.17.0.2');
    expect(run('{{index .NetworkSettings.Networks "bridge"}}')).toBe(
      '{172.17.0.2 172.17.0.1 02:42:ac:11:00:02}',
    );
  });

  it('inspect: port bindings', () => {
    const src =
      '{{range $p, $conf := .NetworkSettings.Ports}} {{$p}} -> {{(index $conf 0).HostPort}} {{end}}';
    expect(run(src)).toBe(' 80/tcp -> 8080 ');
  });

  it('inspect: json sub-section', () => {
    expect(run('{{json .NetworkSettings.Ports}}')).toBe(
      '{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"}]}',
    );
    expect(run('{{json .Config.Labels}}')).toBe('{"com.example.app":"web","com.example.vendor":"ACME"}');
    expect(run('{{json .State}}')).toBe(
      '{"Status":"running","Running":true,"Paused":false,"Pid":4242,"ExitCode":0,"Health":null}',
    );
  });

  it('range over mounts', () => {
    expect(run('{{range .Mounts}}{{.Source}} {{end}}')).toBe(
      '/var/lib/docker/volumes/data/_data /home/me/site ',
    );
    expect(run('{{range $i, $m := .Mounts}}{{$i}}={{$m.Type}};{{end}}')).toBe('0=volume;1=bind;');
    expect(run('{{range $m := .Mounts}}{{$m.Destination}},{{end}}')).toBe('/data,/usr/share/nginx/html,');
  });

  it('formatting functions from docs.docker.com/config/formatting', () => {
    expect(run('{{join .Args " , "}}')).toBe('nginx , -g , daemon off;');
    expect(run('{{upper .Name}}')).toBe('/WEB');
    expect(run('{{lower "ABC Def"}}')).toBe('abc def');
    expect(run('{{title "hello world-wide_web"}}')).toBe('Hello World-Wide_web');
    expect(run('{{split "nginx:1.27" ":"}}')).toBe('[nginx 1.27]');
    expect(run('{{split "abc" ""}}')).toBe('[a b c]');
    expect(run('{{println .Name}}')).toBe('/web\n');
    expect(run('{{pad .State.Status 1 2}}|')).toBe(' running  |');
    expect(run('{{pad "" 1 2}}|')).toBe('|');
    expect(run('{{truncate .Id 12}}')).toBe('f1e2d3c4b5a6');
    expect(run('{{truncate "ab" 5}}')).toBe('ab');
    expect(run('{{join (split "text:with:colon" ":") "/"}}')).toBe('text/with/colon');
  });

  it('pipelines', () => {
    expect(run('{{.Name | upper}}')).toBe('/WEB');
    expect(run('{{.Name | printf "%s!" | upper}}')).toBe('/WEB!');
  });
});

describe('control structures', () => {
  it('if / else / else if', () => {
    expect(run('{{if .State.Running}}up{{else}}down{{end}}')).toBe('up');
    expect(run('{{if .State.Paused}}paused{{else}}not paused{{end}}')).toBe('not paused');
    expect(run('{{if .State.Paused}}p{{else if .State.Running}}r{{else}}x{{end}}')).toBe('r');
    expect(run('{{if .Missing}}yes{{else}}no{{end}}', goMap({}))).toBe('no');
    expect(run('{{if .Config.Env}}has env{{end}}')).toBe('has env');
    expect(run('{{if .E}}y{{else}}n{{end}}', goMap({ E: [] }))).toBe('n');
    expect(run('{{if .S}}y{{else}}n{{end}}', goMap({ S: {} }))).toBe('n');
  });

  it('with / else', () => {
    expect(run('{{with .State}}{{.Pid}}{{end}}')).toBe('4242');
    expect(run('{{with .State.Health}}{{.Status}}{{else}}no healthcheck{{end}}')).toBe('no healthcheck');
    expect(run('{{with $x := .Name}}{{$x}}{{end}}')).toBe('/web');
  });

  it('range / else, maps sorted, integers, break and continue', () => {
    expect(run('{{range .Config.Labels}}{{.}};{{end}}')).toBe('web;ACME;');
    expect(run('{{range $k, $v := .Config.Labels}}{{$k}}={{$v}} {{end}}')).toBe(
      'com.example.app=web com.example.vendor=ACME ',
    );
    expect(run('{{range .Nope}}x{{else}}empty{{end}}', goMap({}))).toBe('empty');
    expect(run('{{range .L}}x{{else}}empty{{end}}', goMap({ L: [] }))).toBe('empty');
    expect(run('{{range 3}}{{.}}{{end}}')).toBe('012');
    expect(run('{{range .Args}}{{if eq . "-g"}}{{continue}}{{end}}{{.}},{{end}}')).toBe('nginx,daemon off;,');
    expect(run('{{range .Args}}{{if eq . "-g"}}{{break}}{{end}}{{.}},{{end}}')).toBe('nginx,');
  });

  it('variables: declaration, assignment and scope', () => {
    expect(run('{{$n := .Name}}{{$n}}{{$n = "other"}} {{$n}}')).toBe('/web other');
    expect(run('{{range .Args}}{{$.Name}}{{end}}')).toBe('/web/web/web');
    expect(run('{{$c := 0}}{{range .Args}}{{$c = 1}}{{end}}{{$c}}')).toBe('1');
  });

  it('trim markers and comments', () => {
    expect(run('a  {{- "b" -}}  c')).toBe('abc');
    expect(run('{{- /* comment */ -}}  x')).toBe('x');
    expect(run('x{{/* a\nmultiline comment */}}y')).toBe('xy');
    expect(run('{{-3}}')).toBe('-3');
  });
});

describe('builtin functions', () => {
  it('comparison', () => {
    expect(run('{{eq .State.Status "running"}}')).toBe('true');
    expect(run('{{eq .State.Status "a" "running"}}')).toBe('true');
    expect(run('{{ne .State.Pid 1}}')).toBe('true');
    expect(run('{{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}}')).toBe('true true true false');
    expect(run('{{eq .Missing nil}}', goMap({}))).toBe('true');
  });

  it('logic', () => {
    expect(run('{{and 1 0 2}} {{and 1 2}} {{or 0 "" "x"}} {{or 0 ""}} {{not 0}}')).toBe('0 2 x  true');
    // and/or short-circuit, so the failing index is never evaluated
    expect(run('{{or 1 (index .Args 99)}}')).toBe('1');
  });

  it('len, index and slice', () => {
    expect(run('{{len .Args}} {{len .Config.Labels}} {{len "héllo"}}')).toBe('3 2 6');
    expect(run('{{index .Args 1}} {{index "abc" 0}}')).toBe('-g 97');
    expect(run('{{index .Config.Labels "com.example.app"}}')).toBe('web');
    expect(run('{{index .Config.Labels "nope"}}')).toBe('<no value>');
    expect(run('{{slice .Args 1 2}} {{slice "hello" 1 3}} {{slice "hello" 2}}')).toBe('[-g] el llo');
  });

  it('print, printf, println', () => {
    expect(run('{{print "a" "b" 1 2 "c"}}')).toBe('ab1 2c');
    expect(run('{{println "a" 1}}')).toBe('a 1\n');
    expect(run('{{printf "%s has pid %d (%v) %q" .Name .State.Pid .State.Running .Name}}')).toBe(
      '/web has pid 4242 (true) "/web"',
    );
    expect(run('{{printf "%-6s|%6s|%05d|%.2f|%x|%X|%t|%%" "ab" "cd" 42 3.14159 255 "hi" true}}')).toBe(
      'ab    |    cd|00042|3.14|ff|6869|true|%',
    );
    expect(run('{{printf "%v" .Config.Env}}')).toBe('[PATH=/usr/bin NGINX_VERSION=1.27]');
  });

  it('html, js and urlquery', () => {
    expect(run('{{html "<a href=\'x\'>&</a>"}}')).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
    expect(run('{{urlquery "a b&c=d/é"}}')).toBe('a+b%26c%3Dd%2F%C3%A9');
    expect(run('{{js "it\'s <b>"}}')).toBe("it\\'s \\u003Cb\\u003E");
  });
});

describe('sprintf (fmt)', () => {
  it.each([
    ['%d', [5], '5'],
    ['%d', ['x'], '%!d(string=x)'],
    ['%s', [5], '%!s(int=5)'],
    ['%s', [null], '%!s(<nil>)'],
    ['%d', [1.5], '%!d(float64=1.5)'],
    ['%s %s', ['a'], 'a %!s(MISSING)'],
    ['%s', ['a', 1, 'b'], 'a%!(EXTRA int=1, string=b)'],
    ['%q', ['a"b\n'], '"a\\"b\\n"'],
    ['%v', [[1, 'a']], '[1 a]'],
    ['%s', [['a', 'b']], '[a b]'],
    ['%+d', [5], '+5'],
    ['%e', [1234.5678], '1.234568e+03'],
    ['%g', [1.5e-7], '1.5e-07'],
    ['%.3s', ['abcdef'], 'abc'],
    ['%c', [65], 'A'],
    ['%c', [-1], '\ufffd'],
    ['%q', [97], "'a'"],
    ['%T', ['x'], 'string'],
    ['%z', [1], '%!z(int=1)'],
    ['100%', [], '100%!(NOVERB)'],
  ] as const)('Sprintf(%j, ...)', (format, args, want) => {
    expect(sprintf(format, [...args])).toBe(want);
  });
});

describe('value formatting helpers', () => {
  it('formatGoValue prints floats like Go %v', () => {
    expect(formatGoValue(1e6)).toBe('1000000'); // integers print as Go ints
    expect(formatGoValue(0.000001)).toBe('1e-06');
    expect(formatGoValue(2.5)).toBe('2.5');
    expect(formatGoValue(1e21)).toBe('1000000000000000000000');
  });

  it('goQuote matches strconv.Quote', () => {
    expect(goQuote('httpd-foreground')).toBe('"httpd-foreground"');
    expect(goQuote('a\tb\x01"\\')).toBe('"a\\tb\\x01\\"\\\\"');
    expect(goQuote('héllo 世界')).toBe('"héllo 世界"');
    expect(goQuote('\u00a0\u2028')).toBe('"\\u00a0\\u2028"');
  });

  it('goJson escapes like encoding/json without HTML escaping', () => {
    expect(goJson('<a&b>')).toBe('"<a&b>"');
    expect(goJson('\u2028')).toBe('"\\u2028"');
    expect(goJson(undefined)).toBe('null');
    expect(goJson({ b: 1, a: [true, null] })).toBe('{"a":[true,null],"b":1}');
    expect(goJson(goStruct({ b: 1, a: 2 }))).toBe('{"b":1,"a":2}');
  });
});

describe('parse errors', () => {
  it.each([
    ['{{foo}}', 'template: :1: function "foo" not defined'],
    ['{{.Name | foo}}', 'template: :1: function "foo" not defined'],
    ['{{.Name', 'template: :1: unclosed action'],
    ['{{if .X}}', 'template: :1: unexpected EOF'],
    ['{{range .X}}a{{else}}b', 'template: :1: unexpected EOF'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{else}}', 'template: :1: unexpected {{else}}'],
    ['{{}}', 'template: :1: missing value for command'],
    ['{{if}}{{end}}', 'template: :1: missing value for if'],
    ['{{@}}', 'template: :1: unexpected "@" in command'],
    ['{{.Name @}}', 'template: :1: unexpected "@" in operand'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{"abc}}', 'template: :1: unterminated quoted string'],
    ['{{/* x }}', 'template: :1: unclosed comment'],
    ['{{/* x */ .}}', 'template: :1: comment ends before closing delimiter'],
    ['{{(.Name}}', 'template: :1: unclosed left paren'],
    ['{{.Name)}}', 'template: :1: unexpected right paren'],
    ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['{{"x" | 3}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{3x}}', 'template: :1: bad number syntax: "3x"'],
    ['{{.Name ☃}}', "template: :1: unrecognized character in action: U+2603 '☃'"],
    ['{{é}}', 'template: :1: function "é" not defined'], // Go identifiers may be any Unicode letter
    ['line1\n{{nope}}', 'template: :2: function "nope" not defined'],
    ['{{"x".Foo}}', 'template: :1: unexpected . after term "\\"x\\""'],
  ])('%j', (src, want) => {
    expect(parseError(src)).toBe(want);
  });
});

describe('execution errors', () => {
  const opts = { typeName: '*formatter.ContainerContext' };

  it('reports missing struct fields with the type name', () => {
    expect(execError('{{.Foo}}', { ID: 'x' }, opts)).toBe(
      'template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext',
    );
    expect(execError('abc {{.Foo}}', { ID: 'x' }, opts)).toBe(
      'template: :1:6: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext',
    );
    expect(execError('{{.ID}}\n  {{.Foo}}', { ID: 'x' }, opts)).toBe(
      'template: :2:4: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext',
    );
  });

  it('uses marked struct type names and the position of the chained field (Go quirk)', () => {
    const data = goStruct({ State: goStruct({ Status: 'x' }, '*container.State') }, '*types.ContainerJSON');
    expect(execError('{{.State.Foo}}', data)).toBe(
      'template: :1:8: executing "" at <.State.Foo>: can\'t evaluate field Foo in type *container.State',
    );
  });

  it('fields on non-objects and nil', () => {
    expect(execError('{{.Name.Foo}}')).toBe(
      'template: :1:7: executing "" at <.Name.Foo>: can\'t evaluate field Foo in type string',
    );
    expect(execError('{{.State.Health.Status}}')).toBe(
      'template: :1:8: executing "" at <.State.Health.Status>: nil pointer evaluating interface {}.Status',
    );
  });

  it('truncates long contexts to 20 bytes', () => {
    expect(execError('{{.NetworkSettings.Networks.bridge.Nope.X}}', container, { missingKey: 'error' })).toBe(
      'template: :1:18: executing "" at <.NetworkSettings.Net...>: can\'t evaluate field Nope in type struct',
    );
  });

  it('missingkey=error (docker inspect raw fallback)', () => {
    expect(execError('{{.Foo}}', { Id: 'x' }, { mapsOnly: true, missingKey: 'error' })).toBe(
      'template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"',
    );
    expect(run('{{.Foo}}', { Id: 'x' }, { mapsOnly: true })).toBe('<no value>');
  });

  it('function errors', () => {
    expect(execError('{{index .Args 5}}')).toBe(
      'template: :1:2: executing "" at <index .Args 5>: error calling index: index out of range: 5',
    );
    expect(execError('{{index .Args 3}}')).toBe(
      'template: :1:2: executing "" at <index .Args 3>: error calling index: reflect: slice index out of range',
    );
    expect(execError('{{join .Name ","}}')).toBe(
      'template: :1:7: executing "" at <.Name>: wrong type for value; expected []string; got string',
    );
    expect(execError('{{upper .State.Pid}}')).toBe(
      'template: :1:14: executing "" at <.State.Pid>: wrong type for value; expected string; got int',
    );
    // The piped value becomes the last argument: join "+" .Args would be needed.
    expect(execError('{{.Args | join "+"}}')).toBe(
      'template: :1:15: executing "" at <"+">: wrong type for value; expected []string; got string',
    );
    expect(execError('{{join .Args}}')).toBe(
      'template: :1:2: executing "" at <join>: wrong number of args for join: want 2 got 1',
    );
    expect(execError('{{eq .Name 1}}')).toBe(
      'template: :1:2: executing "" at <eq .Name 1>: error calling eq: incompatible types for comparison',
    );
    expect(execError('{{pad "x" -1 0}}')).toBe(
      'template: :1:2: executing "" at <pad "x" -1 0>: error calling pad: strings: negative Repeat count',
    );
    expect(execError('{{len 3}}')).toBe(
      'template: :1:2: executing "" at <len 3>: error calling len: len of type int',
    );
    expect(execError('{{range .Name}}{{end}}')).toBe(
      'template: :1:8: executing "" at <.Name>: range can\'t iterate over /web',
    );
    expect(execError('{{3 4}}')).toBe(
      'template: :1:2: executing "" at <3>: can\'t give argument to non-function 3',
    );
    expect(execError('{{.Name 4}}')).toBe(
      'template: :1:2: executing "" at <.Name>: Name has arguments but cannot be invoked as function',
    );
  });
});

describe('formatRows (docker formatter)', () => {
  const headers = { ID: 'CONTAINER ID', Image: 'IMAGE', Names: 'NAMES', Status: 'STATUS', Size: 'SIZE' };
  const rows = [
    { ID: 'a1b2c3d4e5f6', Image: 'nginx', Names: 'web', Status: 'Up 5 seconds', Size: '1.09kB' },
    {
      ID: '0f1e2d3c4b5a',
      Image: 'myimage:latest',
      Names: 'db',
      Status: 'Exited (0) 2 minutes ago',
      Size: '0B',
    },
  ];
  const opts = { typeName: '*formatter.ContainerContext' };

  it('renders a table with headers and docker alignment', () => {
    const r = formatRows('table {{.ID}}\\t{{.Image}}\\t{{.Status}}\\t{{.Names}}', rows, headers, opts);
    expect(r).toEqual({
      ok: true,
      text:
        'CONTAINER ID   IMAGE            STATUS                     NAMES\n' +
        'a1b2c3d4e5f6   nginx            Up 5 seconds               web\n' +
        '0f1e2d3c4b5a   myimage:latest   Exited (0) 2 minutes ago   db\n',
    });
  });

  it('prints only the header for an empty list', () => {
    expect(formatRows('table {{.ID}}\\t{{.Image}}', [], headers)).toEqual({
      ok: true,
      text: 'CONTAINER ID   IMAGE\n',
    });
  });

  it('keeps header names intact through formatting functions', () => {
    const r = formatRows('table {{upper .Names}}\\t{{json .ID}}', rows, headers, opts);
    expect(r).toEqual({
      ok: true,
      text: 'NAMES     CONTAINER ID\nWEB       "a1b2c3d4e5f6"\nDB        "0f1e2d3c4b5a"\n',
    });
  });

  it('prints one line per item without the table directive', () => {
    expect(formatRows('{{.Names}}: {{.Status}}', rows, headers, opts)).toEqual({
      ok: true,
      text: 'web: Up 5 seconds\ndb: Exited (0) 2 minutes ago\n',
    });
    expect(formatRows('{{.Names}}\\t{{.Size}}', rows, headers, opts)).toEqual({
      ok: true,
      text: 'web\t1.09kB\ndb\t0B\n',
    });
    expect(formatRows('{{.ID}}', [], headers, opts)).toEqual({ ok: true, text: '' });
  });

  it('supports the json format key', () => {
    expect(formatRows('json', rows.slice(0, 1), headers, opts)).toEqual({
      ok: true,
      text: '{"ID":"a1b2c3d4e5f6","Image":"nginx","Names":"web","Status":"Up 5 seconds","Size":"1.09kB"}\n',
    });
  });

  it('trims spaces after the table keyword and accepts "table" without a space', () => {
    expect(formatRows('table    {{.Names}}  ', rows, headers, opts)).toEqual({
      ok: true,
      text: 'NAMES\nweb\ndb\n',
    });
    expect(formatRows('table{{.Names}}', rows, headers, opts)).toEqual({
      ok: true,
      text: 'NAMES\nweb\ndb\n',
    });
  });

  it('wraps errors like docker', () => {
    expect(formatRows('{{.Nope}}', rows, headers, opts)).toEqual({
      ok: false,
      error:
        'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext',
    });
    expect(formatRows('table {{foo .ID}}', rows, headers, opts)).toEqual({
      ok: false,
      error: 'template parsing error: template: :1: function "foo" not defined',
    });
  });

  it('passes table options through', () => {
    expect(formatRows('table {{.Names}}\\t{{.ID}}', rows.slice(0, 1), headers, { minWidth: 20 })).toEqual({
      ok: true,
      text: 'NAMES               CONTAINER ID\nweb                 a1b2c3d4e5f6\n',
    });
  });
});

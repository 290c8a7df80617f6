import { describe, expect, it } from 'vitest';
import { IncompleteInput, parseScript, ShellSyntaxError } from '../../../src/sandbox/shell/parser';

const words = (src: string) => {
  const statement = parseScript(src).statements[0];
  const command = statement?.first.commands[0];
  if (command?.type !== 'simple') throw new Error('not a simple command');
  return command.words.map((w) => w.parts.map((p) => (p.type === 'text' ? p.value : `<${p.type}>`)).join(''));
};

describe('shell parser', () => {
  it('splits words and keeps quoting', () => {
    expect(words(`echo 'a b' "c d" e\\ f`)).toEqual(['echo', 'a b', 'c d', 'e f']);
  });

  it('recognises expansions', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template
    expect(words('echo $HOME ${USER} $(date) $((1+2))')).toEqual([
      'echo',
      '<param>',
      '<param>',
      '<command>',
      '<arith>',
    ]);
  });

  it('parses pipelines, lists and redirections', () => {
    const script = parseScript('ls -l | grep x > out.txt 2>&1 && echo ok || echo no; echo done');
    expect(script.statements).toHaveLength(2);
    const first = script.statements[0];
    expect(first?.first.commands).toHaveLength(2);
    expect(first?.rest.map((r) => r.op)).toEqual(['&&', '||']);
    const grep = first?.first.commands[1];
    expect(grep?.type === 'simple' && grep.redirects.map((r) => [r.fd, r.op])).toEqual([
      [1, '>'],
      [2, '>&'],
    ]);
  });

  it('reads here-document bodies from the following lines', () => {
    const script = parseScript("cat > Dockerfile <<'EOF'\nFROM alpine\nRUN echo $HOME\nEOF\necho after\n");
    const cat = script.statements[0]?.first.commands[0];
    expect(cat?.type === 'simple' && cat.redirects[1]?.heredoc).toEqual({
      body: 'FROM alpine\nRUN echo $HOME\n',
      expand: false,
    });
    expect(script.statements).toHaveLength(2);
  });

  it('parses if, for and while', () => {
    const script = parseScript('for i in 1 2 3; do if [ $i = 2 ]; then echo two; else echo other; fi; done');
    const loop = script.statements[0]?.first.commands[0];
    expect(loop?.type).toBe('for');
    expect(parseScript('while false; do echo x; done').statements[0]?.first.commands[0]?.type).toBe('while');
  });

  it('asks for more input when a command is unfinished', () => {
    for (const src of [
      "echo 'open",
      'echo "open',
      'if true; then',
      'ls |',
      'cat <<EOF\nbody',
      'for i in 1 2; do',
      'echo \\',
    ]) {
      expect(() => parseScript(src), src).toThrow(IncompleteInput);
    }
  });

  it('reports the unexpected token like bash', () => {
    expect(() => parseScript('fi')).toThrow(new ShellSyntaxError('fi'));
    expect(() => parseScript('echo a | | b')).toThrow("syntax error near unexpected token `|'");
    expect(() => parseScript('echo >')).toThrow("syntax error near unexpected token `newline'");
    expect(() => parseScript(';;')).toThrow(ShellSyntaxError);
  });

  it('treats assignments before a command as assignments', () => {
    const command = parseScript('FOO=bar env').statements[0]?.first.commands[0];
    expect(command?.type === 'simple' && command.assignments.map((a) => a.name)).toEqual(['FOO']);
  });
});

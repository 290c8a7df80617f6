import { describe, expect, it } from 'vitest';
import { literalProgramOutput } from '../../../src/sandbox/programs/toolchain.ts';
import { Sandbox } from '../../../src/sandbox/sandbox';

describe('the programs the sandbox can run after compiling them', () => {
  it('are a main that prints string literals with printf or puts, and returns', () => {
    expect(
      literalProgramOutput(
        '#include <stdio.h>\n/* greet */\nint main(void) {\n    printf("Hello, %%s\\n");\n    puts("bye"); // done\n    return 3;\n}\n',
      ),
    ).toEqual({ stdout: 'Hello, %s\nbye\n', status: 3 });
    expect(literalProgramOutput('int main() { puts("a\\tb"); }')).toEqual({ stdout: 'a\tb\n', status: 0 });
  });

  it('are nothing else: a conversion, a variable, a loop or code after return', () => {
    expect(literalProgramOutput('int main(void) { printf("%d\\n", 2); }')).toBeUndefined();
    expect(literalProgramOutput('int main(void) { printf("%d\\n"); }')).toBeUndefined();
    expect(literalProgramOutput('int main(void) { int x = 1; puts("x"); }')).toBeUndefined();
    expect(literalProgramOutput('int main(void) { for (;;) puts("x"); }')).toBeUndefined();
    expect(literalProgramOutput('int main(void) { return 0; puts("x"); }')).toBeUndefined();
    expect(literalProgramOutput('void f(void) {} int main(void) { puts("x"); }')).toBeUndefined();
  });
});

describe('gcc and make from build-base and build-essential', () => {
  it("print the packages' banners, compile the literal subset and refuse to fake anything else", async () => {
    const s = Sandbox.create({ seed: 4 });
    await s.run('docker pull -q alpine >/dev/null');
    await s.run('docker run -d --name al alpine sleep 900 >/dev/null');
    const run = (line: string) => s.run(`docker exec -w /tmp al sh -c '${line}'`);
    expect(await run('gcc --version')).toBe('sh: gcc: not found\n');
    await run('apk add -q build-base');
    expect(await run('gcc --version | head -n 1; cc --version | head -n 1; g++ --version | head -n 1')).toBe(
      'gcc (Alpine 14.2.0) 14.2.0\ncc (Alpine 14.2.0) 14.2.0\ng++ (Alpine 14.2.0) 14.2.0\n',
    );
    expect(await run('make --version | head -n 2')).toBe(
      'GNU Make 4.4.1\nBuilt for x86_64-alpine-linux-musl\n',
    );
    await run(`printf "#include <stdio.h>\\nint main(void) {\\n    puts(\\"hi\\");\\n}\\n" > hi.c`);
    expect(await run('make hi && ./hi && stat -c %s hi')).toBe('cc     hi.c   -o hi\nhi\n15960\n');
    expect(await run('make hi')).toBe("make: 'hi' is up to date.\n");
    await run(`printf "int main(int argc, char **argv) { return argc; }\\n" > n.c`);
    expect(await run('gcc -o n n.c && ./n')).toBe(
      './n: the sandbox compiles C but cannot run it: only a main() that prints string literals with printf or puts runs here\n',
    );
    expect(s.lastStatus()).toBe(126);
    expect(await run('gcc nosuch.c')).toBe(
      'cc1: fatal error: nosuch.c: No such file or directory\ncompilation terminated.\n',
    );
    expect(await run('make')).toBe('make: *** No targets specified and no makefile found.  Stop.\n');
    expect(s.lastStatus()).toBe(2);
    await run(`printf "x:\\n\\t@echo building \\$@\\n\\tfalse\\n" > Makefile`);
    expect(await run('make')).toBe('building x\nfalse\nmake: *** [Makefile:3: x] Error 1\n');

    await s.run('docker pull -q debian >/dev/null');
    expect(
      await s.run(
        "docker run --rm debian sh -c 'apt-get update >/dev/null; apt-get install -y -qq build-essential >/dev/null; gcc --version | head -n 1; make --version | sed -n 2p'",
      ),
    ).toBe('gcc (Debian 14.2.0-19) 14.2.0\nBuilt for x86_64-pc-linux-gnu\n');
  });
});

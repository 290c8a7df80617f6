import type { Program } from '../../shell/program.ts';

/** `lsmod`: the loaded kernel modules, formatted from /proc/modules as kmod prints them. */
export const lsmodProgram: Program = async (ctx) => {
  if (ctx.argv.length > 1) {
    ctx.stderr.write('Usage: lsmod\n');
    return 1;
  }
  const text = ctx.system.procFile('/proc/modules', ctx.now());
  if (text === undefined) {
    ctx.stderr.write(
      'libkmod: ERROR ../libkmod/libkmod-module.c:1938 kmod_module_new_from_loaded: could not open /proc/modules: No such file or directory\nError: could not get list of modules: No such file or directory\n',
    );
    return 1;
  }
  let out = 'Module                  Size  Used by\n';
  for (const line of text.split('\n')) {
    const [name, size, used, by] = line.split(' ');
    if (!name || !size) continue;
    const users = by && by !== '-' ? ` ${by.replace(/,$/, '')}` : '';
    out += `${name.padEnd(19)} ${size.padStart(8)}  ${used ?? '0'}${users}\n`;
  }
  ctx.stdout.write(out);
  return 0;
};

import type { DockerCli } from '../cli/context.ts';
import { goQuote } from '../format/template.ts';

/** Characters logrus's text formatter leaves a value unquoted with (`needsQuoting`). */
const PLAIN_VALUE = /^[A-Za-z0-9\-._/@^+]*$/;

/**
 * Writes a warning to stderr as Compose logs it, through logrus's text formatter: `WARN[0000] …` on
 * a terminal (seconds since start), and on a pipe or a file `time="…" level=warning msg=…`, the
 * message quoted as Go's %q does unless it is one plain word.
 */
export function logWarning(cli: DockerCli, message: string): void {
  if (cli.ctx.stderr.isTTY) {
    cli.err(`WARN[0000] ${message}\n`);
    return;
  }
  const time = new Date(cli.ctx.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  const msg = PLAIN_VALUE.test(message) && message !== '' ? message : goQuote(message);
  cli.err(`time="${time}" level=warning msg=${msg}\n`);
}

import { shellQuote } from '../../commands/format.ts';
import { bufferStream } from '../../shell/streams.ts';
import { renderTable } from '../format/table.ts';
import { bytesSize, humanSizeWithPrecision } from '../format/units.ts';
import { type DockerCommand, daemonError, printFormatted } from './context.ts';
import { flag, flagOn } from './flags.ts';

export const top: DockerCommand['run'] = async (cli, parsed) => {
  const { engine } = cli;
  engine.reconcile();
  const name = parsed.positionals[0] as string;
  const c = engine.findContainer(name);
  if (!c) return daemonError(cli, `No such container: ${name}`);
  if (c.state.status !== 'running' && c.state.status !== 'paused')
    return daemonError(cli, `container ${c.id} is not running`);
  // The daemon runs the host's ps with the options given (-ef by default) and the container's
  // PIDs (again without them if that fails), then keeps the rows whose PID column names one.
  const pids = engine.processesOf(c).map((p) => p.hostPid);
  const psArgs = parsed.positionals.length > 1 ? parsed.positionals.slice(1) : ['-ef'];
  const ps = async (args: string[]) => {
    const stdout = bufferStream();
    const stderr = bufferStream();
    const status = await cli.ctx.shell(['ps', ...args].map(shellQuote).join(' '), { stdout, stderr });
    return { status, out: stdout.text(), err: stderr.text() };
  };
  let result = await ps([...psArgs, `-q${pids.join(',')}`]);
  if (result.status !== 0) result = await ps(psArgs);
  if (result.status !== 0)
    return daemonError(cli, `ps: ${result.err.split('\n')[0] || `exit status ${result.status}`}`);
  const [header = '', ...lines] = result.out.split('\n').filter((l) => l.trim() !== '');
  const titles = header.trim().split(/\s+/);
  const pidColumn = titles.indexOf('PID');
  if (pidColumn === -1) return daemonError(cli, "Couldn't find PID field in ps output");
  const rows = lines
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => pids.includes(Number(fields[pidColumn])))
    .map((fields) => [...fields.slice(0, titles.length - 1), fields.slice(titles.length - 1).join(' ')]);
  cli.out(renderTable([titles, ...rows], { minWidth: 20 }));
  return 0;
};

/** The column headers of `docker stats --format 'table …'`. */
const STATS_HEADERS = {
  Container: 'CONTAINER',
  ID: 'CONTAINER ID',
  Name: 'NAME',
  CPUPerc: 'CPU %',
  MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %',
  NetIO: 'NET I/O',
  BlockIO: 'BLOCK I/O',
  PIDs: 'PIDS',
};

export const stats: DockerCommand['run'] = async (cli, parsed) => {
  const { engine } = cli;
  const format = flag(parsed, 'format');
  engine.reconcile();
  let list = Object.values(engine.state.containers);
  if (parsed.positionals.length > 0) {
    const found = [];
    for (const name of parsed.positionals) {
      const c = engine.findContainer(name);
      if (!c) return daemonError(cli, `No such container: ${name}`);
      found.push(c);
    }
    list = found;
  } else if (!flagOn(parsed, 'all')) list = list.filter((c) => c.state.status === 'running');
  /** Each container's figures, by the names `--format` templates use. */
  const figures = () => {
    const total = engine.host.memory().total;
    const rows = list.map((c) => {
      const running = c.state.status === 'running' || c.state.status === 'paused';
      const used = engine.containerMemory(c);
      const limit = c.hostConfig.memory || total;
      const main = running ? engine.mainProcess(c) : undefined;
      const busy =
        main?.kind === 'hog'
          ? 100 * Math.min(1, c.hostConfig.nanoCpus / 1e9 || 1)
          : main?.kind === 'service'
            ? 0.01
            : 0;
      const pids = running ? engine.processesOf(c).length : 0;
      const net = running ? 1_000 + Math.round((engine.now() - c.state.startedAt) / 100) : 0;
      return {
        Container: parsed.positionals.find((p) => engine.findContainer(p) === c) ?? c.id.slice(0, 12),
        ID: c.id.slice(0, 12),
        Name: c.name,
        CPUPerc: running ? `${busy.toFixed(2)}%` : '0.00%',
        MemUsage: running ? `${bytesSize(used)} / ${bytesSize(limit)}` : '0B / 0B',
        MemPerc: running ? `${((used / limit) * 100).toFixed(2)}%` : '0.00%',
        NetIO: running
          ? `${humanSizeWithPrecision(net, 3)} / ${humanSizeWithPrecision(Math.round(net / 3), 3)}`
          : '0B / 0B',
        BlockIO: '0B / 0B',
        PIDs: String(pids),
      };
    });
    return rows;
  };
  const render = () =>
    renderTable([
      ['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'],
      ...figures().map((r) => [r.ID, r.Name, r.CPUPerc, r.MemUsage, r.MemPerc, r.NetIO, r.BlockIO, r.PIDs]),
    ]);
  if (format && flagOn(parsed, 'no-stream')) return printFormatted(cli, format, figures(), STATS_HEADERS);
  if (flagOn(parsed, 'no-stream')) {
    cli.out(render());
    return 0;
  }
  // Streams until Ctrl-C: a terminal is cleared and redrawn every second.
  for (;;) {
    engine.reconcile();
    if (cli.ctx.stdout.isTTY) cli.out('\x1b[2J\x1b[H');
    if (format) await printFormatted(cli, format, figures(), STATS_HEADERS);
    else cli.out(render());
    await cli.ctx.sleep(1000);
  }
};

export const pause: DockerCommand['run'] = async (cli, parsed) => setPaused(cli, parsed.positionals, true);

export const unpause: DockerCommand['run'] = async (cli, parsed) => setPaused(cli, parsed.positionals, false);

async function setPaused(
  cli: Parameters<DockerCommand['run']>[0],
  names: string[],
  paused: boolean,
): Promise<number> {
  cli.engine.reconcile();
  const errors: string[] = [];
  for (const name of names) {
    const c = cli.engine.findContainer(name);
    if (!c) errors.push(`Error response from daemon: No such container: ${name}`);
    else if (paused && c.state.status === 'paused')
      errors.push(`Error response from daemon: container ${c.id} is already paused`);
    else if (!paused && c.state.status !== 'paused')
      errors.push(`Error response from daemon: container ${c.id} is not paused`);
    else if (paused && c.state.status !== 'running')
      errors.push(`Error response from daemon: container ${c.id} is not running`);
    else {
      c.state.status = paused ? 'paused' : 'running';
      cli.out(`${name}\n`);
    }
  }
  if (errors.length > 0) cli.err(`${errors.join('\n')}\n`);
  return errors.length > 0 ? 1 : 0;
}

import type { Instruction } from '../../../../src/sandbox/docker/dockerfile/instructions.ts';

/** A one-line digest of an instruction's key fields, for compact corpus assertions. */
export function summarize(i: Instruction): string {
  const at = `${i.line}-${i.endLine} ${i.kind}`;
  switch (i.kind) {
    case 'FROM':
      return `${at} ${i.image}${i.stageName ? ` AS ${i.stageName}` : ''}${i.platform ? ` platform=${i.platform}` : ''}`;
    case 'RUN': {
      const extras = [
        ...i.mounts.map((m) => `mount=${m}`),
        ...(i.network ? [`network=${i.network}`] : []),
        ...i.heredocs.map(
          (h) =>
            `<<${h.name}${h.expand ? '' : '(raw)'}${h.chomp ? '(chomp)' : ''}=${JSON.stringify(h.content)}`,
        ),
      ];
      return `${at} ${i.form} ${JSON.stringify(i.command)}${extras.length ? ` ${extras.join(' ')}` : ''}`;
    }
    case 'CMD':
    case 'ENTRYPOINT':
      return `${at} ${i.form} ${JSON.stringify(i.command)}`;
    case 'SHELL':
      return `${at} ${JSON.stringify(i.shell)}`;
    case 'COPY':
    case 'ADD': {
      const opts = [
        ...(i.kind === 'COPY' && i.from ? [`from=${i.from}`] : []),
        ...(i.chown ? [`chown=${i.chown}`] : []),
        ...(i.chmod ? [`chmod=${i.chmod}`] : []),
        ...(i.link ? ['link'] : []),
      ];
      const inline = i.inline.map((s) => `<<${s.path}${s.expand ? '' : '(raw)'}=${JSON.stringify(s.data)}`);
      return `${at} ${[...opts.map((o) => `--${o}`), ...i.sources, ...inline].join(' ')} -> ${i.dest}`;
    }
    case 'ENV':
    case 'LABEL':
      return `${at} ${i.pairs.map((p) => `${p.key}${p.legacy ? ' ' : '='}${p.value}`).join(' | ')}`;
    case 'ARG':
      return `${at} ${i.args.map((a) => (a.value === null ? a.key : `${a.key}=${a.value}`)).join(' ')}`;
    case 'WORKDIR':
      return `${at} ${i.path}`;
    case 'USER':
      return `${at} ${i.user}`;
    case 'EXPOSE':
      return `${at} ${i.ports.join(' ')}`;
    case 'VOLUME':
      return `${at} ${i.form} ${i.volumes.join(' ')}`;
    case 'STOPSIGNAL':
      return `${at} ${i.signal}`;
    case 'MAINTAINER':
      return `${at} ${i.maintainer}`;
    case 'HEALTHCHECK':
      return `${at} ${JSON.stringify(i.test)} interval=${i.interval / 1e9}s timeout=${i.timeout / 1e9}s start=${i.startPeriod / 1e9}s retries=${i.retries}`;
    case 'ONBUILD':
      return `${at} ${i.expression}`;
  }
}

/**
 * The command table's entries for docker's archive commands (help, completion, argument checks);
 * their code, in ../archive.ts, loads on first use.
 */
import type { DockerCommandSpec } from '../context.ts';

export const saveSpec: DockerCommandSpec = {
  name: 'save',
  aliases: ['image save'],
  usage: 'docker save [OPTIONS] IMAGE [IMAGE...]',
  summary: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
  flags: [
    { name: 'output', short: 'o', value: true, usage: 'Write to a file, instead of STDOUT' },
    { name: 'help' },
  ],
  minArgs: 1,
};

export const loadSpec: DockerCommandSpec = {
  name: 'load',
  aliases: ['image load'],
  usage: 'docker load [OPTIONS]',
  summary: 'Load an image from a tar archive or STDIN',
  flags: [
    { name: 'input', short: 'i', value: true, usage: 'Read from tar archive file, instead of STDIN' },
    { name: 'quiet', short: 'q', usage: 'Suppress the load output' },
    { name: 'help' },
  ],
  maxArgs: 0,
};

export const exportCommandSpec: DockerCommandSpec = {
  name: 'export',
  aliases: ['container export'],
  usage: 'docker export [OPTIONS] CONTAINER',
  summary: "Export a container's filesystem as a tar archive",
  flags: [
    { name: 'output', short: 'o', value: true, usage: 'Write to a file, instead of STDOUT' },
    { name: 'help' },
  ],
  minArgs: 1,
  maxArgs: 1,
};

export const importCommandSpec: DockerCommandSpec = {
  name: 'import',
  aliases: ['image import'],
  usage: 'docker import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]',
  summary: 'Import the contents from a tarball to create a filesystem image',
  flags: [
    {
      name: 'change',
      short: 'c',
      value: true,
      repeat: true,
      usage: 'Apply Dockerfile instruction to the created image',
    },
    { name: 'message', short: 'm', value: true, usage: 'Set commit message for imported image' },
    { name: 'platform', value: true, usage: 'Set platform if server is multi-platform capable' },
    { name: 'help' },
  ],
  minArgs: 1,
  maxArgs: 2,
};

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CORPUS_DIR, loadCorpus, UNCOVERED_FILE } from '../../src/conformance/corpus';
import {
  caseCommandLines,
  commandUses,
  coversUse,
  exerciseCommandLines,
  lessonCommandLines,
  quizCommandLines,
  usesOf,
} from '../../src/conformance/coverage';
import { uncoveredFile } from '../../src/schemas/conformance-uncovered';
import { exercise } from '../../src/schemas/exercise';

/**
 * Conformance coverage: every command, subcommand and flag that a lesson, an exercise or a quiz
 * runs has a recorded case, or an entry in conformance/uncovered.yaml saying why it cannot have one.
 * Real-machine exercises (exercises/real-machine/) are left out: they run on a real kernel, never in
 * the sandbox, so there is nothing for a case to compare.
 */

const mdxIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => join(dir, f));

function courseLines() {
  const lessons = [...mdxIn('lessons'), ...mdxIn('lessons/zh-cn')].flatMap((page) =>
    lessonCommandLines(page, readFileSync(page, 'utf8')),
  );
  const exercises = readdirSync('exercises')
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => {
      const file = join('exercises', f);
      return exerciseCommandLines(file, exercise.parse(parse(readFileSync(file, 'utf8'))));
    });
  // A quiz's code span is a command when it starts with a program the course runs.
  const programs = new Set(
    [...usesOf([...lessons, ...exercises]).uses.keys()].map((u) => u.split(' ')[0] as string),
  );
  const quizzes = readdirSync('exercises/quizzes').flatMap((f) => {
    const file = join('exercises/quizzes', f);
    return quizCommandLines(file, parse(readFileSync(file, 'utf8')), programs);
  });
  return [...lessons, ...exercises, ...quizzes];
}

describe('command uses', () => {
  it('splits combined short flags, names aliases by their long name and drops values', () => {
    expect(commandUses('docker run -it --rm -p 8080:80 --name=web -e A=1 busybox ls -l')).toEqual([
      'docker run',
      'docker run --env',
      'docker run --interactive',
      'docker run --name',
      'docker run --publish',
      'docker run --rm',
      'docker run --tty',
    ]);
    expect(commandUses('cut -d: -f1 /etc/passwd')).toEqual(['cut', 'cut --delimiter', 'cut --fields']);
    expect(commandUses('ls -la')).toEqual(['ls', 'ls --all', 'ls -l']);
  });

  it('reads a short flag as the tool defines it for that subcommand', () => {
    expect(commandUses('docker logs -t -n 5 web')).toEqual([
      'docker logs',
      'docker logs --tail',
      'docker logs --timestamps',
    ]);
    expect(commandUses('docker rm -v old')).toEqual(['docker rm', 'docker rm --volumes']);
    expect(commandUses('docker compose -p shop down -v')).toEqual([
      'docker compose --project-name',
      'docker compose down',
      'docker compose down --volumes',
    ]);
  });

  it('gives a command under its group name the top-level name', () => {
    expect(commandUses('docker container ls -a')).toEqual(['docker ps', 'docker ps --all']);
    expect(commandUses('docker image rm busybox')).toEqual(['docker rmi']);
  });

  it('counts every command of a line, and those a command runs on the same machine or another', () => {
    expect(commandUses('ps -ef | grep -c nginx && echo "$(hostname)"')).toEqual([
      'echo',
      'grep',
      'grep -c',
      'hostname',
      'ps',
      'ps -e',
      'ps -f',
    ]);
    expect(commandUses(`sh -c 'seq 3 | tail -1'`)).toEqual(['seq', 'sh', 'sh -c', 'tail', 'tail -1']);
    expect(commandUses(`ssh vm1 'free -m'`)).toEqual(['free', 'free --mebi', 'ssh']);
    expect(commandUses('sudo virsh -c qemu:///system list --all')).toEqual([
      'sudo',
      'virsh --connect',
      'virsh list',
      'virsh list --all',
    ]);
  });

  it('leaves out what a container runs: its image’s program, not the host’s', () => {
    expect(commandUses('docker exec -u 1000 web ls -l /')).toEqual(['docker exec', 'docker exec --user']);
    expect(commandUses('docker run -v data:/data busybox sh -c "ls -a"')).toEqual([
      'docker run',
      'docker run --volume',
    ]);
  });

  it('finds a quiz’s commands in the code spans that start with a program the course runs', () => {
    const quiz = { prompt: { en: 'After `docker ps -s`, what does `COPY . .` do? `docker` says `Up`.' } };
    expect(quizCommandLines('q.yaml', quiz, new Set(['docker']))).toEqual([
      { where: 'q.yaml (prompt.en)', input: 'docker ps -s' },
    ]);
  });

  it('lets an allowlist entry cover the uses it is the first words of', () => {
    expect(coversUse('docker compose', 'docker compose up --detach')).toBe(true);
    expect(coversUse('docker compose', 'docker compose')).toBe(true);
    expect(coversUse('docker pull', 'docker pull-through')).toBe(false);
  });
});

describe('conformance coverage', () => {
  const allowlist = uncoveredFile.parse(parse(readFileSync(join(CORPUS_DIR, UNCOVERED_FILE), 'utf8')));
  const course = usesOf(courseLines());
  const corpus = usesOf(loadCorpus(CORPUS_DIR).flatMap((l) => caseCommandLines(l.file, l.case)));
  const unrecorded = [...course.uses.keys()].filter((use) => !corpus.uses.has(use)).sort();

  it('reads every command line of the course', () => {
    expect(course.unparsed).toEqual([]);
  });

  it('has a recorded case for every command and flag the course uses, or says why it cannot', () => {
    const missing = unrecorded
      .filter((use) => !allowlist.uncovered.some((entry) => coversUse(entry.use, use)))
      .map((use) => `${use}  (${course.uses.get(use)})`);
    expect(missing, 'uses with no recorded case: add a case to conformance/course-*.yaml').toEqual([]);
  });

  it('allows only what the course uses and the corpus lacks', () => {
    const stale = allowlist.uncovered
      .filter((entry) => !unrecorded.some((use) => coversUse(entry.use, use)))
      .map((entry) => entry.use);
    expect(stale, 'allowlist entries the corpus or the course no longer needs').toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  CORPUS_DIR,
  compareCase,
  compareCorpus,
  corpusPasses,
  formatReport,
  guestSetup,
  loadCorpus,
  loadThreshold,
  runInSandbox,
  shortDiff,
} from '../../src/conformance/corpus';
import { DAEMON_WORDING, newNormaliseState, normalise, RULES } from '../../src/conformance/normalise';
import {
  type ConformanceGuest,
  conformanceCase,
  normalisationRuleNames,
} from '../../src/schemas/conformance-case';

// The conformance corpus (docs/CONFORMANCE.md): real output recorded by `npm run conformance:record`,
// replayed in the sandbox. This keeps the agreement at or above conformance/threshold.json.
describe('conformance corpus', () => {
  const cases = loadCorpus(CORPUS_DIR);

  it('has valid case files, every case recorded with its versions', () => {
    expect(cases.length).toBeGreaterThan(0);
    const unrecorded = cases.filter(
      (c) =>
        c.case.recorded === undefined ||
        c.case.lines.some((l) => l.out === undefined || l.status === undefined),
    );
    expect(unrecorded.map((c) => c.case.id)).toEqual([]);
  });

  it('keeps agreement at the threshold, and every must-agree case agrees', { timeout: 300_000 }, async () => {
    const report = await compareCorpus(cases);
    const threshold = loadThreshold(CORPUS_DIR).caseAgreement;
    if (!corpusPasses(report, threshold)) console.log(formatReport(report, threshold));
    expect(report.mustAgreeFailures).toEqual([]);
    expect(report.caseAgreement).toBeGreaterThanOrEqual(threshold);
  });
});

describe('normalisation rules', () => {
  it('documents every rule the schema names', () => {
    for (const name of normalisationRuleNames) expect(RULES[name].doc.length).toBeGreaterThan(20);
    for (const w of DAEMON_WORDING) expect(w.source).toMatch(/^https:\/\//);
  });

  it('numbers ids by first appearance, a short id as its long form', () => {
    const long = `${'a1'.repeat(32)}`;
    const other = `${'b2'.repeat(32)}`;
    const state = newNormaliseState();
    expect(normalise(`${long}\n`, ['ids'], state)).toBe('<id-1>\n');
    expect(normalise(`${other} ${long.slice(0, 12)}\n`, ['ids'], state)).toBe('<id-2> <id-1>\n');
    // A short id of digits alone is an id only where the legacy builder prints nothing else.
    expect(normalise(' ---> 494854674708\nSuccessfully built 494854674708\n', ['ids'], state)).toBe(
      ' ---> <id-3>\nSuccessfully built <id-3>\n',
    );
  });

  it('keeps what a command lists: two different ids stay different, numbers that are not ids stay', () => {
    const state = newNormaliseState();
    expect(normalise('123456789012 abc\n', ['ids', 'relative-times', 'table-spacing'], state)).toBe(
      '123456789012 abc\n',
    );
    expect(normalise('Exited (137) 2 seconds ago\n', ['relative-times'], state)).toBe(
      'Exited (137) <duration> ago\n',
    );
  });

  it('applies only the rules a case names', () => {
    expect(normalise('Up 3 seconds\n', [], newNormaliseState())).toBe('Up 3 seconds\n');
  });

  it('rewrites 20.10 daemon wording to 28', () => {
    expect(
      normalise(
        'Error response from daemon: Container abcdef123456 is not running\n',
        ['daemon-20.10-wording'],
        newNormaliseState(),
      ),
    ).toBe('Error response from daemon: container abcdef123456 is not running\n');
  });

  it("numbers VirtualBox's UUIDs and MAC addresses by first appearance, and keeps its times apart", () => {
    const state = newNormaliseState();
    const a = '758a1a80-d4e8-4755-b197-d7922861c7d1';
    const b = '3417A784-3AFB-4DAA-81C9-3578C51626BD';
    expect(normalise(`UUID: ${a}\n"dev" {${b}}\nUUID: ${a}\n`, ['uuids'], state)).toBe(
      'UUID: <uuid-1>\n"dev" {<uuid-2>}\nUUID: <uuid-1>\n',
    );
    expect(normalise('MAC: 080027D18265, MAC: 0800273A8243, MAC: 080027D18265\n', ['vbox-macs'], state)).toBe(
      'MAC: 080027<mac-1>, MAC: 080027<mac-2>, MAC: 080027<mac-1>\n',
    );
    // Only the Oracle prefix: a libvirt MAC stays.
    expect(normalise('525400D18265\n', ['vbox-macs'], state)).toBe('525400D18265\n');
    expect(normalise('powered off (since 2026-12-07T18:11:32.216000000)\n', ['timestamps'], state)).toBe(
      'powered off (since <timestamp>)\n',
    );
  });

  it("drops exactly the vboxdrv warning of Ubuntu's VirtualBox wrapper, and nothing after it", () => {
    const warning =
      'WARNING: The character device /dev/vboxdrv does not exist.\n\t Please install the virtualbox-dkms package and the appropriate\n\t headers, most likely linux-headers-generic.\n\n\t You will not be able to start VMs until this problem is fixed.\n';
    expect(normalise(`${warning}7.0.16_Ubuntur162802\n`, ['vboxdrv-warning'], newNormaliseState())).toBe(
      '7.0.16_Ubuntur162802\n',
    );
    expect(normalise(`1\n${warning}`, ['vboxdrv-warning'], newNormaliseState())).toBe('1\n');
    // Another warning stays.
    expect(normalise('WARNING: something else\n', ['vboxdrv-warning'], newNormaliseState())).toBe(
      'WARNING: something else\n',
    );
  });

  it('numbers host key fingerprints by first appearance, and only whole fingerprints', () => {
    const state = newNormaliseState();
    const a = 'SHA256:t3sVdifkBPeN4qtsHkbUwdXDftMJi+rXD4pbuaVe/TY';
    const b = 'SHA256:MR+lefcqmw4HL4Kz86LBJrS9DsLMWT54qNoLp2VdPMk';
    expect(normalise(`${a}.\r\n${b}\n${a}\n`, ['host-key-fingerprints'], state)).toBe(
      'SHA256:<fingerprint-1>.\r\nSHA256:<fingerprint-2>\nSHA256:<fingerprint-1>\n',
    );
    expect(normalise('sha256:<digest-1> SHA256:short\n', ['host-key-fingerprints'], state)).toBe(
      'sha256:<digest-1> SHA256:short\n',
    );
  });

  it('diffs lines', () => {
    expect(shortDiff('a\nb\n', 'a\nc\n')).toEqual(['+ c', '- b']);
  });
});

describe('lines from a newer tool', () => {
  const recorded = {
    at: '2026-12-07',
    versions: { 'docker-server': '20.10.24' },
  };
  const base = conformanceCase.parse({
    id: 'newer-check',
    area: 'shell-coreutils',
    lines: [{ in: 'echo named', out: '', status: 0 }],
    recorded,
  });

  it('compares with the newer output where a line gives one, and keeps the recording as evidence', async () => {
    const withNewer = conformanceCase.parse({
      ...base,
      lines: [
        {
          in: 'echo named',
          out: '',
          status: 0,
          newer: { source: 'https://docs.docker.com/x/', why: 'changed in 23', out: 'named\n' },
        },
      ],
    });
    const plain = await compareCase({ file: 't.yaml', index: 0, case: base });
    const newer = await compareCase({ file: 't.yaml', index: 0, case: withNewer });
    expect(plain.agree).toBe(false);
    expect(newer.agree).toBe(true);
    expect(newer.lines[0]?.fromNewer).toBe(true);
    expect(withNewer.lines[0]?.out).toBe('');
    const report = await compareCorpus([{ file: 't.yaml', index: 0, case: withNewer }]);
    expect(report.newerLines).toEqual(['newer-check: https://docs.docker.com/x/']);
  });

  it('refuses a newer output without a source link or without anything newer', () => {
    const line = (newer: unknown) =>
      conformanceCase.safeParse({ ...base, lines: [{ in: 'x', out: '', status: 0, newer }] }).success;
    expect(line({ source: 'https://docs.docker.com/x/', why: 'w', status: 1 })).toBe(true);
    expect(line({ source: 'not a link', why: 'w', out: 'a' })).toBe(false);
    expect(line({ source: 'http://example.com/', why: 'w', out: 'a' })).toBe(false);
    expect(line({ source: 'https://docs.docker.com/x/', why: 'w' })).toBe(false);
  });
});

describe('a case with a guest', () => {
  const lines = [{ in: 'ssh vm1 hostname', out: 'vm1\n', status: 0 }];

  it('boots the guest in the sandbox as the lessons do, so ssh reaches it by name', async () => {
    const c = conformanceCase.parse({ id: 'guest-check', area: 'vm', guest: { name: 'vm1' }, lines });
    expect(guestSetup(c.guest as ConformanceGuest)[0]).toContain('--name vm1 ');
    expect(guestSetup(c.guest as ConformanceGuest)[0]).toContain('--osinfo debian13 --import');
    const run = await runInSandbox(c);
    expect(run.setupError).toBeUndefined();
    expect(run.lines[0]?.out).toBe(
      "Warning: Permanently added 'vm1' (ED25519) to the list of known hosts.\r\nvm1\n",
    );
    const without = await runInSandbox(conformanceCase.parse({ id: 'guest-check', area: 'vm', lines }));
    expect(without.lines[0]?.status).toBe(255);
  });

  it('refuses a guest on the desktop, which has no libvirt', () => {
    const parse = (machine: string) =>
      conformanceCase.safeParse({ id: 'g', area: 'vm', machine, guest: { name: 'vm1' }, lines }).success;
    expect(parse('server')).toBe(true);
    expect(parse('desktop')).toBe(false);
  });
});

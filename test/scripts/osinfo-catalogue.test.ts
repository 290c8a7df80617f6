import { describe, expect, it } from 'vitest';
import { catalogue, mergeRecords, parseOsinfoXml } from '../../scripts/osinfo-catalogue.ts';

const GiB = 1024 ** 3;

/** One osinfo-db file holding one OS. */
function osXml(id: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<libosinfo version="0.0.1">\n  <os id="${id}">\n${body}\n  </os>\n</libosinfo>\n`;
}

const UBUNTU_2204 = osXml(
  'http://ubuntu.com/ubuntu/22.04',
  `<short-id>ubuntu22.04</short-id>
   <short-id>ubuntujammy</short-id>
   <name>Ubuntu 22.04 LTS</name>
   <name xml:lang="ko">우분투 22.04 LTS</name>
   <version>22.04</version>
   <family>linux</family>
   <derives-from id="http://ubuntu.com/ubuntu/21.10"/>
   <resources arch="all">
     <minimum><n-cpus>1</n-cpus><ram>${2 * GiB}</ram><storage>${10 * GiB}</storage></minimum>
     <recommended><ram>${4 * GiB}</ram><storage>${25 * GiB}</storage></recommended>
   </resources>
   <!-- <short-id>commented</short-id> -->
   <media arch="x86_64"><resources arch="all"><minimum><ram>1</ram></minimum></resources></media>`,
);

describe('osinfo-catalogue', () => {
  it("reads an OS's own fields, not its media's or its translations", () => {
    const [record] = parseOsinfoXml(UBUNTU_2204);
    expect(record).toMatchObject({
      shortIds: ['ubuntu22.04', 'ubuntujammy'],
      name: 'Ubuntu 22.04 LTS',
      version: '22.04',
      family: 'linux',
      derivesFrom: ['http://ubuntu.com/ubuntu/21.10'],
      minimum: { all: { 'n-cpus': 1, ram: 2 * GiB, storage: 10 * GiB } },
    });
  });

  it('lists newest first within a name, with virt-install generic among them', () => {
    const records = ['alpinelinux3.9', 'alpinelinux3.19', 'almalinux8', 'win2k22', 'linux2022'].map((id) =>
      parseOsinfoXml(osXml(`http://x/${id}`, `<short-id>${id}</short-id>`)),
    );
    expect(catalogue(records.flat()).map((l) => l.line.split('|')[0])).toEqual([
      'almalinux8',
      'alpinelinux3.19',
      'alpinelinux3.9',
      'generic',
      'linux2022',
      'win2k22',
    ]);
  });

  it('takes the resources of the OS it derives from when told to inherit them', () => {
    const generic = osXml(
      'http://libosinfo.org/linux/2022',
      `<short-id>linux2022</short-id>
       <derives-from id="http://ubuntu.com/ubuntu/22.04"/>
       <resources arch='all' inherit='true'/>`,
    );
    const lines = catalogue([...parseOsinfoXml(UBUNTU_2204), ...parseOsinfoXml(generic)]).map((l) => l.line);
    expect(lines).toContain('linux2022|2048|1|10240|4096||25600');
    expect(lines).toContain('ubuntu22.04,ubuntujammy|2048|1|10240|4096||25600');
  });

  it('merges the files of an OS folder into the OS, keeping odd sizes in bytes', () => {
    const main = osXml(
      'http://microsoft.com/win/10',
      `<short-id>win10</short-id>
       <resources arch="x86_64"><minimum><ram>53687091</ram></minimum></resources>
       <resources arch="all"><minimum><ram>${GiB}</ram><n-cpus>1</n-cpus></minimum></resources>`,
    );
    const drivers = osXml('http://microsoft.com/win/10', '<short-id>win10</short-id>');
    const records = mergeRecords([...parseOsinfoXml(main), ...parseOsinfoXml(drivers)]);
    expect(records).toHaveLength(1);
    // The x86_64 value wins over `all`, as virtinst reads it.
    expect(catalogue(records).map((l) => l.line)).toEqual(['generic||||||', 'win10|53687091B|1||||']);
  });
});

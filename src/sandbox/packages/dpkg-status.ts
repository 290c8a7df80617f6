/** An installed package as /var/lib/dpkg/status records it (the fields `dpkg -l` shows). */
export interface InstalledPackage {
  name: string;
  version: string;
  architecture: string;
  /** The description's first line. */
  synopsis: string;
}

export const DPKG_STATUS = '/var/lib/dpkg/status';

/**
 * /var/lib/dpkg/status with one stanza per package. The sandbox keeps the fields dpkg -l reads;
 * a real status file also has Priority, Section, Maintainer, Depends and the long description.
 */
export function statusText(packages: readonly InstalledPackage[]): string {
  return packages
    .map(
      (p) =>
        `Package: ${p.name}\nStatus: install ok installed\nArchitecture: ${p.architecture}\nVersion: ${p.version}\nDescription: ${p.synopsis}\n`,
    )
    .join('\n');
}

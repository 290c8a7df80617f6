import type { ResourceSnapshot } from '../sandbox/vm/resources.ts';

export interface DashboardLabels {
  host: string;
  memory: string;
  disk: string;
  workloads: string;
  kind: string;
  name: string;
  kernel: string;
  startup: string;
  vm: string;
  container: string;
  images: string;
  shared: string;
  empty: string;
  free: string;
  vmsLegend: string;
  containersLegend: string;
  otherLegend: string;
  booting: string;
  /** `type {n}`: the hypervisor type. */
  hypervisorType: string;
}

/** Bytes as a person reads them: 1.9 GiB, 795 MiB, 12 KiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** A duration: `320 ms`, `19.6 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A bar of labelled parts; every part also says its size in words, so colour is never needed. */
function Bar({
  parts,
  total,
  label,
}: {
  parts: { name: string; bytes: number; kind: string }[];
  total: number;
  label: string;
}) {
  const shown = parts.filter((p) => p.bytes > 0);
  return (
    <figure className="dash-bar">
      <figcaption>{label}</figcaption>
      <div
        className="dash-track"
        role="img"
        aria-label={`${label}: ${shown.map((p) => `${p.name} ${formatBytes(p.bytes)}`).join(', ')}`}
      >
        {shown.map((p) => (
          <span
            key={p.name}
            className={`dash-part dash-${p.kind}`}
            style={{ width: `${Math.max(0.5, (p.bytes / total) * 100)}%` }}
          />
        ))}
      </div>
      <ul className="dash-legend">
        {shown.map((p) => (
          <li key={p.name}>
            <span className={`dash-swatch dash-${p.kind}`} aria-hidden="true" /> {p.name}:{' '}
            {formatBytes(p.bytes)}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** The live comparison: the host's memory and disk, every VM and container, and the image layer stacks. */
export default function Dashboard({
  snapshot,
  labels,
}: {
  snapshot: ResourceSnapshot;
  labels: DashboardLabels;
}) {
  const { host, vms, containers, images, totals } = snapshot;
  const other = Math.max(
    0,
    host.memory.usedBytes - totals.vmMemoryReservedBytes - totals.containerMemoryUsedBytes,
  );
  const slowest = Math.max(
    1,
    ...vms.map((v) => v.boot.durationMs ?? 0),
    ...containers.map((c) => c.startDurationMs),
  );
  const rows = [
    ...vms.map((v) => ({
      key: `vm-${v.name}`,
      kind: `${labels.vm} (${v.hypervisor === 'kvm' ? 'KVM' : 'VirtualBox'}, ${labels.hypervisorType.replace('{n}', String(v.hypervisorType))})`,
      name: v.name,
      kernel: v.kernelRelease,
      memory: v.state === 'running' ? v.memoryReservedBytes : 0,
      disk: v.disk.allocatedBytes,
      start: v.boot.durationMs,
      status:
        v.boot.durationMs === null && v.state === 'running' ? `${labels.booting} (${v.phase})` : v.state,
    })),
    ...containers.map((c) => ({
      key: `ct-${c.id}`,
      kind: labels.container,
      name: c.name,
      kernel: c.kernelRelease,
      memory: c.memoryUsedBytes,
      disk: c.layerBytes.own,
      start: c.startDurationMs,
      status: c.state,
    })),
  ];
  return (
    <div className="lab-dashboard">
      <p className="dash-host">
        <strong>{labels.host}:</strong> {host.hostname} · Linux {host.kernelRelease} · {host.cpus} CPU ·{' '}
        {host.hypervisor === 'kvm' ? 'KVM' : 'VirtualBox'} (
        {labels.hypervisorType.replace('{n}', String(host.hypervisorType))})
      </p>
      <Bar
        label={`${labels.memory} (${formatBytes(host.memory.totalBytes)})`}
        total={host.memory.totalBytes}
        parts={[
          { name: labels.vmsLegend, bytes: totals.vmMemoryReservedBytes, kind: 'vm' },
          { name: labels.containersLegend, bytes: totals.containerMemoryUsedBytes, kind: 'ct' },
          { name: labels.otherLegend, bytes: other, kind: 'other' },
          { name: labels.free, bytes: host.memory.totalBytes - host.memory.usedBytes, kind: 'free' },
        ]}
      />
      <Bar
        label={`${labels.disk} (${formatBytes(host.disk.totalBytes)})`}
        total={host.disk.totalBytes}
        parts={[
          { name: labels.vmsLegend, bytes: totals.vmDiskAllocatedBytes, kind: 'vm' },
          {
            name: labels.containersLegend,
            bytes: totals.imageLayerBytes + totals.containerOwnLayerBytes,
            kind: 'ct',
          },
          {
            name: labels.otherLegend,
            bytes: Math.max(
              0,
              host.disk.usedBytes -
                totals.vmDiskAllocatedBytes -
                totals.imageLayerBytes -
                totals.containerOwnLayerBytes,
            ),
            kind: 'other',
          },
          { name: labels.free, bytes: host.disk.totalBytes - host.disk.usedBytes, kind: 'free' },
        ]}
      />
      <table className="dash-table">
        <caption>{labels.workloads}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.kind}</th>
            <th scope="col">{labels.name}</th>
            <th scope="col">{labels.kernel}</th>
            <th scope="col">{labels.memory}</th>
            <th scope="col">{labels.disk}</th>
            <th scope="col">{labels.startup}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={6}>{labels.empty}</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.kind}</td>
              <td>{r.name}</td>
              <td>{r.kernel}</td>
              <td>{formatBytes(r.memory)}</td>
              <td>{formatBytes(r.disk)}</td>
              <td>
                {r.start === null ? (
                  r.status
                ) : (
                  <span className="dash-time">
                    <span
                      className="dash-time-bar"
                      style={{ width: `${Math.max(1, (r.start / slowest) * 100)}%` }}
                    />
                    {formatDuration(r.start)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {images.length > 0 && (
        <section className="dash-images">
          <h4>{labels.images}</h4>
          {images.map((image) => (
            <details key={image.id}>
              <summary>
                {image.tags[0] ?? image.id.slice(7, 19)} · {formatBytes(image.sizeBytes)} ·{' '}
                {image.layers.length} layers
              </summary>
              <ol>
                {image.layers.map((layer) => (
                  <li key={layer.diffId}>
                    <code>{layer.diffId.slice(7, 19)}</code> {formatBytes(layer.sizeBytes)}
                    {layer.images.length > 1 &&
                      ` · ${labels.shared.replace('{n}', String(layer.images.length))}`}
                  </li>
                ))}
              </ol>
            </details>
          ))}
        </section>
      )}
    </div>
  );
}

// Lambda allots CPU in proportion to memory: 1,769 MB is one full vCPU, less memory a proportional
// share, more memory up to 6 vCPUs at 10,240 MB.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html

export const ONE_VCPU_MB = 1769;
export const MAX_MEMORY_MB = 10_240;
export const MAX_VCPUS = 6;
/** The CFS period every container's quota is a share of (the kernel's default). */
export const CFS_PERIOD_US = 100_000;
// The kernel refuses a quota under 1 ms.
const MIN_QUOTA_US = 1000;

/**
 * vCPUs Lambda gives a function of `memoryMb`: proportional up to 1,769 MB, then rising in a
 * straight line to 6 at 10,240 MB; never more than the host has.
 */
export function vcpusFor(memoryMb: number, hostCores: number): number {
  const mb = Math.min(Math.max(memoryMb, 1), MAX_MEMORY_MB);
  const lambda = mb <= ONE_VCPU_MB ? mb / ONE_VCPU_MB : 1 + ((mb - ONE_VCPU_MB) * (MAX_VCPUS - 1)) / (MAX_MEMORY_MB - ONE_VCPU_MB);
  return Math.min(lambda, Math.max(1, hostCores));
}

/** The CFS quota (µs of CPU per `CFS_PERIOD_US`) that grants `vcpus`. */
export function cfsQuotaUs(vcpus: number, periodUs = CFS_PERIOD_US): number {
  return Math.max(MIN_QUOTA_US, Math.round(vcpus * periodUs));
}

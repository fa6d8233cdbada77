/**
 * What Lambda charges, per architecture and where a region differs, with where the figures come
 * from. zap.json `prices` overrides any of them (a negotiated rate, a region this table lacks).
 */

export const PRICE_NAMES = ['gb_second', 'request_per_million', 'provisioned_gb_second', 'provisioned_duration_gb_second'] as const;
export type PriceName = (typeof PRICE_NAMES)[number];

/** US dollars. */
export interface Prices {
  /** On-demand duration, per GB-second (the first monthly tier). */
  gb_second: number;
  request_per_million: number;
  /** Provisioned concurrency kept ready, per GB-second whether used or not. */
  provisioned_gb_second: number;
  /** Duration of invocations served by provisioned concurrency, per GB-second. */
  provisioned_duration_gb_second: number;
}

export type Architecture = 'x86_64' | 'arm64';

export const PRICES_SOURCE = 'https://aws.amazon.com/lambda/pricing/ (US East (N. Virginia), first duration tier), as of 2026-11';

const BASE: Record<Architecture, Prices> = {
  x86_64: { gb_second: 0.0000166667, request_per_million: 0.2, provisioned_gb_second: 0.0000041667, provisioned_duration_gb_second: 0.0000097222 },
  arm64: { gb_second: 0.0000133334, request_per_million: 0.2, provisioned_gb_second: 0.0000033334, provisioned_duration_gb_second: 0.0000077778 },
};

/**
 * Regions whose on-demand duration costs more than US East (same page, region selector). Their
 * provisioned-concurrency rates differ too and are not in this table: set them in zap.json `prices`.
 */
const REGIONAL_GB_SECOND: Record<string, Record<Architecture, number>> = {
  'af-south-1': { x86_64: 0.0000221, arm64: 0.00001768 },
  'ap-east-1': { x86_64: 0.00002292, arm64: 0.0000183 },
  'eu-south-1': { x86_64: 0.0000195172, arm64: 0.0000156138 },
  'me-south-1': { x86_64: 0.0000206667, arm64: 0.0000165334 },
  'me-central-1': { x86_64: 0.0000206667, arm64: 0.0000165334 },
};

export interface PriceSheet {
  prices: Prices;
  /** One line for output: which table, which region, which zap.json overrides. */
  source: string;
}

export function pricesFor(architecture: string, region: string, overrides: Partial<Record<string, number>> = {}): PriceSheet {
  const arch: Architecture = architecture === 'x86_64' ? 'x86_64' : 'arm64';
  const regional = REGIONAL_GB_SECOND[region]?.[arch];
  const prices: Prices = { ...BASE[arch], ...(regional === undefined ? {} : { gb_second: regional }) };
  const overridden = PRICE_NAMES.filter((k) => typeof overrides[k] === 'number');
  for (const k of overridden) prices[k] = overrides[k]!;
  const table = `AWS list prices for ${arch}${regional === undefined ? '' : ` in ${region}`}, ${PRICES_SOURCE}`;
  const source = overridden.length === PRICE_NAMES.length ? 'zap.json prices' : overridden.length ? `zap.json prices (${overridden.join(', ')}) over ${table}` : table;
  return { prices, source };
}

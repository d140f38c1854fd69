/**
 * Rebuilds the price table from AWS price list offer files: for each region the table prices, every item from
 * its source (price-sources.ts) and every instance type the table lists, one pass over each offer file. `readOffer`
 * supplies the file's rows (downloaded by scripts/refresh-prices.mjs, or read from a directory); the result is
 * validated like the bundled table, so a refresh cannot write a table the estimate would refuse.
 */
import { onDemandPrices, type OfferSelector } from './offer-file.js';
import { instanceSource, PRICE_SOURCES } from './price-sources.js';
import { parsePriceTable, PRICE_ITEMS, type PriceTable } from './price-table.js';

/** The rows of one regional offer file, and a name for messages. */
export type OfferReader = (
  offerCode: string,
  region: string,
) => Promise<{ readonly lines: AsyncIterable<string> | Iterable<string>; readonly file: string }>;

export interface RefreshOptions {
  readonly regions: readonly string[];
  /** Instance types to price, with their vCPUs (kept from the current table). */
  readonly instances: Readonly<Record<string, { readonly vcpus: number }>>;
  /** The descriptions and units of the items (kept from the current table). */
  readonly items: Readonly<Record<string, { readonly unit: string; readonly description: string }>>;
  /** The table's date. */
  readonly date: string;
  readonly source: string;
}

export async function refreshPriceTable(
  readOffer: OfferReader,
  options: RefreshOptions,
): Promise<PriceTable> {
  const prices: Record<string, { unit: string; description: string; regions: Record<string, number> }> = {};
  const instances: Record<string, { vcpus: number; hourly: Record<string, number> }> = {};
  for (const item of PRICE_ITEMS) {
    const known = options.items[item] ?? { unit: item, description: item };
    prices[item] = { unit: known.unit, description: known.description, regions: {} };
  }
  for (const [type, { vcpus }] of Object.entries(options.instances)) instances[type] = { vcpus, hourly: {} };

  for (const region of options.regions) {
    // What each offer file must answer in this region, so each file is read once.
    const wanted = new Map<string, { selector: OfferSelector; store: (price: number) => void }[]>();
    const want = (selector: OfferSelector, store: (price: number) => void) =>
      wanted.set(selector.offerCode, [...(wanted.get(selector.offerCode) ?? []), { selector, store }]);
    for (const item of PRICE_ITEMS)
      want(PRICE_SOURCES[item], (price) => (prices[item]!.regions[region] = price));
    for (const type of Object.keys(options.instances)) {
      const source = instanceSource(type);
      want({ ...source, attributes: { ...source.attributes, regionCode: region } }, (price) => {
        instances[type]!.hourly[region] = price;
      });
    }
    for (const [offerCode, entries] of wanted) {
      const { lines, file } = await readOffer(offerCode, region);
      const found = await onDemandPrices(
        lines,
        entries.map((e) => e.selector),
        file,
      );
      entries.forEach((entry, i) => entry.store(found[i]!));
    }
  }
  return parsePriceTable(
    {
      currency: 'USD',
      date: options.date,
      source: options.source,
      regions: options.regions,
      prices,
      instances,
    },
    'the refreshed price table',
  );
}

/** The regional offer file's address in the Price List Bulk API (CSV form). */
export function offerUrl(offerCode: string, region: string): string {
  return `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/${offerCode}/current/${region}/index.csv`;
}

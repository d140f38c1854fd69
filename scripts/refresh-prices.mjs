// Rebuilds data/prices.json from AWS's public price list (the Price List Bulk API's regional offer files, no
// credentials needed), for the regions and instance types the current table lists.
//
// Usage:
//   node scripts/refresh-prices.mjs                    download the offer files (needs internet access)
//   node scripts/refresh-prices.mjs --offers DIR       read DIR/<offerCode>/<region>.csv instead
//   node scripts/refresh-prices.mjs --region R ...     add a region to the table
// Runs the built code (dist/); build first (`npm run build`). Offer files are large (AmazonEC2's is gigabytes
// per region): each is read as CSV, streamed line by line, never held whole.
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { refreshPriceTable, offerUrl } = await import(join(root, 'dist/cost/refresh.js'));

const args = process.argv.slice(2);
const offersDir = args.includes('--offers') ? args[args.indexOf('--offers') + 1] : undefined;
const extraRegions = args.flatMap((a, i) => (a === '--region' ? [args[i + 1]] : []));
const tableFile = join(root, 'data', 'prices.json');
const current = JSON.parse(readFileSync(tableFile, 'utf8'));
const regions = [...new Set([...current.regions, ...extraRegions])];

async function readOffer(offerCode, region) {
  if (offersDir) {
    const file = join(offersDir, offerCode, `${region}.csv`);
    return { lines: createInterface({ input: createReadStream(file), crlfDelay: Infinity }), file };
  }
  const url = offerUrl(offerCode, region);
  const response = await globalThis.fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return {
    lines: createInterface({ input: Readable.fromWeb(response.body), crlfDelay: Infinity }),
    file: url,
  };
}

try {
  const table = await refreshPriceTable(readOffer, {
    regions,
    instances: current.instances,
    items: current.prices,
    date: new Date().toISOString().slice(0, 10),
    source:
      'AWS price list bulk files (on-demand, Linux, shared tenancy; ' +
      'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json), read by scripts/refresh-prices.mjs',
  });
  writeFileSync(tableFile, `${JSON.stringify(table.data, null, 2)}\n`);
  console.log(`wrote ${tableFile}: ${regions.join(', ')}, dated ${table.date}`);
} catch (error) {
  console.error(`error: ${error.describe ? error.describe() : error.message}`);
  process.exitCode = 2;
}

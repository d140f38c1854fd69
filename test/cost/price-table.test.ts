/** The bundled price table is complete, and a damaged table is refused with the file and the place. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { costAssumptionsSchema } from '../../src/blueprint/cost.js';
import { estimateCost, loadPriceTable, parsePriceTable, PRICE_ITEMS } from '../../src/cost/index.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';
import { InputError, InputErrors } from '../../src/errors.js';

const bundled = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../data/prices.json', import.meta.url)), 'utf8'),
) as Record<string, unknown> & { prices: Record<string, { regions: Record<string, number> }> };

function messages(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return (error instanceof InputErrors ? error.errors : [error]).map((e) => e.describe());
  }
  assert.fail('expected an input error');
}

describe('the price table', () => {
  it('prices every item in every region it lists, with its date and source', () => {
    const table = loadPriceTable();
    assert.deepEqual(table.regions, ['us-east-1', 'eu-west-1', 'us-west-2']);
    assert.match(table.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(table.data.source.length > 0);
    assert.ok(PRICE_ITEMS.length > 30);
    for (const item of PRICE_ITEMS)
      for (const region of table.regions)
        if (table.hasPrice(item, region)) assert.ok(table.unitPrice(item, region).price >= 0);
        // An item without a sourced figure in a region says so, and why, rather than guessing one.
        else
          assert.ok(
            (table.data.prices[item]!.source ?? '').length > 0,
            `${item} says why ${region} has none`,
          );
    const unsourced = PRICE_ITEMS.flatMap((item) =>
      table.regions.filter((region) => !table.hasPrice(item, region)).map((region) => `${item} ${region}`),
    );
    assert.deepEqual(unsourced, ['firehose.ingestionGB eu-west-1']);
    assert.match(table.data.prices['firehose.ingestionGB']!.source!, /EU \(Ireland\) could not be read/);
  });

  it('refuses an item without a figure in a region unless its source says why', () => {
    const damaged = structuredClone(bundled) as unknown as {
      prices: Record<string, { regions: Record<string, number | null>; source?: string }>;
    };
    damaged.prices['kms.keyMonth']!.regions['eu-west-1'] = null;
    assert.deepEqual(
      messages(() => parsePriceTable(damaged, 'prices.json')),
      [
        'prices.json: prices.kms.keyMonth.source: expected a source saying why kms.keyMonth has no price in eu-west-1',
      ],
    );
    damaged.prices['kms.keyMonth']!.source = 'EU (Ireland) not yet read from the price list';
    const table = parsePriceTable(damaged, 'prices.json');
    assert.equal(table.hasPrice('kms.keyMonth', 'eu-west-1'), false);
    // What needs the figure there is unpriced with the reason, never priced at zero, and never a crash.
    const inventory = inventoryFromObjects({
      templates: { app: { Resources: { K: { Type: 'AWS::KMS::Key', Properties: {} } } } },
    });
    const priced = (region: string) =>
      estimateCost(inventory, {
        table,
        assumptions: costAssumptionsSchema.parse({}),
        placement: () => ({ environment: 'prod', region }),
        controls: [],
      }).resources[0]!.outcome;
    assert.deepEqual(priced('eu-west-1'), {
      status: 'unpriced',
      reason: 'the price table has no sourced price for kms.keyMonth in eu-west-1',
    });
    assert.equal(priced('us-east-1').status, 'priced');
  });

  it('refuses a table missing a price, naming the item and region', () => {
    const damaged = structuredClone(bundled);
    delete damaged.prices['kms.keyMonth']!.regions['eu-west-1'];
    assert.deepEqual(
      messages(() => parsePriceTable(damaged, 'prices.json')),
      ['prices.json: prices.kms.keyMonth.regions.eu-west-1: expected a price in eu-west-1'],
    );
  });

  it('refuses a negative price and a date that is not a date', () => {
    const damaged = structuredClone(bundled);
    damaged.prices['eks.clusterHour']!.regions['us-east-1'] = -1;
    damaged.date = 'yesterday';
    const found = messages(() => parsePriceTable(damaged, 'prices.json'));
    assert.equal(found.length, 2);
    assert.ok(found.some((m) => m.startsWith('prices.json: date: expected')));
    assert.ok(
      found.some((m) => m.startsWith('prices.json: prices.eks.clusterHour.regions.us-east-1: expected')),
    );
  });

  it('refuses a file that is not JSON, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vf-prices-'));
    const file = join(dir, 'prices.json');
    writeFileSync(file, '{ not json');
    const [message] = messages(() => loadPriceTable(file));
    assert.match(
      message!,
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: expected a JSON price table`),
    );
  });

  it('refuses a region it does not price', () => {
    const [message] = messages(() => loadPriceTable().assertRegion('sa-east-1'));
    assert.match(
      message!,
      /region sa-east-1 is not in the price table .*priced regions: us-east-1, eu-west-1/,
    );
  });
});

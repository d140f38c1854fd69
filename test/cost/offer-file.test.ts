/**
 * Reading AWS price list bulk files (CSV) on hand-written samples in the documented format: five metadata rows,
 * a header, one row per price dimension, reserved terms and further tiers beside the on-demand first tier.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { csvFields, onDemandPrices } from '../../src/cost/offer-file.js';
import { instanceSource, PRICE_SOURCES } from '../../src/cost/price-sources.js';
import { InputError } from '../../src/errors.js';

const sample = (name: string): string[] =>
  readFileSync(fileURLToPath(new URL(`fixtures/${name}`, import.meta.url)), 'utf8').split('\n');

describe('price list CSV rows', () => {
  it('splits quoted fields with commas and doubled quotes', () => {
    assert.deepEqual(csvFields('"a","b, c","say ""hi""",,"x"'), ['a', 'b, c', 'say "hi"', '', 'x']);
  });
});

describe('on-demand prices from an offer file', () => {
  it("reads an instance type's shared, Linux, on-demand hourly price, not the reserved or dedicated one", async () => {
    const m7i = instanceSource('m7i.large');
    const [price] = await onDemandPrices(
      sample('ec2-us-east-1.csv'),
      [{ ...m7i, attributes: { ...m7i.attributes, regionCode: 'us-east-1' } }],
      'ec2.csv',
    );
    assert.equal(price, 0.1008);
  });

  it('reads several items in one pass, matching usage types after their region prefix', async () => {
    const prices = await onDemandPrices(
      sample('ec2-us-east-1.csv'),
      [
        PRICE_SOURCES['ec2.natGatewayHour'],
        PRICE_SOURCES['ec2.natGatewayDataGB'],
        PRICE_SOURCES['ebs.gp3GBMonth'],
      ],
      'ec2.csv',
    );
    assert.deepEqual(prices, [0.045, 0.045, 0.08]);
  });

  it('takes the first tier of a tiered price and scales per-request prices into the table unit', async () => {
    const prices = await onDemandPrices(
      sample('cloudwatch-tiered.csv'),
      [PRICE_SOURCES['logs.vendedIngestionGB'], PRICE_SOURCES['kms.requestsTenThousand']],
      'cw.csv',
    );
    assert.deepEqual(prices, [0.5, 0.03]);
  });

  it('fails, naming the file, when no product matches', async () => {
    await assert.rejects(
      onDemandPrices(sample('ec2-us-east-1.csv'), [instanceSource('m7i.48xlarge')], 'ec2.csv'),
      (error: unknown) =>
        error instanceof InputError &&
        error.file === 'ec2.csv' &&
        /no on-demand price for AmazonEC2 Compute Instance instanceType=m7i\.48xlarge/.test(error.message),
    );
  });

  it('fails when matching products disagree on the price', async () => {
    const loose = { offerCode: 'AmazonEC2', attributes: { instanceType: 'm7i.large' } };
    await assert.rejects(
      onDemandPrices(sample('ec2-us-east-1.csv'), [loose], 'ec2.csv'),
      /products disagree on the price of AmazonEC2 instanceType=m7i\.large: 0\.1008, 0\.1109; expected one price/,
    );
  });

  it('fails on a row whose price is not a number, naming the row', async () => {
    const lines = sample('ec2-us-east-1.csv').map((l) => l.replace('"0.0450000000"', '"n/a"'));
    await assert.rejects(
      onDemandPrices(lines, [PRICE_SOURCES['ec2.natGatewayHour']], 'ec2.csv'),
      (error: unknown) => error instanceof InputError && error.path === 'row 11',
    );
  });

  it('fails on a file without the columns of a price list', async () => {
    await assert.rejects(
      onDemandPrices(
        ['a', 'b', 'c', 'd', 'e', '"SKU","Price"', '"x","1"'],
        [PRICE_SOURCES['kms.keyMonth']],
        'x.csv',
      ),
      /expected a column TermType/,
    );
  });
});

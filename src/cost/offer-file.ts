/**
 * Reading AWS price list bulk files, CSV format (the Price List Bulk API's `index.csv`): five rows of metadata
 * (format version, disclaimer, publication date, version, offer code), then a header row naming the columns
 * (`SKU`, `TermType`, `StartingRange`, `Unit`, `PricePerUnit`, `Currency`, `Product Family`, `usageType`,
 * `Instance Type`, `Region Code`, …), then one row per price dimension. The CSV form is read, not the JSON one,
 * because it streams row by row: the largest offer (AmazonEC2) is several gigabytes per region, beyond what a
 * JavaScript string holds. Written by hand against that documented format: the AWS SDK's Pricing client queries
 * the API one product at a time and needs credentials, the bulk files need neither.
 */
import { InputError } from '../errors.js';

/** Which products of an offer file hold a price: attribute values (exact, or a pattern) and the family. */
export interface OfferSelector {
  /** The offer code (`AmazonEC2`, `AmazonVPC`, `AmazonCloudWatch`, …). */
  readonly offerCode: string;
  readonly productFamily?: string;
  /**
   * Attribute values by name; names match columns regardless of case and spacing (`instanceType` matches the
   * column `Instance Type`, `usagetype` matches `usageType`).
   */
  readonly attributes: Readonly<Record<string, string | RegExp>>;
  /** Multiplies the offer's unit price into the table's unit (per request → per 10,000 requests). @default 1 */
  readonly scale?: number;
}

const METADATA_ROWS = 5;

/** Column names compared without case, spaces or punctuation (`Pre Installed S/W` = `preInstalledSw`). */
const normalize = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * One CSV row split into fields (RFC 4180 quoting: fields in double quotes, `""` inside for a quote). The price
 * list puts every record on one line, so rows are split line by line.
 */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) throw new Error('an unterminated quoted field');
        value += line.slice(i, quote);
        i = quote + 1;
        if (line[i] !== '"') break;
        value += '"';
        i++;
      }
      fields.push(value);
      if (i < line.length && line[i] !== ',') throw new Error('text after a quoted field');
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

/**
 * The on-demand price of each selector's products, in the table's unit, from one pass over an offer file's
 * rows: the first tier (the dimension starting at 0). Every product a selector matches must agree; none, or two
 * different prices, is an error naming the file, so a refresh never guesses.
 */
export async function onDemandPrices(
  lines: AsyncIterable<string> | Iterable<string>,
  selectors: readonly OfferSelector[],
  file: string,
): Promise<number[]> {
  const found = selectors.map(() => new Set<number>());
  let header: Map<string, number> | undefined;
  let row = 0;
  const column = (name: string): number => {
    const index = header!.get(normalize(name));
    if (index === undefined) throw new InputError(`expected a column ${name}`, file, 'header row');
    return index;
  };
  let wanted:
    { termType: number; start: number; price: number; currency: number; family: number } | undefined;
  for await (const line of lines) {
    row++;
    if (row <= METADATA_ROWS || line.trim() === '') continue;
    let fields: string[];
    try {
      fields = csvFields(line);
    } catch (error) {
      throw new InputError(`expected a CSV row: ${(error as Error).message}`, file, `row ${row}`);
    }
    if (!header) {
      header = new Map(fields.map((name, i) => [normalize(name), i]));
      wanted = {
        termType: column('TermType'),
        start: column('StartingRange'),
        price: column('PricePerUnit'),
        currency: column('Currency'),
        family: column('Product Family'),
      };
      continue;
    }
    const w = wanted!;
    if (fields[w.termType] !== 'OnDemand') continue;
    const start = fields[w.start] ?? '';
    if (start !== '' && Number(start) !== 0) continue;
    selectors.forEach((selector, s) => {
      if (selector.productFamily !== undefined && fields[w.family] !== selector.productFamily) return;
      for (const [name, value] of Object.entries(selector.attributes)) {
        const index = header!.get(normalize(name));
        const cell = index === undefined ? undefined : fields[index];
        if (cell === undefined) return;
        if (typeof value === 'string' ? cell !== value : !value.test(cell)) return;
      }
      const price = Number(fields[w.price]);
      if (fields[w.currency] !== 'USD' || fields[w.price] === '' || !Number.isFinite(price) || price < 0)
        throw new InputError('expected a price in USD (a decimal number)', file, `row ${row}`);
      // toPrecision drops the binary noise of scaling (0.000001 × 100000): the table keeps decimal prices.
      found[s]!.add(Number((price * (selector.scale ?? 1)).toPrecision(10)));
    });
  }
  if (!header) throw new InputError('expected an AWS price list CSV file: no header row', file);
  return selectors.map((selector, s) => {
    const prices = [...found[s]!];
    const described = `${selector.offerCode}${selector.productFamily ? ` ${selector.productFamily}` : ''} ${Object.entries(
      selector.attributes,
    )
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ')}`;
    if (prices.length === 0) throw new InputError(`no on-demand price for ${described}`, file);
    if (prices.length > 1)
      throw new InputError(
        `products disagree on the price of ${described}: ${prices.join(', ')}; expected one price`,
        file,
      );
    return prices[0]!;
  });
}

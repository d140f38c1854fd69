export {
  estimateCost,
  mergeEstimates,
  round,
  type EstimateOptions,
  type StackPlacement,
} from './estimate.js';
export { formatCostText } from './format-text.js';
export { loadPriceTable, parsePriceTable, PriceTable, PRICE_ITEMS, type PriceItem } from './price-table.js';
export { priceResource, PRICED_TYPES, FREE_TYPES, type PricingContext } from './resource-prices.js';
export type * from './types.js';

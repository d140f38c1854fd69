/** cdk-nag findings folded into the report. Implemented by the AWS controls work. */
import type { Inventory } from '../../inventory/model.js';
import type { Finding } from '../../report/model.js';

export async function nagFindings(_inventory: Inventory): Promise<Finding[]> {
  return [];
}

/** What a cost estimate says: the priced lines of each resource, per environment and per control. */

/** One priced quantity: `quantity × unitPrice = monthly`. */
export interface CostLine {
  /** The price table item (`ec2.natGatewayHour`) or instance type (`ec2.instance:m7i.large`). */
  readonly item: string;
  readonly description: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPrice: number;
  readonly monthly: number;
}

/** A resource's monthly cost, or why it has none in the estimate. */
export type CostOutcome =
  | { readonly status: 'priced'; readonly monthly: number; readonly lines: readonly CostLine[] }
  /** The resource itself carries no charge (what it configures is priced on another resource). */
  | { readonly status: 'free'; readonly reason: string }
  /** Not counted, and never counted as free: the table has no price for it, or the input leaves it open. */
  | { readonly status: 'unpriced'; readonly reason: string };

export interface ResourceCost {
  /** Inventory key: `Stack/LogicalId` or `namespace/name`. */
  readonly id: string;
  readonly type: string;
  readonly environment: string;
  readonly region: string;
  readonly outcome: CostOutcome;
}

/** The sum over a set of resources; unpriced resources are listed, never added as zero. */
export interface CostTotal {
  readonly monthly: number;
  /** Ids of the resources in the set that the estimate could not price. */
  readonly unpriced: readonly string[];
}

export interface EnvironmentCost extends CostTotal {
  readonly name: string;
  readonly region: string;
}

export interface ControlCost extends CostTotal {
  readonly ruleId: string;
  /** The priced resources the control is about (its resource types, in the input). */
  readonly resources: readonly string[];
}

export interface CostEstimate {
  readonly currency: 'USD';
  readonly priceTable: {
    readonly date: string;
    readonly source: string;
    readonly regions: readonly string[];
  };
  /** Usage assumed per month, with what each one means. */
  readonly assumptions: readonly {
    readonly name: string;
    readonly value: number;
    readonly description: string;
  }[];
  readonly resources: readonly ResourceCost[];
  readonly environments: readonly EnvironmentCost[];
  readonly controls: readonly ControlCost[];
  readonly total: CostTotal;
}

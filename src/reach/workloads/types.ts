/** What `reach list` and `reach eval` answer with: connections between workloads and address ranges. */
import type { ConnectionSet, Protocol } from '../engine/connection-set.js';

/** A pod owner (Kubernetes) or a component with security groups (CloudFormation). */
export interface Workload {
  /** `<namespace>/<name>[<Kind>]`; for CloudFormation `<stack>/<logical id>[<Kind>]`. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
}

/** The allowed (and the undetermined) connections from one endpoint to another. */
export interface Connection {
  /** A workload id, or an address range `<first>-<last>[External]`. */
  readonly from: string;
  readonly to: string;
  readonly allowed: ConnectionSet;
  /** Connections whose verdict the input does not determine; empty for a determined pair. */
  readonly unknown: ConnectionSet;
  /** Why `unknown` is not empty (first reason per layer). */
  readonly reasons: readonly string[];
}

export interface ConnectionList {
  /** Pairs whose every connection is determined and at least one allowed, sorted. */
  readonly connections: readonly Connection[];
  /** Pairs with connections the input does not determine, sorted. */
  readonly unknown: readonly Connection[];
}

export interface Query {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** The verdict of one layer (a policy direction, a security group, a route…) for one connection. */
export interface LayerVerdict {
  readonly layer: string;
  readonly verdict: 'allowed' | 'denied' | 'unknown';
  /** The rule that admits or blocks it, or what the verdict depends on. */
  readonly rule: string;
}

export interface Evaluation {
  readonly query: Query;
  readonly from: string;
  readonly to: string;
  readonly verdict: 'allowed' | 'denied' | 'unknown';
  /** Every layer's verdict, in the order the connection crosses them. */
  readonly layers: readonly LayerVerdict[];
}

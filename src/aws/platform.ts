/**
 * The whole platform as one construct for an existing CDK app: `new WeaviatePlatform(app, 'Weaviate',
 * { blueprint })` adds the stacks `vectorfort synth` builds (the main stack and, where the blueprint asks for
 * them, the us-east-1 edge stack and the backup replica stack), with the same acknowledgements, retention
 * choices and cdk-nag packs, so `vectorfort verify cdk.out` judges the user's assembly exactly as ours.
 *
 * A team whose VPC comes from a landing zone passes it as CDK references (`existingVpc`): subnets chosen per
 * tier by any `ec2.SubnetSelection`, by id (`SubnetFilter.byIds`) or by tag (`Vpc.fromLookup` with
 * `subnetGroupNameTag`, then `subnetGroupName`). Their ids, ranges and zones become the blueprint's
 * `network.existingVpc`, so the flow spec, the NetworkPolicies and the verifier see the same subnets.
 */
import { Aspects, Stage, Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import {
  EXISTING_VPC_TIERS,
  replicaRegionOf,
  resolvedAvailabilityZones,
  validateBlueprint,
  type Blueprint,
  type ExistingSubnet,
  type ExistingVpcTier,
} from '../blueprint/index.js';
import { acknowledgementTermsOf, applyAcknowledgementTerms } from './acknowledgement-terms.js';
import { VectorfortBackupReplicaStack } from './backup-replica/replica-stack.js';
import { needsEdgeStack, VectorfortEdgeStack } from './edge/edge-stack.js';
import { ValidationError } from './errors.js';
import { addNagPacks } from './nag.js';
import type { ExistingVpcNetwork } from './network.js';
import { AcknowledgeChosenRetention } from './private/chosen-retention.js';
import { stackNameOf, VectorfortStack } from './stack.js';

/** An existing VPC given as CDK references (see WeaviatePlatformProps.existingVpc). */
export interface ExistingVpcSelection {
  /**
   * The VPC: `ec2.Vpc.fromLookup(…)` (subnets by tag with `subnetGroupNameTag`) or `ec2.Vpc.fromVpcAttributes`
   * with its `vpcCidrBlock`. Its id, range and subnets must be known at synthesis (no tokens).
   */
  readonly vpc: ec2.IVpc;
  /**
   * The subnets of each tier. Every selected subnet needs its range and zone (a looked-up VPC has them; with
   * `ec2.Subnet.fromSubnetAttributes` give `ipv4CidrBlock` and `availabilityZone`).
   */
  readonly subnets: {
    /**
     * Subnets routed to an internet gateway, for an internet-facing load balancer.
     * @default - none: only a blueprint with `exposure: private` or an internal scheme needs none
     */
    readonly public?: ec2.SubnetSelection;
    /** Private subnets with NAT egress: the kubectl handler, the notifier, Client VPN associations. */
    readonly application: ec2.SubnetSelection;
    /** Subnets without a route to the internet: both node groups. */
    readonly data: ec2.SubnetSelection;
    /** Subnets for the interface endpoints and the EKS control plane's interfaces. */
    readonly endpoints: ec2.SubnetSelection;
  };
  /**
   * Why the team accepts this VPC's routes, network ACLs and gateways unverified (at least ten characters).
   * The verifier's unknowns that only these subnets leave open are acknowledged with it; they stay unknown.
   * @default - not acknowledged: those unknowns keep `vectorfort verify` from passing
   */
  readonly acknowledgement?: string;
}

export interface WeaviatePlatformProps {
  /**
   * The blueprint: a parsed one (`loadBlueprint(file).blueprint`) or the settings as an object (as in the YAML
   * file). Validated here; an invalid one throws an `InputError` naming the path and what was expected.
   */
  readonly blueprint: Blueprint | Record<string, unknown>;
  /**
   * Deploy into this VPC instead of building one. Cannot be combined with the blueprint's own
   * `network.existingVpc`.
   * @default - the blueprint's `network.existingVpc`, or a new VPC when that is unset
   */
  readonly existingVpc?: ExistingVpcSelection;
  /**
   * Register cdk-nag's AwsSolutions and NIST 800-53 rev 5 packs on the enclosing app or stage, as
   * `vectorfort synth` does (their findings go to `cdk.out/validation-report.json`). Turn it off when the app
   * registers the packs itself.
   * @default true
   */
  readonly nag?: boolean;
  /**
   * When the app is synthesized: the acknowledgements the constructs write expire the blueprint's review
   * period after it. Injected, never read from the clock here.
   * @default - no computed expiry: acknowledgements carry the blueprint's `acknowledgements.expires` if set
   */
  readonly synthesizedAt?: Date;
}

export class WeaviatePlatform extends Construct {
  /** The validated blueprint the stacks were built from (with `network.existingVpc` filled from the props). */
  readonly blueprint: Blueprint;
  /**
   * The main stack (`vectorfort-<name>`); undefined only while a VPC lookup is pending (the CDK CLI then looks
   * it up and synthesizes again).
   */
  readonly stack?: VectorfortStack;
  /** The us-east-1 companion stack, for `exposure: cloudfront` outside us-east-1. */
  readonly edgeStack?: VectorfortEdgeStack;
  /** The replica-region companion stack, unless `backup.replicaRegion: none`. */
  readonly backupReplicaStack?: VectorfortBackupReplicaStack;

  constructor(scope: Construct, id: string, props: WeaviatePlatformProps) {
    super(scope, id);
    const stage = Stage.of(this);
    if (!stage)
      throw new ValidationError(
        'platform-outside-app',
        'WeaviatePlatform must be created inside a CDK App or Stage (its stacks need one)',
        this,
      );
    const source = `${this.node.path} (WeaviatePlatform props.blueprint)`;
    const given = validateBlueprint(props.blueprint, source);
    // The constructs are built and verified under CDK's recommended feature flags, whatever the enclosing app
    // chose; with the blueprint's zones seeded the stacks look nothing up. Context set here reaches only this
    // subtree, and only before it has children.
    const { account, region } = given.environment;
    for (const [flag, value] of Object.entries(cxapi.CURRENTLY_RECOMMENDED_FLAGS))
      this.node.setContext(flag, value);
    this.node.setContext(
      `availability-zones:account=${account}:region=${region}`,
      resolvedAvailabilityZones(given),
    );
    if (props.existingVpc && given.network.existingVpc)
      throw new ValidationError(
        'existing-vpc-given-twice',
        'the blueprint sets network.existingVpc and the props set existingVpc: give the VPC once',
        this,
      );
    const selected = props.existingVpc && selectExistingVpc(this, props.existingVpc);
    if (selected === 'pending-lookup') {
      this.blueprint = given;
      return;
    }
    const bp = selected
      ? validateBlueprint(withExistingVpc(given, props.existingVpc!, selected), source)
      : given;
    this.blueprint = bp;

    const stackName = stackNameOf(bp);
    this.edgeStack = needsEdgeStack(bp)
      ? new VectorfortEdgeStack(this, `${stackName}-edge`, { blueprint: bp, stackName: `${stackName}-edge` })
      : undefined;
    this.backupReplicaStack = replicaRegionOf(bp)
      ? new VectorfortBackupReplicaStack(this, `${stackName}-backup-replica`, {
          blueprint: bp,
          stackName: `${stackName}-backup-replica`,
        })
      : undefined;
    this.stack = new VectorfortStack(this, stackName, {
      blueprint: bp,
      stackName,
      edgeStack: this.edgeStack,
      backupReplicaStack: this.backupReplicaStack,
      existingVpc: selected?.network,
    });
    Aspects.of(this).add(new AcknowledgeChosenRetention(bp.preset));
    if (props.nag ?? true) addNagPacks(stage);
    applyAcknowledgementTerms(this, acknowledgementTermsOf(bp, props.synthesizedAt));
  }
}

interface SelectedVpc {
  readonly network: ExistingVpcNetwork;
  readonly subnets: Record<ExistingVpcTier, ExistingSubnet[]>;
  readonly vpcCidr: string;
}

/** The selected subnets with their ids, ranges and zones, or 'pending-lookup' before the CDK CLI's lookup. */
function selectExistingVpc(scope: Construct, given: ExistingVpcSelection): SelectedVpc | 'pending-lookup' {
  const vpc = given.vpc;
  const selections = Object.fromEntries(
    EXISTING_VPC_TIERS.map((tier) => {
      const selection = given.subnets[tier];
      return [tier, selection ? vpc.selectSubnets(selection) : undefined];
    }),
  ) as Record<ExistingVpcTier, ec2.SelectedSubnets | undefined>;
  if (Object.values(selections).some((s) => s?.isPendingLookup)) return 'pending-lookup';
  concrete(scope, vpc.vpcId, 'existingVpc.vpc.vpcId');
  const vpcCidr = concrete(
    scope,
    attribute(scope, () => vpc.vpcCidrBlock, 'existingVpc.vpc'),
    'vpcCidrBlock',
  );
  const subnets = {} as Record<ExistingVpcTier, ExistingSubnet[]>;
  const references = {} as Record<ExistingVpcTier, ec2.ISubnet[]>;
  for (const tier of EXISTING_VPC_TIERS) {
    const chosen = selections[tier]?.subnets ?? [];
    references[tier] = [...chosen];
    subnets[tier] = chosen.map((s, i) => {
      const at = `existingVpc.subnets.${tier}[${i}]`;
      return {
        id: concrete(scope, s.subnetId, `${at}.subnetId`),
        cidr: concrete(
          scope,
          attribute(scope, () => s.ipv4CidrBlock, at),
          `${at}.ipv4CidrBlock`,
        ),
        availabilityZone: concrete(
          scope,
          attribute(scope, () => s.availabilityZone, at),
          `${at}.availabilityZone`,
        ),
      };
    });
  }
  return { network: { vpc, subnets: references }, subnets, vpcCidr };
}

/** A subnet or VPC attribute CDK refuses to give (an import without it) as our typed error. */
function attribute(scope: Construct, read: () => string, at: string): string {
  try {
    return read();
  } catch (error) {
    throw new ValidationError(
      'existing-vpc-attribute-missing',
      `${at}: ${error instanceof Error ? error.message : String(error)}`,
      scope,
    );
  }
}

function concrete(scope: Construct, value: string, at: string): string {
  if (Token.isUnresolved(value))
    throw new ValidationError(
      'existing-vpc-not-concrete',
      `${at} is only known at deploy time; the subnet plan, the NetworkPolicies and the verifier need it at synthesis: import the VPC with ec2.Vpc.fromLookup or give literal ids, ranges and zones`,
      scope,
    );
  return value;
}

/** The blueprint with the selected VPC as its `network.existingVpc`. */
function withExistingVpc(bp: Blueprint, given: ExistingVpcSelection, selected: SelectedVpc): Blueprint {
  return {
    ...bp,
    network: {
      ...bp.network,
      vpcCidr: selected.vpcCidr,
      existingVpc: {
        vpcId: given.vpc.vpcId,
        subnets: selected.subnets,
        ...(given.acknowledgement !== undefined ? { acknowledgement: given.acknowledgement } : {}),
      },
    },
  };
}

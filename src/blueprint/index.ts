export * from './schema.js';
export {
  loadBlueprint,
  parseBlueprint,
  readBlueprintText,
  validateBlueprint,
  formatPath,
  placeholdersOf,
  type LoadedBlueprint,
} from './load.js';
export { PRESET_DEFAULTS, PLACEHOLDERS } from './presets.js';
export { BLUEPRINT_RULES, resolvedAvailabilityZones } from './rules.js';
export { parseCidr, cidrsOverlap } from './cidr.js';
export { costAssumptionsSchema, type CostAssumptions } from './cost.js';
export { environmentsOf, type EnvironmentBlueprint } from './environments.js';
export { REPLICA_REGION_PAIRS, replicaRegionOf } from './replica-region.js';
export {
  EXISTING_VPC_TIERS,
  existingSubnetsOf,
  type ExistingSubnet,
  type ExistingVpc,
  type ExistingVpcTier,
} from './existing-vpc.js';
export {
  latticeSchema,
  grantsOf,
  ACCESS_GRANTS,
  LATTICE_METHODS,
  WEAVIATE_GRPC_SERVICE_PATH,
  type LatticeConsumer,
  type LatticeGrant,
  type LatticeSettings,
} from './lattice.js';
export { grafanaInstalled, grafanaIssuer, grafanaIssuerCidrs } from './grafana-rules.js';
export { grafanaSchema, type GrafanaConfig, type GrafanaOidc } from './grafana.js';
export { limitAsInputError } from './limit-error.js';
export { TAG_TEXT } from './formats.js';

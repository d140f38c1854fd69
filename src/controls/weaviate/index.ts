/** The weaviate controls, in id order. Each control lives in its own file in this directory. */
import type { Control } from '../types.js';
import { control as anonymousAccessDisabled } from './anonymous-access-disabled.js';
import { control as apiKeysFromSecret } from './api-keys-from-secret.js';
import { control as authenticationEnabled } from './authentication-enabled.js';
import { control as authorizationModel } from './authorization-model.js';
import { control as backups } from './backups.js';
import { control as backupSchedule } from './backup-schedule.js';
import { control as disruptionBudget } from './disruption-budget.js';
import { control as metricsEnabled } from './metrics-enabled.js';
import { control as profilingDisabled } from './profiling-disabled.js';
import { control as replicas } from './replicas.js';
import { control as restoreDrill } from './restore-drill.js';
import { control as telemetryDisabled } from './telemetry-disabled.js';
import { control as zoneSpread } from './zone-spread.js';

export const controls: readonly Control[] = [
  anonymousAccessDisabled,
  authenticationEnabled,
  authorizationModel,
  apiKeysFromSecret,
  replicas,
  zoneSpread,
  disruptionBudget,
  backups,
  metricsEnabled,
  profilingDisabled,
  telemetryDisabled,
  backupSchedule,
  restoreDrill,
];

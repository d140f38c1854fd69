/** The detection controls, in id order. Each control lives in its own file in this directory. */
import type { Control } from '../types.js';
import { control as cloudTrail } from './cloudtrail.js';
import { control as configRules } from './config-rules.js';
import { control as eventRouting } from './event-routing.js';
import { control as guardDuty } from './guardduty.js';
import { control as alertRouting } from './alert-routing.js';
import { control as inspector } from './inspector.js';
import { control as containerLogs } from './container-logs.js';
import { control as grafanaExposure } from './grafana-exposure.js';

export const controls: readonly Control[] = [
  cloudTrail,
  guardDuty,
  configRules,
  eventRouting,
  alertRouting,
  inspector,
  containerLogs,
  grafanaExposure,
];

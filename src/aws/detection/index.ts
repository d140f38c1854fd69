/** Detection: CloudTrail, GuardDuty, Config, Security Hub, EventBridge rules. Implemented by the edge work. */
import type { Alerting } from '../alerting.js';
import type { VectorfortStack } from '../stack.js';

export function addDetection(_stack: VectorfortStack, _alerting: Alerting | undefined): void {}

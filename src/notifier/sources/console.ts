/**
 * Links into the AWS console, per service, so a message leads straight to the finding, rule or alarm. The host
 * comes from the region only when it is an AWS region (sources/region.ts); otherwise there is no link at all.
 */
import { partitionOf } from './region.js';

/** encodeURIComponent that cannot throw: a lone surrogate (not well-formed UTF-16) becomes U+FFFD first. */
function encode(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/gu, '\ufffd'));
}

function consoleBase(region: string, service: string): string | undefined {
  const partition = partitionOf(region);
  return partition && `${partition.consoleOrigin(region)}/${service}/home?region=${region}`;
}

export function guardDutyFindingUrl(region: string, findingId: string): string | undefined {
  const base = consoleBase(region, 'guardduty');
  return base && `${base}#/findings?macros=current&fId=${encode(findingId)}`;
}

export function securityHubFindingUrl(region: string, findingId: string): string | undefined {
  const base = consoleBase(region, 'securityhub');
  const filter = `Id=\\operator\\:EQUALS\\:${findingId}`;
  return base && `${base}#/findings?search=${encode(filter)}`;
}

export function configRuleUrl(region: string, ruleName: string): string | undefined {
  const base = consoleBase(region, 'config');
  return base && `${base}#/rules/details?configRuleName=${encode(ruleName)}`;
}

export function alarmUrl(region: string, alarmName: string): string | undefined {
  const base = consoleBase(region, 'cloudwatch');
  return base && `${base}#alarmsV2:alarm/${encode(alarmName)}`;
}

/** Hosts whose pages a Security Hub finding may recommend: AWS documentation and the console. */
const TRUSTED_REMEDIATION_HOST = /^(?:docs\.aws\.amazon\.com|[a-z0-9-]+\.console\.aws\.amazon\.com)$/;

/** A remediation link worth rendering as a link: https, on an AWS documentation or console host. */
export function trustedRemediationUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return undefined;
  return TRUSTED_REMEDIATION_HOST.test(url.hostname) ? url.href : undefined;
}

/** Links into the AWS console, per service, so a message leads straight to the finding, rule or alarm. */

function consoleBase(region: string, service: string): string {
  // The console lives under the aws.amazon.com domain in the commercial partition; China and GovCloud use
  // their own domains.
  if (region.startsWith('cn-')) return `https://console.amazonaws.cn/${service}/home?region=${region}`;
  if (region.startsWith('us-gov-'))
    return `https://console.amazonaws-us-gov.com/${service}/home?region=${region}`;
  return `https://${region}.console.aws.amazon.com/${service}/home?region=${region}`;
}

export function guardDutyFindingUrl(region: string, findingId: string): string {
  return `${consoleBase(region, 'guardduty')}#/findings?macros=current&fId=${encodeURIComponent(findingId)}`;
}

export function securityHubFindingUrl(region: string, findingId: string): string {
  const filter = `Id=\\operator\\:EQUALS\\:${findingId}`;
  return `${consoleBase(region, 'securityhub')}#/findings?search=${encodeURIComponent(filter)}`;
}

export function configRuleUrl(region: string, ruleName: string): string {
  return `${consoleBase(region, 'config')}#/rules/details?configRuleName=${encodeURIComponent(ruleName)}`;
}

export function alarmUrl(region: string, alarmName: string): string {
  return `${consoleBase(region, 'cloudwatch')}#alarmsV2:alarm/${encodeURIComponent(alarmName)}`;
}

/** FSBP WAF.11, refined: web ACLs log their decisions, with the Authorization header redacted. */
import type { Inventory } from '../../inventory/model.js';
import {
  identifies,
  isObject,
  isUnknownValue,
  listOf,
  prop,
  resourcesOfType,
  result,
  stringOf,
} from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EDGE-006',
  area: 'edge',
  title: 'Web ACLs log their decisions with the Authorization header redacted',
  severity: 'medium',
  rationale:
    'Without WAF logs an attack leaves no trace of who was blocked and why. Weaviate clients send API keys and OIDC tokens in the Authorization header; logging it unredacted copies credentials into a log group many people can read.',
  remediation:
    'Add an AWS::WAFv2::LoggingConfiguration for the web ACL (destination: a log group named aws-waf-logs-…) with RedactedFields [{SingleHeader: {Name: authorization}}].',
  references: [
    'https://docs.aws.amazon.com/waf/latest/developerguide/logging.html',
    'https://docs.aws.amazon.com/waf/latest/developerguide/logging-management.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/waf-controls.html#waf-11',
  ],
  frameworks: {
    'aws-fsbp': ['WAF.11'],
    'nist-csf-2.0': ['PR.PS-04', 'DE.CM-01'],
    'iso-27001-2022': ['A.8.15'],
    soc2: ['CC7.2'],
  },
  appliesTo: ['AWS::WAFv2::WebACL', 'AWS::WAFv2::LoggingConfiguration'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const configs = resourcesOfType(inventory, 'AWS::WAFv2::LoggingConfiguration');
    return resourcesOfType(inventory, 'AWS::WAFv2::WebACL').map((acl) => {
      const matches = configs.map((c) => [c, identifies(prop(c, 'ResourceArn'), acl)] as const);
      const logging = matches.find(([, hit]) => hit === true)?.[0];
      if (!logging) {
        const undetermined = matches.find(([, hit]) => isUnknownValue(hit));
        return undetermined
          ? result(
              acl,
              'unknown',
              `${undetermined[0].logicalId} may log this web ACL; its ResourceArn is not determined`,
            )
          : result(acl, 'fail', 'no logging configuration names this web ACL');
      }
      const fields = listOf(prop(logging, 'RedactedFields'), 'RedactedFields');
      if (isUnknownValue(fields)) return result(acl, 'unknown', `RedactedFields: ${fields.reason}`);
      const redacted = (fields ?? []).some((f) => {
        if (!isObject(f) || !isObject(f.SingleHeader)) return false;
        const name = stringOf(f.SingleHeader.Name, 'Name');
        return typeof name === 'string' && name.toLowerCase() === 'authorization';
      });
      return redacted
        ? result(acl, 'pass', `logged by ${logging.logicalId} with the Authorization header redacted`)
        : result(
            acl,
            'fail',
            `${logging.logicalId} logs the Authorization header (API keys, tokens) unredacted`,
          );
    });
  },
};

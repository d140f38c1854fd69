/**
 * Security groups with their inline rules (`AWS::EC2::SecurityGroup`), and the rules added by standalone
 * `AWS::EC2::SecurityGroupIngress` and `AWS::EC2::SecurityGroupEgress` resources.
 */
import { TAG_COMPONENT } from '../../../contract/keys.js';
import type { CfnResource } from '../../../inventory/model.js';
import type { SecurityGroupModel, SgRule } from '../model.js';
import { cidrRange } from '../net.js';
import type { AwsBuildContext } from './context.js';
import { sgRule } from './security-group-rules.js';
import { tagsOf } from './tags.js';
import { list, target } from './values.js';

/** An all-protocols rule to every IPv4 address, as EC2 and EKS create them. */
export function allowAllEgress(source: string): SgRule {
  return {
    direction: 'egress',
    protocol: 'all',
    fromPort: 0,
    toPort: 65535,
    peer: { kind: 'cidr', range: cidrRange('0.0.0.0/0')!, text: '0.0.0.0/0' },
    source,
  };
}

export function addSecurityGroup(r: CfnResource, context: AwsBuildContext): void {
  const tags = tagsOf(r);
  const sg: SecurityGroupModel = {
    key: r.key,
    name: tags.Name ?? r.logicalId,
    component: tags[TAG_COMPONENT],
    rules: [],
  };
  for (const rule of list(r.properties.SecurityGroupIngress))
    sg.rules.push(sgRule(context, rule, 'ingress', r.key));
  // Without SecurityGroupEgress a group allows all outbound traffic (the EC2 default).
  if (r.properties.SecurityGroupEgress === undefined)
    sg.rules.push(allowAllEgress(`${r.key} (default allow-all egress)`));
  for (const rule of list(r.properties.SecurityGroupEgress))
    sg.rules.push(sgRule(context, rule, 'egress', r.key));
  context.model.securityGroups.set(r.key, sg);
}

export const addIngressRule = standaloneRule('ingress');
export const addEgressRule = standaloneRule('egress');

function standaloneRule(direction: 'ingress' | 'egress') {
  return (r: CfnResource, context: AwsBuildContext): void => {
    const group = target(r.properties.GroupId);
    const sg = group ? context.model.securityGroups.get(group) : undefined;
    if (!sg) {
      context.model.notes.push(`${r.key} adds a rule to a security group that is not in the input`);
      return;
    }
    sg.rules.push(sgRule(context, r.properties, direction, r.key));
  };
}

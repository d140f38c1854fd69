/**
 * The edge, access and detection controls on synthesized stacks: what vectorfort generates passes them, what a
 * blueprint switches off is reported, and missing account-level services are unknown, never a pass.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { controls as access } from '../../src/controls/access/index.js';
import { controls as detection } from '../../src/controls/detection/index.js';
import { controls as edge } from '../../src/controls/edge/index.js';
import { plainHttpOnlyRedirects } from '../../src/controls/edge/load-balancers.js';
import type { ControlResult } from '../../src/controls/types.js';
import { FLOW_SPEC_METADATA_KEY, type FlowSpec } from '../../src/flows/index.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';
import { synth, type CfnTemplate } from './synth-helper.js';

const example = (name: string) =>
  parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const CONTROLS = [...edge, ...access, ...detection];

function evaluate(json: CfnTemplate): Map<string, ControlResult[]> {
  const inventory = inventoryFromObjects({ templates: { S: json as unknown as Record<string, unknown> } });
  const flowSpec = json.Metadata?.[FLOW_SPEC_METADATA_KEY] as FlowSpec | undefined;
  return new Map(CONTROLS.map((c) => [c.id, c.check(inventory, { flowSpec, now: new Date('2026-11-22') })]));
}
const statuses = (results: Map<string, ControlResult[]>, id: string) => results.get(id)!.map((r) => r.status);

describe('edge, access and detection controls on synthesized stacks', () => {
  for (const [name, input] of [
    ['examples/public-alb.yaml', example('public-alb.yaml')],
    ['examples/cloudfront.yaml', example('cloudfront.yaml')],
    ['the default blueprint', {}],
  ] as const) {
    it(`passes every control except the routing of findings on ${name}`, () => {
      const results = evaluate(synth(input).json);
      for (const [id, list] of results) {
        if (id === 'VF-DETECTION-004') continue;
        for (const r of list)
          assert.ok(
            ['pass', 'not-applicable'].includes(r.status),
            `${id} ${r.resource.id}: ${r.status}: ${r.message}`,
          );
      }
      // Findings are routed only when the alert topics exist; without them the control says so.
      assert.ok(
        statuses(results, 'VF-DETECTION-004').every(
          (s) => s === (synth(input).result.stack.alerting ? 'pass' : 'fail'),
        ),
      );
    });
  }

  it('evaluates the private default with no edge resources at all', () => {
    const results = evaluate(synth().json);
    for (const id of ['VF-EDGE-001', 'VF-EDGE-002', 'VF-EDGE-004', 'VF-EDGE-005', 'VF-EDGE-006'])
      assert.deepEqual(results.get(id), [], id);
    assert.deepEqual(statuses(results, 'VF-ACCESS-003'), ['pass', 'pass']);
  });

  it('tells whether an open port 80 serves only the redirect to HTTPS', () => {
    const json = synth(example('public-alb.yaml')).json;
    const lbOf = (t: CfnTemplate) => {
      const inventory = inventoryFromObjects({ templates: { S: t as unknown as Record<string, unknown> } });
      return [
        inventory,
        inventory.cfn.find((r) => r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')!,
      ] as const;
    };
    assert.equal(plainHttpOnlyRedirects(...lbOf(json)), true);
    const forwarding = structuredClone(json);
    for (const r of Object.values(forwarding.Resources))
      if (r.Type === 'AWS::ElasticLoadBalancingV2::Listener' && r.Properties?.Protocol === 'HTTP')
        r.Properties.DefaultActions = [{ Type: 'forward', TargetGroupArn: 'arn:tg' }];
    assert.equal(plainHttpOnlyRedirects(...lbOf(forwarding)), false);
  });

  it('reports account-level services that are switched off as unknown on the cluster, never as a pass', () => {
    const { json: template } = synth({
      detection: {
        cloudTrail: { enabled: false, providedBy: 'the organisation trail' },
        guardDuty: { enabled: false, providedBy: 'the delegated administrator' },
        config: { enabled: false, providedBy: 'the landing zone recorder' },
      },
    });
    const off = evaluate(template);
    const cluster = Object.values(template.Resources).find((r) => r.Type === 'AWS::EKS::Cluster')!;
    const acknowledged = (
      cluster.Metadata as { vectorfort?: { acknowledge?: Record<string, { reason: string }> } }
    ).vectorfort?.acknowledge;
    for (const id of ['VF-DETECTION-001', 'VF-DETECTION-002', 'VF-DETECTION-003']) {
      assert.deepEqual(statuses(off, id), ['unknown'], id);
      assert.equal(off.get(id)![0]!.resource.type, 'AWS::EKS::Cluster');
      // The blueprint names who provides each service: the unknown is acknowledged with it, not turned into a pass.
      assert.match(acknowledged?.[id]?.reason ?? '', /provided outside these templates, by the /, id);
    }
  });
});

/** VF-EDGE-001 names the listener (with its port) and the policy in every message. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { control } from '../../src/controls/edge/tls-policy.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';

const listener = (props: Record<string, unknown>) => ({
  Type: 'AWS::ElasticLoadBalancingV2::Listener',
  Properties: { LoadBalancerArn: 'arn:lb', Protocol: 'HTTPS', Port: 443, DefaultActions: [], ...props },
});

describe('VF-EDGE-001 messages', () => {
  const inventory = inventoryFromObjects({
    templates: {
      App: {
        Resources: {
          Legacy: listener({ SslPolicy: 'ELBSecurityPolicy-2016-08' }),
          Unset: listener({ Port: 8443 }),
          Modern: listener({ SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' }),
        },
      },
    },
  });
  const results = new Map(control.check(inventory, { now: new Date() }).map((r) => [r.resource.id, r]));

  it('names the failing listener, its port and its policy', () => {
    const r = results.get('App/Legacy')!;
    assert.equal(r.status, 'fail');
    assert.equal(
      r.message,
      'HTTPS listener App/Legacy on port 443 uses ELBSecurityPolicy-2016-08, which allows TLS below 1.2 or suites without forward secrecy',
    );
    assert.equal(r.resource.path, 'Resources.Legacy.Properties.SslPolicy');
  });

  it('names the listener and the default policy it falls back to when SslPolicy is unset', () => {
    const r = results.get('App/Unset')!;
    assert.equal(r.status, 'fail');
    assert.equal(
      r.message,
      'HTTPS listener App/Unset on port 8443 sets no SslPolicy, so it uses ELBSecurityPolicy-2016-08 (TLS 1.0, RSA key exchange)',
    );
  });

  it('names the listener and policy on a pass too', () => {
    assert.equal(
      results.get('App/Modern')!.message,
      'HTTPS listener App/Modern on port 443 uses ELBSecurityPolicy-TLS13-1-2-Res-2021-06: TLS 1.2+ with forward secrecy only',
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notifier } from '../../../src/flows/capabilities/notifier.js';
import { contextFor, flowSections } from './helpers.js';

describe('capability: notifier', () => {
  it('reaches the interface endpoints and, through NAT, the webhooks on 443', () => {
    const parts = notifier(contextFor());
    assert.deepEqual(
      parts.components.map((c) => [c.id, c.tier, c.awsTag]),
      [['notifier', 'application', 'notifier']],
    );
    assert.deepEqual(flowSections(parts), {
      alerting: [
        'notifier-to-aws-endpoints-aws-apis 443/tcp security-group+network-acl',
        'notifier-to-internet-webhooks 443/tcp security-group+network-acl',
      ],
    });
  });

  it('contributes nothing when alerting is off', () => {
    const parts = notifier(contextFor({ detection: { alerting: { enabled: false } } }));
    assert.deepEqual([parts.components, parts.flows, parts.denials], [[], {}, []]);
  });
});

/** `reach list` and `eval` on CloudFormation: security-group-attached components through every AWS layer. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inventoryFromObjects } from '../../../src/inventory/index.js';
import {
  evaluateConnection,
  formatConnections,
  listConnections,
} from '../../../src/reach/workloads/index.js';
import { NetworkBuilder } from '../engine/builder.js';

const lines = (net: NetworkBuilder) =>
  listConnections(inventoryFromObjects({ templates: { Stack: net.template() } })).connections.map(
    (c) => `${c.from} => ${c.to} : ${formatConnections(c.allowed)}`,
  );

describe('reach list on CloudFormation', () => {
  it('lists the ports both security groups admit between two instances, merged per pair', () => {
    const net = new NetworkBuilder()
      .subnet('A', '10.0.1.0/24')
      .subnet('B', '10.0.2.0/24')
      .sg('AppSg', {
        egress: [
          { port: 8080, sg: 'WebSg' },
          { from: 9000, to: 9100, sg: 'WebSg' },
        ],
      })
      .sg('WebSg', { ingress: [{ from: 8000, to: 9050, sg: 'AppSg' }] })
      .instance('App', 'A', ['AppSg'])
      .instance('Web', 'B', ['WebSg']);
    assert.deepEqual(lines(net), ['Stack/App[Instance] => Stack/Web[Instance] : TCP 8080,9000-9050']);
  });

  it('lists the internet only where a route, a public address and the groups all allow it', () => {
    const net = new NetworkBuilder()
      .subnet('Public', '10.0.1.0/24', { internet: true })
      .subnet('Private', '10.0.2.0/24')
      .sg('OpenSg', { ingress: [{ port: 443, cidr: '0.0.0.0/0' }] })
      .instance('Exposed', 'Public', ['OpenSg'], true)
      .instance('Hidden', 'Private', ['OpenSg']);
    assert.deepEqual(lines(net), ['0.0.0.0-255.255.255.255[External] => Stack/Exposed[Instance] : TCP 443']);
    const inv = inventoryFromObjects({ templates: { Stack: net.template() } });
    const denied = evaluateConnection(inv, {
      from: '8.8.8.8',
      to: 'Stack/Hidden',
      port: 443,
      protocol: 'TCP',
    });
    assert.equal(denied.verdict, 'denied');
    assert.match(denied.layers.map((l) => l.rule).join('\n'), /no internet gateway route/);
    const allowed = evaluateConnection(inv, {
      from: '8.8.8.8',
      to: 'Stack/Exposed',
      port: 443,
      protocol: 'TCP',
    });
    assert.equal(allowed.verdict, 'allowed');
    assert.ok(allowed.layers.length > 0);
    assert.ok(allowed.layers.every((l) => l.verdict === 'allowed'));
  });
});

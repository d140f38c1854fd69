/** Each renderer carries an intended flow's protection in transit: kind, who ends it and whether it was proved. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderReport } from '../../src/report/format/index.js';
import { SAMPLE_REPORT } from './sample-report.js';

describe('protection in transit in the reports', () => {
  const protectedFlows = SAMPLE_REPORT.flows.filter((f) => f.protection);

  it('has a flow with a declared protection to show', () => {
    assert.equal(protectedFlows.length, 1);
  });

  it('JSON keeps the protection of the flow', () => {
    const json = JSON.parse(renderReport(SAMPLE_REPORT, 'json')) as {
      flows: { from: string; to: string; protection?: { kind: string; verdict: string } }[];
    };
    const flow = json.flows.find((f) => f.from === 'ingress-gateway' && f.to === 'weaviate');
    assert.deepEqual(
      { kind: flow?.protection?.kind, verdict: flow?.protection?.verdict },
      { kind: 'mtls', verdict: 'proved' },
    );
  });

  it('text names the kind and the verdict on the flow line', () => {
    const text = renderReport(SAMPLE_REPORT, 'text');
    const line = text.split('\n').find((l) => l.includes('ingress-gateway -> weaviate:8080/tcp'));
    assert.ok(line, 'the flow is listed');
    assert.match(line, /\[mtls proved\]/);
  });

  it('HTML shows it in the matrix cell and the flows table', () => {
    const html = renderReport(SAMPLE_REPORT, 'html');
    assert.match(
      html,
      /<td class="ok" title="8080\/tcp allowed mTLS \(ended by istio-sidecar\): proved">8080 mTLS<\/td>/,
    );
    assert.match(html, /<th>Protection<\/th>/);
    assert.match(
      html,
      /mTLS \(ended by istio-sidecar\): proved <span class="meta">\(STRICT PeerAuthentication weaviate\/default/,
    );
  });
});

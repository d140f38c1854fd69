/**
 * A weakening the blueprint names shows up in the report: the controls it breaks are acknowledged with a reason
 * that names the option (never silently passed), and the claims it breaks are narrowed to what still holds,
 * which the prover then checks. The default blueprint acknowledges none of them.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { OPTIONS_ALONE } from './blueprints.js';
import { synthAndVerifyInput, type SynthVerifyOutcome } from './synth-verify.js';

/** Each weakening: the option it sets and the vectorfort controls it acknowledges, with their status. */
const WEAKENINGS: Readonly<Record<string, { option: string; acknowledges: readonly string[] }>> = {
  'mesh off': {
    option: 'mesh.enabled: false',
    acknowledges: ['VF-MESH-001 fail', 'VF-MESH-003 fail', 'VF-MESH-004 fail'],
  },
  'public images with data-tier internet egress': {
    option: 'network.allowDataTierInternetEgress',
    acknowledges: ['VF-NETWORK-004 fail'],
  },
  // Weaviate's OIDC fetches the issuer's keys from the internet: the same weakening, with nothing else opened.
  'OIDC with RBAC groups': {
    option: 'network.allowDataTierInternetEgress',
    acknowledges: ['VF-NETWORK-004 fail'],
  },
  'public API endpoint': { option: 'cluster.allowPublicEndpoint', acknowledges: ['VF-EKS-001 fail'] },
  'pod instance metadata': {
    option: 'cluster.allowPodInstanceMetadata',
    acknowledges: ['VF-EKS-011 fail', 'VF-EKS-016 fail'],
  },
  'alerting off': {
    option: 'detection.alerting.enabled: false',
    acknowledges: ['VF-DETECTION-004 fail', 'VF-DATA-022 fail'],
  },
  'log collection off': {
    option: 'logs.collection.enabled: false',
    acknowledges: ['VF-DETECTION-007 fail'],
  },
  'detection services off': {
    option: '.enabled: false',
    acknowledges: ['VF-DETECTION-001 unknown', 'VF-DETECTION-002 unknown', 'VF-DETECTION-003 unknown'],
  },
};

/** The distinct `<control> <status>` pairs of the acknowledged vectorfort findings. */
function acknowledgedControls(outcome: SynthVerifyOutcome): string[] {
  const ours = outcome.acknowledged.filter((f) => f.ruleId.startsWith('VF-') && WATCHED.has(f.ruleId));
  return [...new Set(ours.map((f) => `${f.ruleId} ${f.status}`))].sort();
}

const WATCHED = new Set(
  Object.values(WEAKENINGS).flatMap((w) => w.acknowledges.map((a) => a.split(' ')[0]!)),
);

describe('matrix: weakenings are reported, not hidden', () => {
  let defaults: SynthVerifyOutcome;
  before(async () => {
    defaults = await synthAndVerifyInput({}, 'default.yaml');
  });

  it('the default blueprint acknowledges none of the controls a weakening breaks', () => {
    assert.ok(defaults.flows.length > 0);
    assert.deepEqual(acknowledgedControls(defaults), []);
  });

  for (const [name, { option, acknowledges }] of Object.entries(WEAKENINGS))
    it(`${name}: acknowledges ${acknowledges.join(', ')} naming ${option}`, async () => {
      const input = OPTIONS_ALONE[name];
      assert.ok(input, `the matrix has the option "${name}"`);
      const outcome = await synthAndVerifyInput(input, `${name}.yaml`);
      assert.deepEqual(acknowledgedControls(outcome), [...acknowledges].sort());
      const reasons = outcome.acknowledged
        .filter((f) => WATCHED.has(f.ruleId))
        .map((f) => f.acknowledged!.reason);
      assert.ok(reasons.length > 0);
      for (const reason of reasons) assert.match(reason, new RegExp(option.replace(/[.*]/g, '\\$&')));
    });

  it('public API endpoint: every address outside the allow-list is proved unable to reach the API', async () => {
    const outcome = await synthAndVerifyInput(OPTIONS_ALONE['public API endpoint']!, 'public-api.yaml');
    const outside = ['eks-api-public-clients', 'internet-except-eks-api-clients'];
    const toApi = outcome.flows.filter((f) => f.to === 'eks-api' && outside.includes(f.from));
    assert.deepEqual(toApi.map((f) => `${f.from}:${f.port} ${f.expected}/${f.verdict}`).sort(), [
      'eks-api-public-clients:443 allowed/allowed',
      'internet-except-eks-api-clients:22 denied/denied',
      'internet-except-eks-api-clients:443 denied/denied',
      'internet-except-eks-api-clients:53 denied/denied',
      'internet-except-eks-api-clients:80 denied/denied',
    ]);
  });

  it('detection services off: the unknowns stay unknown, acknowledged with who provides each service', async () => {
    const outcome = await synthAndVerifyInput(OPTIONS_ALONE['detection services off']!, 'detection.yaml');
    const unknowns = outcome.acknowledged.filter((f) => f.status === 'unknown');
    assert.equal(unknowns.length, 3);
    assert.match(
      unknowns.find((f) => f.ruleId === 'VF-DETECTION-001')!.acknowledged!.reason,
      /management account/,
    );
    assert.equal(outcome.unknown.length, 0);
    assert.equal(outcome.verdict, 'pass');
  });
});

/**
 * The EC2 storage and metadata controls on small crafted templates: EBS volumes, launch configuration and
 * instance block device mappings, and IMDSv1 on a launch configuration no group in the input uses. Each
 * finding points at the attribute, says what is wrong, and states the AWS default it does not count on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ASSUMPTIONS } from '../../src/controls/assumptions.js';
import { evaluateControls } from '../../src/controls/evaluate.js';
import { CONTROLS } from '../../src/controls/registry.js';
import type { Finding } from '../../src/findings/index.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';
import { instance, launchConfiguration } from './fixtures/eks/node-builders.js';
import type { Resources } from './fixtures/eks/template.js';

function findings(resources: Resources): Finding[] {
  const inventory = inventoryFromObjects({ templates: { App: { Resources: resources } } });
  return evaluateControls(inventory, CONTROLS, { now: new Date('2026-11-22T00:00:00Z') });
}

function one(all: Finding[], ruleId: string, resource: string): Finding {
  const found = all.filter((f) => f.ruleId === ruleId && f.resource.id === `App/${resource}`);
  assert.equal(found.length, 1, `${ruleId} on ${resource}: ${found.length} findings`);
  return found[0]!;
}

describe('EBS encryption outside launch templates', () => {
  const all = findings({
    Volume: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'eu-west-1a', Size: 10 } },
    Lc: launchConfiguration({
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: false } }],
    }),
    Host: instance({ BlockDeviceMappings: [{ DeviceName: '/dev/xvdb', Ebs: { VolumeSize: 20 } }] }),
  });

  it('fails a volume without Encrypted at its Encrypted attribute, stating the account default it does not count on', () => {
    const f = one(all, 'VF-DATA-019', 'Volume');
    assert.equal(f.status, 'fail');
    assert.equal(f.resource.path, 'Resources.Volume.Properties.Encrypted');
    assert.match(
      f.message,
      /^Encrypted is not set: the volume is encrypted only if the account encrypts new volumes by default/,
    );
    assert.deepEqual(f.assumptions, [ASSUMPTIONS.ebsDefaultEncryption]);
    assert.deepEqual(f.frameworks['aws-fsbp'], ['EC2.3']);
  });

  it('fails a launch configuration mapping that is explicitly unencrypted, naming the device', () => {
    const f = one(all, 'VF-EKS-020', 'Lc');
    assert.equal(f.status, 'fail');
    assert.equal(f.message, '/dev/xvda is explicitly unencrypted');
    assert.equal(f.resource.path, 'Resources.Lc.Properties.BlockDeviceMappings');
  });

  it("fails an instance's data volume not marked Encrypted", () => {
    const f = one(all, 'VF-EKS-021', 'Host');
    assert.equal(f.status, 'fail');
    assert.equal(f.message, '/dev/xvdb is not marked Encrypted');
    assert.equal(f.resource.path, 'Resources.Host.Properties.BlockDeviceMappings');
    assert.deepEqual(f.assumptions, [ASSUMPTIONS.ebsDefaultEncryption]);
  });
});

describe('IMDSv1 on a standalone launch configuration', () => {
  const all = findings({
    Open: launchConfiguration(),
    Optional: launchConfiguration({ MetadataOptions: { HttpTokens: 'optional' } }),
  });

  it('fails a configuration no group uses when HttpTokens is omitted, stating that the AMI would decide', () => {
    const f = one(all, 'VF-EKS-019', 'Open');
    assert.equal(f.status, 'fail');
    assert.equal(f.resource.path, 'Resources.Open.Properties.MetadataOptions.HttpTokens');
    assert.equal(f.message, 'HttpTokens is not set: IMDSv1 stays available unless the AMI says otherwise');
    assert.deepEqual(f.assumptions, [ASSUMPTIONS.imdsAmiDefault]);
    assert.deepEqual(f.frameworks['aws-fsbp'], ['AutoScaling.3', 'EC2.8']);
  });

  it('fails HttpTokens optional without an assumption: the template says so itself', () => {
    const f = one(all, 'VF-EKS-019', 'Optional');
    assert.equal(f.message, 'HttpTokens is optional: IMDSv1 is available');
    assert.equal(f.assumptions, undefined);
  });
});

describe('S3 defaults stated on the findings that rely on them', () => {
  const all = findings({ Bucket: { Type: 'AWS::S3::Bucket', Properties: {} } });

  it('passes block public access on the April 2023 default, saying so', () => {
    const f = one(all, 'VF-DATA-002', 'Bucket');
    assert.equal(f.status, 'pass');
    assert.deepEqual(f.assumptions, [ASSUMPTIONS.s3BlockPublicAccess]);
    assert.match(f.assumptions![0]!, /since April 2023/);
  });

  it('fails KMS encryption and states the SSE-S3 default of January 2023', () => {
    const f = one(all, 'VF-DATA-001', 'Bucket');
    assert.equal(f.status, 'fail');
    assert.deepEqual(f.assumptions, [ASSUMPTIONS.s3DefaultEncryption]);
    assert.match(f.assumptions![0]!, /SSE-S3 .* since January 2023/);
  });
});

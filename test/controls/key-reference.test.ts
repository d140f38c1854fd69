/**
 * Which KMS key a property names: AWS managed keys in every spelling (with or without `alias/`, inside an alias
 * ARN, behind a `Fn::Sub`), customer keys the input defines, and keys the input cannot settle, which are unknown.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyReference } from '../../src/controls/data/key-reference.js';
import { control as secretCmk } from '../../src/controls/data/secret-cmk.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';
import { getAtt, ref, type Resources } from './fixtures/eks/template.js';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

function inventory(resources: Resources) {
  return inventoryFromObjects({
    templates: { App: { Parameters: { KeyParam: { Type: 'String' } }, Resources: resources } },
  });
}

const key = { Type: 'AWS::KMS::Key', Properties: {} };
const alias = {
  Type: 'AWS::KMS::Alias',
  Properties: { AliasName: 'alias/weaviate', TargetKeyId: ref('Key') },
};
const secretWith = (kmsKeyId: unknown) => ({
  Type: 'AWS::SecretsManager::Secret',
  Properties: { KmsKeyId: kmsKeyId },
});

function classify(kmsKeyId: unknown) {
  const inv = inventory({ Key: key, Alias: alias, S: secretWith(kmsKeyId) });
  return keyReference(inv, inv.cfn.find((r) => r.logicalId === 'S')!.properties.KmsKeyId);
}

describe('KMS key references', () => {
  it('knows AWS managed keys by their alias in every spelling', () => {
    for (const spelling of [
      'aws/secretsmanager',
      'alias/aws/secretsmanager',
      'arn:aws:kms:eu-west-1:111111111111:alias/aws/secretsmanager',
      { 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/secretsmanager' },
    ])
      assert.equal(classify(spelling).kind, 'aws-managed', JSON.stringify(spelling));
  });

  it('knows customer keys the input defines: a reference, an ARN around one, an alias it creates, a multi-Region key', () => {
    for (const spelling of [
      ref('Key'),
      getAtt('Key', 'Arn'),
      { 'Fn::Join': ['', ['arn:aws:kms:eu-west-1:111111111111:key/', ref('Key')]] },
      ref('Alias'),
      'alias/weaviate',
      'arn:aws:kms:eu-west-1:111111111111:alias/weaviate',
      'mrk-1234abcd12ab34cd56ef1234567890ab',
    ])
      assert.equal(classify(spelling).kind, 'customer', JSON.stringify(spelling));
  });

  it('is undetermined for a key id, key ARN or alias the input does not define, and for a parameter', () => {
    const id = classify(KEY_ID);
    assert.equal(id.kind, 'undetermined');
    assert.match(
      (id as { reason: string }).reason,
      /does not tell a customer-managed key from an AWS managed one/,
    );
    assert.equal(classify(`arn:aws:kms:eu-west-1:111111111111:key/${KEY_ID}`).kind, 'undetermined');
    const foreignAlias = classify('alias/other-team');
    assert.equal(foreignAlias.kind, 'undetermined');
    assert.match((foreignAlias as { reason: string }).reason, /not an alias the input defines/);
    assert.equal(classify(ref('KeyParam')).kind, 'undetermined');
  });

  it('is nothing for an omitted or empty property', () => {
    assert.equal(classify(undefined).kind, 'none');
    assert.equal(classify('').kind, 'none');
  });
});

describe('VF-DATA-012 with the AWS managed key written without alias/', () => {
  it('fails at KmsKeyId and names the key; an undefined key is unknown with the reason', () => {
    const inv = inventory({
      Key: key,
      Bare: secretWith('aws/secretsmanager'),
      Foreign: secretWith(`arn:aws:kms:eu-west-1:111111111111:key/${KEY_ID}`),
    });
    const results = new Map(secretCmk.check(inv, { now: new Date() }).map((r) => [r.resource.id, r]));
    assert.equal(results.get('App/Bare')?.status, 'fail');
    assert.equal(results.get('App/Bare')?.message, '"aws/secretsmanager" is the AWS-managed key');
    assert.equal(results.get('App/Bare')?.resource.path, 'Resources.Bare.Properties.KmsKeyId');
    assert.equal(results.get('App/Foreign')?.status, 'unknown');
    assert.match(
      results.get('App/Foreign')!.message,
      /^KmsKeyId: .*key\/1234abcd.* is a key the input does not define/,
    );
  });
});

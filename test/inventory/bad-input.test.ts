/** Bad input is refused with an InputError naming the file, the place in it and the reason; never a crash. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../../src/errors.js';
import { Unknown, getPath, loadInventory } from '../../src/inventory/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-inventory-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

async function refused(paths: string[], expected: RegExp, where?: { path?: string; line?: number }) {
  const error = await loadInventory(paths).then(
    () => assert.fail(`expected ${paths.join(', ')} to be refused`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
  assert.match(error.describe(), expected);
  assert.ok(error.file, 'the error names the file');
  if (where?.path !== undefined) assert.equal(error.path, where.path);
  if (where?.line !== undefined) assert.equal(error.position?.line, where.line);
  return error;
}

const VALID = JSON.stringify({
  Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } },
});

describe('loadInventory: bad input', () => {
  it('refuses a missing path', async () => {
    const error = await refused(
      [join(dir, 'nope.json')],
      /nope\.json: cannot read the input \(no such file or directory\)/,
    );
    assert.equal(error.file, join(dir, 'nope.json'));
  });

  it('refuses no paths at all', async () => {
    await assert.rejects(loadInventory([]), InputError);
  });

  it('refuses empty and whitespace-only files', async () => {
    await refused([write('empty.json', '')], /empty\.json: the file is empty/);
    await refused([write('blank.yaml', '  \n\n')], /blank\.yaml: the file is empty/);
  });

  it('refuses binary files and files that are not UTF-8', async () => {
    await refused(
      [write('binary.json', Buffer.from([0x7b, 0x00, 0x7d]))],
      /binary\.json: the file is binary/,
    );
    await refused(
      [write('latin1.yaml', Buffer.from('kind: caf\xe9\n', 'latin1'))],
      /latin1\.yaml: the file is not valid UTF-8/,
    );
  });

  it('refuses truncated JSON with the position where it ends', async () => {
    const text = VALID.slice(0, 40);
    await refused([write('truncated.json', text)], /truncated\.json:1:\d+: invalid JSON/);
  });

  it('refuses invalid YAML with line and column', async () => {
    const error = await refused(
      [write('broken.yaml', 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n   Properties: [\n')],
      /broken\.yaml:\d+:\d+: invalid YAML/,
    );
    assert.ok(error.position && error.position.line >= 3);
  });

  it('refuses duplicate keys in YAML', async () => {
    await refused(
      [write('dup.yaml', 'Resources:\n  A:\n    Type: X\n  A:\n    Type: Y\n')],
      /dup\.yaml:4:\d+: invalid YAML/,
    );
  });

  it('refuses wrongly typed templates, naming the path and line', async () => {
    await refused([write('list.json', '{\n  "Resources": [1, 2]\n}')], /Resources to be a mapping/, {
      path: 'Resources',
      line: 2,
    });
    await refused(
      [write('notype.yaml', 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n  Bucket:\n    Properties: {}\n')],
      /notype\.yaml:4: Resources\.Bucket: expected Type to be a string/,
      { path: 'Resources.Bucket', line: 4 },
    );
    await refused(
      [write('props.json', '{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": "yes"}}}')],
      /Properties to be a mapping/,
    );
    await refused([write('cond.json', '{"Resources": {}, "Conditions": [1]}')], /Conditions to be a mapping/);
  });

  it('refuses a manifest document that is not a Kubernetes object, naming the document', async () => {
    await refused(
      [
        write(
          'objects.yaml',
          'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n- just\n- a list\n',
        ),
      ],
      /objects\.yaml:5: documents\.1: expected a mapping with apiVersion and kind/,
      { path: 'documents.1', line: 5 },
    );
    await refused(
      [write('noname.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n')],
      /expected metadata\.name to be a string/,
    );
    await refused(
      [
        write(
          'kindless.yaml',
          'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {name: b}\n',
        ),
      ],
      /documents\.1: expected kind to be a string/,
    );
  });

  it('names the field at fault, its line, and what was found there', async () => {
    // An unquoted `y` is a boolean in YAML 1.1, as Kubernetes' own reader has it.
    await refused(
      [write('yes.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: y\n')],
      /yes\.yaml:5: documents\.0\.metadata\.namespace: expected metadata\.namespace to be a string, found the boolean true \(an unquoted y, yes, on, n, no or off is one: quote the value\)/,
      { path: 'documents.0.metadata.namespace', line: 5 },
    );
    await refused(
      [
        write(
          'numbered.yaml',
          'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 7\n',
        ),
      ],
      /numbered\.yaml:8: .*expected metadata\.name to be a string, found the number 7 \(quote the value\)/,
      { path: 'documents.1.metadata.name', line: 8 },
    );
    await refused(
      [write('listed.json', '{"apiVersion": "v1", "kind": "ConfigMap",\n "metadata": ["a"]}\n')],
      /listed\.json:2: documents\.0\.metadata: expected metadata to be a mapping$/,
      { path: 'documents.0.metadata', line: 2 },
    );
    // A field that is missing: its parent, at the parent's line.
    await refused(
      [write('nameless.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n')],
      /nameless\.yaml:3: documents\.0\.metadata: expected metadata\.name to be a string$/,
      { path: 'documents.0.metadata', line: 3 },
    );
    await refused(
      [
        write(
          'kindless2.yaml',
          'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {name: b}\n',
        ),
      ],
      /kindless2\.yaml:5: documents\.1: expected kind to be a string$/,
      { path: 'documents.1', line: 5 },
    );
    // Deeper than the line table goes (a List's item's fields): the item's line.
    await refused(
      [
        write(
          'list-item.yaml',
          'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: [a]\n',
        ),
      ],
      /list-item\.yaml:4: documents\.0\.items\.0\.metadata\.name: expected metadata\.name to be a string, found a list/,
      { path: 'documents.0.items.0.metadata.name', line: 4 },
    );
  });

  it('refuses a named file that is neither a template nor manifests', async () => {
    await refused(
      [write('values.yaml', 'replicas: 3\n')],
      /values\.yaml: expected a CloudFormation template/,
    );
    await refused([write('array.json', '[1, 2, 3]')], /array\.json: expected a CloudFormation template/);
  });

  it('refuses a directory without any recognisable input', async () => {
    write('nothing/readme.txt', 'hello');
    write('nothing/values.yaml', 'a: 1\n');
    await refused([join(dir, 'nothing')], /nothing: the directory holds no cloud assembly/);
  });

  it('refuses a cloud assembly whose template is missing, naming the template', async () => {
    write(
      'assembly/manifest.json',
      JSON.stringify({
        version: '48.0.0',
        artifacts: {
          S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } },
        },
      }),
    );
    await refused(
      [join(dir, 'assembly')],
      /S\.template\.json: cannot read the file \(no such file or directory\)/,
    );
  });

  it('reports a malformed file inside a directory as not checked, and reads the rest', async () => {
    write('mixed/good.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    write('mixed/bad.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: [\n');
    const inventory = await loadInventory([join(dir, 'mixed')]);
    assert.deepEqual(
      inventory.k8s.map((o) => o.name),
      ['a'],
    );
    const gaps = inventory.diagnostics.filter((d) => d.gap === 'malformed');
    assert.equal(gaps.length, 1);
    assert.match(gaps[0]!.location!.file, /bad\.yaml$/);
    assert.match(gaps[0]!.message, /^not checked: .*bad\.yaml:\d+:\d+: invalid YAML/);
    // Named on its own, the same file is invalid input.
    await refused([join(dir, 'mixed', 'bad.yaml')], /bad\.yaml:\d+:\d+: invalid YAML/);
  });
});

describe('loadInventory: hostile but well-formed input', () => {
  it('answers a condition cycle and unresolvable intrinsics with Unknown', async () => {
    const path = write(
      'cycle.yaml',
      [
        'Conditions:',
        '  A: !Condition B',
        '  B: !And [!Condition A, !Equals [1, 1]]',
        'Resources:',
        '  Bucket:',
        '    Type: AWS::S3::Bucket',
        '    Condition: A',
        '    Properties:',
        '      BucketName: !If [B, x, y]',
        '      Other: !Transform {Name: AWS::Include, Parameters: {Location: s3://x}}',
        '      Missing: !GetAtt Nothing.Arn',
        '      SelfRef: !GetAtt Bucket.Arn',
      ].join('\n'),
    );
    const inventory = await loadInventory([path]);
    const bucket = inventory.cfn[0]!;
    assert.ok(bucket.condition instanceof Unknown);
    for (const key of ['BucketName', 'Other', 'Missing'])
      assert.ok(bucket.properties[key] instanceof Unknown, key);
  });

  it("reads a tag that is not CloudFormation's (a preprocessor's) as an undetermined function, never as text", async () => {
    const path = write(
      'preprocessed.yaml',
      [
        'Resources:',
        '  Bucket:',
        '    Type: AWS::S3::Bucket',
        '    Properties:',
        '      BucketName: !Rain::Embed name.txt',
        '      Plain: !!str 0123',
      ].join('\n'),
    );
    const bucket = (await loadInventory([path])).cfn[0]!;
    const name = bucket.properties.BucketName;
    assert.ok(name instanceof Unknown);
    assert.match(name.reason, /Fn::Rain::Embed is not evaluated offline/);
    assert.equal(bucket.properties.Plain, '0123');
  });

  it('expands YAML aliases once (no exponential blow-up)', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    lines.push('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', 'data: {x: *a8}');
    const started = Date.now();
    await loadInventory([write('bomb.yaml', lines.join('\n'))]).catch((e: unknown) =>
      assert.ok(e instanceof InputError),
    );
    assert.ok(Date.now() - started < 5000);
  });

  it('evaluates values nested deeper than the evaluator goes, but within the input limit, as Unknown', async () => {
    const deepValue = '['.repeat(400) + '"leaf"' + ']'.repeat(400);
    const path = write(
      'deep.json',
      `{"Resources": {"R": {"Type": "X::Y::Z", "Properties": {"Deep": ${deepValue}}}}}`,
    );
    const inventory = await loadInventory([path]);
    let deep = inventory.cfn[0]!.properties.Deep;
    while (Array.isArray(deep)) deep = deep[0];
    assert.ok(deep instanceof Unknown);
  });

  it('refuses values nested deeper than the input limit, naming the path', async () => {
    const deepValue = '['.repeat(5000) + '"leaf"' + ']'.repeat(5000);
    const path = write(
      'deeper.json',
      `{"Resources": {"R": {"Type": "X::Y::Z", "Properties": {"Deep": ${deepValue}}}}}`,
    );
    const error = await refused(
      [path],
      /deeper\.json: Resources\.R\.Properties\.Deep\.….0\.0: the document is nested more than 512 levels deep/,
    );
    assert.equal(error.path, 'Resources.R.Properties.Deep.….0.0');
  });

  it('expands Fn::ForEach and reports the transform it cannot expand', async () => {
    const path = write(
      'macros.yaml',
      [
        'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]',
        'Resources:',
        '  Fn::ForEach::Topics:',
        '    - Name',
        '    - [A, B]',
        '    - Topic${Name}: {Type: AWS::SNS::Topic}',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
      ].join('\n'),
    );
    const inventory = await loadInventory([path]);
    assert.deepEqual(
      inventory.cfn.map((r) => r.logicalId),
      ['Fn', 'TopicA', 'TopicB'],
    );
    const warnings = inventory.diagnostics.filter((d) => d.severity === 'warning');
    assert.deepEqual(
      warnings.map((d) => [d.gap, d.location?.path]),
      [['transform', 'Transform.1']],
    );
    assert.match(warnings[0]!.message, /"AWS::Serverless-2016-10-31", which is not expanded offline/);
  });

  it('keeps a key named __proto__ as data', async () => {
    const path = write(
      'proto.json',
      '{"Resources": {"R": {"Type": "X::Y::Z", "Properties": {"__proto__": {"polluted": true}}}}}',
    );
    const inventory = await loadInventory([path]);
    const properties = inventory.cfn[0]!.properties;
    assert.deepEqual(getPath(properties, '__proto__.polluted'), true);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

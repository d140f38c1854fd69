/**
 * `vectorfort verify` runs in CI on pull requests: small crafted inputs must end quickly with exit 2 and a
 * message naming the file, the place in it and what was expected, never hang, crash or read outside the input.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { INPUT_LIMITS } from '../../src/contract/input-limits.js';
import { root, vectorfort } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n';

/** Runs verify and asserts exit 2 within a few seconds, with the message on stderr and nothing else. */
function refused(paths: string[], expected: RegExp): string {
  const started = Date.now();
  const run = vectorfort('verify', ...paths);
  const seconds = (Date.now() - started) / 1000;
  assert.equal(run.status, 2, `exit code (stderr: ${run.stderr.slice(0, 500)})`);
  assert.ok(seconds < 20, `ended after ${seconds} s`);
  assert.match(run.stderr, expected);
  assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
  return run.stderr;
}

function nestedStack(url: string): string {
  return `Resources:\n  Nested:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ${url}\n`;
}

describe('verify: hostile inputs end quickly with exit 2', () => {
  it('refuses a YAML alias bomb by the values its aliases stand for', () => {
    const bomb = join(root, 'test', 'fixtures', 'hostile', 'alias-bomb.yaml');
    refused(
      [bomb],
      /alias-bomb\.yaml:\d+: the file holds more than 5,000,000 values \(aliases counted as copies\)/,
    );
  });

  it('refuses more aliases in one document than the yaml library allows by default', () => {
    const aliases = Array.from({ length: INPUT_LIMITS.maxAliasCount + 1 }, (_, i) => `  k${i}: *a`);
    const path = write('aliases.yaml', ['x: &a 1', 'data:', ...aliases, ''].join('\n'));
    refused([path], /aliases\.yaml:\d+: the document has 101 aliases; at most 100 are read/);
  });

  it('refuses 3,000 nested JSON objects before the cdk-nag stage parses them again', () => {
    const deep = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
    const path = write(
      'deep.json',
      `{"Resources":{"R":{"Type":"AWS::S3::Bucket","Properties":{"X":${deep}}}}}`,
    );
    refused(
      [path],
      /deep\.json: Resources\.R\.Properties\.X\.…\.a\.a: the document is nested more than 512 levels deep/,
    );
  });

  it('refuses deep nesting in one line of flow YAML on the fast path', () => {
    const path = write('flow.yaml', `${NAMESPACE}data: {x: ${'['.repeat(600)}1${']'.repeat(600)}}\n`);
    refused([path], /flow\.yaml:4: data: the document is nested more than 512 levels deep/);
  });

  it('refuses a nested stack whose template is the template itself', () => {
    const path = write('self/template.yaml', nestedStack('./template.yaml'));
    refused(
      [path],
      /template\.yaml:2: Resources\.Nested: the nested stack's template .*template\.yaml nests this template again \(a cycle\)/,
    );
  });

  it('refuses a nested cloud assembly that points at its own directory', () => {
    write(
      'loop/manifest.json',
      JSON.stringify({
        version: '48.0.0',
        artifacts: { Me: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } } },
      }),
    );
    refused(
      [join(dir, 'loop')],
      /manifest\.json: artifacts\.Me\.properties\.directoryName: the nested cloud assembly .* contains this assembly \(a cycle\)/,
    );
  });

  it('refuses a TemplateURL that climbs out of the input to /etc/passwd or /dev/zero', () => {
    const climb = '../'.repeat(40);
    for (const target of ['etc/passwd', 'dev/zero']) {
      const path = write(`climb-${target.replace('/', '-')}/template.yaml`, nestedStack(climb + target));
      refused(
        [path],
        new RegExp(
          `template\\.yaml:2: Resources\\.Nested: the nested stack's template .* resolves to /${target}, outside the input`,
        ),
      );
    }
  });

  it('refuses a symbolic link to /dev/zero inside an input directory without reading it', () => {
    write('zero/ok.yaml', NAMESPACE);
    symlinkSync('/dev/zero', join(dir, 'zero', 'zero.yaml'));
    refused([join(dir, 'zero')], /zero\.yaml: resolves to \/dev\/zero, outside the input/);
  });

  it('refuses a FIFO inside an input directory without waiting for a writer', () => {
    write('fifo/ok.yaml', NAMESPACE);
    execFileSync('mkfifo', [join(dir, 'fifo', 'pipe.yaml')]);
    refused(
      [join(dir, 'fifo')],
      /pipe\.yaml: expected a regular file, found a FIFO \(named pipe\); it is not read/,
    );
  });

  it('refuses a FIFO named as the input', () => {
    execFileSync('mkfifo', [join(dir, 'named-pipe.yaml')]);
    refused(
      [join(dir, 'named-pipe.yaml')],
      /named-pipe\.yaml: expected a regular file or directory, found a FIFO/,
    );
  });

  it('refuses a directory symbolic link to / instead of walking the host', () => {
    write('host/ok.yaml', NAMESPACE);
    symlinkSync('/', join(dir, 'host', 'root'));
    refused([join(dir, 'host')], /root: resolves to \/, outside the input/);
  });

  it('refuses a file larger than the input limit without reading it', () => {
    const path = write('huge.yaml', NAMESPACE);
    truncateSync(path, INPUT_LIMITS.maxFileBytes + 1); // sparse: nothing is written
    refused([path], /huge\.yaml: the file is 67,108,865 bytes; at most 67,108,864 are read/);
  });
});

describe('verify: a file of a directory that cannot be read', () => {
  it('is reported as an unknown finding while the rest of the directory is checked', () => {
    write('partly/empty.yaml', '');
    write('partly/namespace.yaml', NAMESPACE);
    const run = vectorfort('verify', join(dir, 'partly'), '--format', 'json');
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; status: string; message: string; resource: { file?: string } }[];
      inputs: { path: string }[];
    };
    const notRead = report.findings.filter((f) => f.ruleId === 'input-not-read');
    assert.equal(notRead.length, 1);
    assert.equal(notRead[0]!.status, 'unknown');
    assert.match(notRead[0]!.resource.file ?? '', /partly\/empty\.yaml$/);
    assert.match(notRead[0]!.message, /not read: the file is empty; nothing in it is checked/);
    // The namespace beside it was still checked.
    assert.ok(report.findings.some((f) => f.ruleId !== 'input-not-read' && f.status === 'fail'));
    assert.deepEqual(
      report.inputs.map((i) => i.path.endsWith('partly/namespace.yaml')),
      [true],
    );
  });
});

describe('verify: a malformed file of a directory', () => {
  it('is reported as not checked, naming the file and the path, while the rest of the directory is checked', () => {
    // A template that needs a preprocessor (a module as a Type), and a manifest that is not valid YAML.
    write(
      'mixed/module.json',
      JSON.stringify({ Resources: { Storage: { Type: { 'Rain::Module': './bucket.yml' } } } }, null, 2),
    );
    write('mixed/broken.yaml', 'apiVersion: v1\nkind: [Namespace\n');
    write('mixed/namespace.yaml', NAMESPACE);
    const run = vectorfort('verify', join(dir, 'mixed'), '--format', 'json');
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; status: string; message: string; resource: { file?: string } }[];
      inputs: { path: string }[];
    };
    const malformed = report.findings.filter((f) => f.ruleId === 'input-malformed');
    assert.deepEqual(malformed.map((f) => [f.status, f.resource.file?.split('/').pop()]).sort(), [
      ['unknown', 'broken.yaml'],
      ['unknown', 'module.json'],
    ]);
    const module = malformed.find((f) => f.resource.file?.endsWith('module.json'))!;
    assert.match(module.message, /module\.json:\d+: Resources\.Storage: expected Type to be a string/);
    assert.ok(report.findings.some((f) => f.ruleId.startsWith('VF-') && f.status === 'fail'));
    assert.deepEqual(
      report.inputs.map((i) => i.path.split('/').pop()),
      ['namespace.yaml'],
    );
  });

  it('is still invalid input (exit 2) when named on the command line', () => {
    refused(
      [join(dir, 'mixed/module.json')],
      /module\.json:\d+: Resources\.Storage: expected Type to be a string/,
    );
  });
});

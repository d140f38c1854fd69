/**
 * YAML read outside the inventory's readers (the blueprint, the attachment manifest, YAML embedded in templates,
 * objects and live answers) is held to the same input limits: nesting past the depth limit is refused before the
 * `yaml` library composes it (its recursion can overflow the stack, and an overflow while V8 compiles a regular
 * expression aborts the process), aliases past the count or expanding too far are refused, and each refusal is
 * the typed limit error with the path and line, never a crash.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { parseDeployedTemplate, UnreadTemplate } from '../../src/audit/deployed-template.js';
import { parseBlueprint } from '../../src/blueprint/index.js';
import {
  parseBoundedDocuments,
  parseBoundedDocument,
  parseBoundedJson,
  parseBoundedYaml,
  YamlSyntaxError,
} from '../../src/contract/bounded-yaml.js';
import { InputLimitError } from '../../src/contract/input-limits.js';
import { InputError } from '../../src/errors.js';
import { aliasBomb, deeplyNestedJson, deeplyNestedYaml } from '../controls/fixtures/over-limit.js';

const flow = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

/**
 * Runs the library's composer hot on ever deeper text, as a long run can: in that state, composing a few
 * thousand levels with the library alone aborts the whole process (V8 runs out of stack compiling a regular
 * expression), which no exception handler sees.
 */
function warmUp(): void {
  for (const levels of [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1200, 1500])
    parseDocument(flow(levels));
}

function refusedWith(work: () => unknown, pattern: RegExp): InputLimitError {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof InputLimitError, `expected an InputLimitError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return error;
  }
  assert.fail('expected a refusal');
}

describe('YAML and JSON parsed under the input limits', () => {
  it('reads YAML within the limits as the yaml library does', () => {
    assert.deepEqual(parseBoundedYaml('a: &x [1, 2]\nb: *x\nc: yes\n'), { a: [1, 2], b: [1, 2], c: 'yes' });
    assert.ok(Array.isArray(parseBoundedYaml(flow(512))));
  });

  it('refuses nesting past the depth limit before composing, with the path and line, even with the parser hot', () => {
    warmUp();
    for (const levels of [513, 5_000, 100_000]) {
      const error = refusedWith(
        () => parseBoundedYaml(`top:\n  inner: ${flow(levels)}\n`),
        /nested more than 512 levels deep/,
      );
      assert.equal(error.line, 2);
      assert.match(error.path, /^top\.inner\.0\.0\.….0\.0$/);
    }
    for (const levels of [2_000, 3_000, 5_000, 10_000])
      refusedWith(() => parseBoundedYaml(flow(levels)), /nested more than 512 levels deep/);
    refusedWith(() => parseBoundedYaml('- '.repeat(20_000) + 'x'), /nested more than 512 levels deep/);
    refusedWith(() => parseBoundedYaml('['.repeat(50_000)), /nested more than 512 levels deep/);
    refusedWith(
      () => parseBoundedDocuments(`a: 1\n---\nb: ${flow(600)}\n`),
      /nested more than 512 levels deep/,
    );
  });

  it('refuses an alias bomb within the alias count, and more aliases than the count in one document', () => {
    refusedWith(() => parseBoundedYaml(aliasBomb('a: 1')), /the aliases expand too far/);
    const many = `a: &a 1\nb: [${Array(101).fill('*a').join(', ')}]\n`;
    const error = refusedWith(() => parseBoundedYaml(many), /has 101 aliases; at most 100 are read/);
    assert.equal(error.line, 2);
    // The count is per document: a stream of documents each within it is not refused.
    const docs = Array.from({ length: 3 }, () => `a: &a 1\nb: [${Array(60).fill('*a').join(', ')}]\n`);
    assert.doesNotThrow(() => parseBoundedDocuments(docs.join('---\n')));
  });

  it('reports text that is not YAML as a syntax error with its position', () => {
    assert.throws(
      () => parseBoundedYaml('a: [1, 2\nb: 3\n'),
      (e: unknown) => e instanceof YamlSyntaxError && e.line >= 1 && e.column >= 1,
    );
    // Syntax errors stay in the document for callers that report them in their own words.
    assert.ok(parseBoundedDocument('a: "open\n').errors.length > 0);
  });

  it('holds JSON to the depth limit (the built-in parser nests as deep as the text)', () => {
    assert.deepEqual(parseBoundedJson('{"a":[1]}'), { a: [1] });
    refusedWith(() => parseBoundedJson(deeplyNestedJson({ a: 1 })), /nested more than 512 levels deep/);
  });

  it('refuses a blueprint nested past the limit with the file, path and line (exit 2), not a stack overflow', () => {
    warmUp();
    assert.throws(
      () => parseBlueprint(deeplyNestedYaml('name: demo', 5_000), 'deep.yaml'),
      (e: unknown) =>
        e instanceof InputError &&
        /^deep\.yaml:2: deep\.0\.0\.0\.….0\.0: the document is nested more than 512 levels deep$/.test(
          e.describe(),
        ),
    );
    assert.throws(
      () => parseBlueprint(aliasBomb('name: demo'), 'bomb.yaml'),
      (e: unknown) => e instanceof InputError && /^bomb\.yaml: the aliases expand too far/.test(e.describe()),
    );
  });

  it('turns a deployed template past the limits into a reason, never a template or a crash', () => {
    const deep = parseDeployedTemplate(deeplyNestedYaml('Resources: {}', 5_000));
    assert.ok(deep instanceof UnreadTemplate);
    assert.match(deep.reason, /nested more than 512 levels deep at deep\.0/);
    const bomb = parseDeployedTemplate(aliasBomb('Resources: {}'));
    assert.ok(bomb instanceof UnreadTemplate);
    assert.match(bomb.reason, /the aliases expand too far/);
    const json = parseDeployedTemplate(deeplyNestedJson({ Resources: {} }));
    assert.ok(json instanceof UnreadTemplate);
    assert.deepEqual(parseDeployedTemplate('{"Resources":{}}'), { Resources: {} });
  });
});

/**
 * YAML files a command reads besides its inputs (the attachment manifest, the blueprint that `grant` edits) are
 * held to the input limits: an alias bomb or nesting past the depth limit ends the command with exit 2 and a
 * message naming the file and the place, quickly, with no stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { aliasBomb, deeplyNestedYaml } from '../controls/fixtures/over-limit.js';
import { refused, root } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-hostile-yaml-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const MANIFEST = join(root, 'test', 'fixtures', 'inputs', 'manifests', 'app.yaml');
const ATTACHMENTS = 'attachments:\n  - requirement: soc2/CC7.4\n    file: drill.txt\n    date: 2026-11-20\n';

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('YAML files read by commands, past the input limits', () => {
  it('refuses an attachment manifest with an alias bomb or nested too deeply (exit 2)', () => {
    refused(
      [
        'evidence',
        MANIFEST,
        '--out',
        join(dir, 'b1'),
        '--attachments',
        file('bomb.yaml', aliasBomb(ATTACHMENTS)),
      ],
      /bomb\.yaml: the aliases expand too far/,
    );
    refused(
      [
        'evidence',
        MANIFEST,
        '--out',
        join(dir, 'b2'),
        '--attachments',
        file('deep.yaml', deeplyNestedYaml(ATTACHMENTS, 20_000)),
      ],
      /deep\.yaml:5: deep\.0\.0\.0\.….0\.0: the document is nested more than 512 levels deep/,
    );
    refused(
      [
        'evidence',
        MANIFEST,
        '--out',
        join(dir, 'b3'),
        '--attachments',
        file('broken.yaml', 'attachments: [\n'),
      ],
      /broken\.yaml:2:1: is not YAML or JSON: /,
    );
  });

  it('refuses a blueprint nested too deeply or with an alias bomb in grant (exit 2)', () => {
    const deep = file('deep-blueprint.yaml', deeplyNestedYaml('preset: enclave', 20_000));
    refused(
      ['grant', 'list', '--blueprint', deep],
      /deep-blueprint\.yaml:2: deep\.0\.0\.0\.….0\.0: the document is nested more than 512 levels deep/,
    );
    const bomb = file('bomb-blueprint.yaml', aliasBomb('preset: enclave'));
    refused(
      ['grant', 'close', '--blueprint', bomb, '--principal', 'arn:aws:iam::222222222222:role/x'],
      /bomb-blueprint\.yaml: the aliases expand too far/,
    );
  });
});

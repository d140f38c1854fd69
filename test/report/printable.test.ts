/** Untrusted text made inert for terminals and CI logs: no escape sequences, no new lines, no bidi tricks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { printable } from '../../src/report/printable.js';

describe('printable', () => {
  it('shows ESC and other C0 controls as escapes, so no sequence reaches the terminal', () => {
    assert.equal(printable('a\x1b[2Jb'), 'a\\x1b[2Jb');
    assert.equal(printable('bell\x07nul\x00del\x7f'), 'bell\\x07nul\\x00del\\x7f');
  });

  it('shows C1 controls (the 8-bit CSI) as escapes', () => {
    assert.equal(printable('x\u009b31mred'), 'x\\x9b31mred');
    assert.equal(printable('next\u0085line'), 'next\\x85line');
  });

  it('renders line breaks inside a value as \\n and \\r, so a value cannot start a line', () => {
    assert.equal(printable('name\n::error::forged'), 'name\\n::error::forged');
    assert.equal(printable('ok\r::stop-commands::x'), 'ok\\r::stop-commands::x');
    assert.equal(printable('a\u2028b\u2029c'), 'a\\u2028b\\u2029c');
    assert.equal(printable('tab\there'), 'tab\\there');
  });

  it('escapes a leading workflow command marker, also after spacing', () => {
    assert.equal(printable('::error::forged'), '\\x3a:error::forged');
    assert.equal(printable('  ::add-mask::x'), '  \\x3a:add-mask::x');
    assert.equal(printable('##[error]forged'), '\\x23#[error]forged');
    assert.equal(printable('##vso[task.setvariable]x'), '\\x23#vso[task.setvariable]x');
  });

  it('leaves an IPv6 address or CIDR alone, but nothing that only begins like one', () => {
    for (const address of [
      '::/0',
      '::1',
      '::ffff:10.0.0.1',
      'fe80::1/64',
      '::add',
      '::/128',
      '::/0[External]',
    ])
      assert.equal(printable(address), address);
    assert.equal(printable('::1[External]::error::x'), '\\x3a:1[External]::error::x');
    assert.equal(printable('::1[Ext ernal]'), '\\x3a:1[Ext ernal]');
    assert.equal(printable('::add-mask::x'), '\\x3a:add-mask::x');
    assert.equal(printable('::1%::error::x'), '\\x3a:1%::error::x', 'a zone may hold colons');
    assert.equal(printable('::/129'), '\\x3a:/129');
    assert.equal(printable('::/0/0'), '\\x3a:/0/0');
    assert.equal(printable('::/0 '), '\\x3a:/0 ');
    assert.equal(printable(' ::1'), ' \\x3a:1', 'spacing is not part of an address');
  });

  it('shows bidirectional overrides, embeddings, isolates and marks as escapes', () => {
    assert.equal(printable('admin\u202eNIMDA'), 'admin\\u202eNIMDA');
    assert.equal(
      printable('\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c'),
      '\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c',
    );
  });

  it('leaves ordinary text, paths and colons inside a value alone', () => {
    for (const text of [
      'app/Cluster',
      'cdk.out/app.template.json:42',
      'C:\\Users\\me\\template.yaml',
      'expected allowed, but denied (counterexample): sg-1 [0.0.0.0/0 tcp 22]',
      'Zürich → 東京 ✓',
    ])
      assert.equal(printable(text), text);
  });

  it('accepts numbers and other values', () => {
    assert.equal(printable(8080), '8080');
    assert.equal(printable(undefined), 'undefined');
  });
});

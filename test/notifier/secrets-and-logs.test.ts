import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Logger } from '../../src/notifier/log.js';
import { InvalidWebhookError, parseWebhookSecret } from '../../src/notifier/secrets.js';

describe('parseWebhookSecret', () => {
  it('accepts a bare URL or JSON with a url key', () => {
    assert.equal(
      parseWebhookSecret(' https://hooks.example.com/T/B/x \n'),
      'https://hooks.example.com/T/B/x',
    );
    assert.equal(
      parseWebhookSecret('{"url":"https://hooks.example.com/T/B/x"}'),
      'https://hooks.example.com/T/B/x',
    );
  });

  it('reads the empty placeholder as "not configured"', () => {
    assert.equal(parseWebhookSecret(''), undefined);
    assert.equal(parseWebhookSecret('{"url":""}'), undefined);
    assert.equal(parseWebhookSecret('{}'), undefined);
  });

  it('accepts plain HTTP only on the loopback interface', () => {
    assert.equal(parseWebhookSecret('http://127.0.0.1:8080/x'), 'http://127.0.0.1:8080/x');
    assert.throws(() => parseWebhookSecret('http://hooks.example.com/T/B/x'), InvalidWebhookError);
    assert.throws(() => parseWebhookSecret('ftp://hooks.example.com/x'), InvalidWebhookError);
  });

  it('rejects garbage without quoting it', () => {
    for (const bad of ['not a url s3cr3t', '{"url": 5}', '{broken s3cr3t'])
      assert.throws(
        () => parseWebhookSecret(bad),
        (e: unknown) => e instanceof InvalidWebhookError && !e.message.includes('s3cr3t'),
      );
  });
});

describe('Logger', () => {
  it('writes one JSON object per line with level, time, message and fields', () => {
    const lines: string[] = [];
    new Logger((l) => lines.push(l), { component: 'notifier' }).info('posted', { attempts: 2 });
    const entry = JSON.parse(lines[0]!);
    assert.equal(entry.level, 'info');
    assert.equal(entry.message, 'posted');
    assert.equal(entry.component, 'notifier');
    assert.equal(entry.attempts, 2);
    assert.ok(!Number.isNaN(Date.parse(entry.time)));
  });

  it('redacts registered secrets and any non-console URL, keeps console links', () => {
    const lines: string[] = [];
    const log = new Logger((l) => lines.push(l));
    log.addSecret('T0001/B0001/abcdefSECRET');
    log.warn('failed', {
      error: new Error('connect to https://hooks.slack.com/services/T0001/B0001/abcdefSECRET failed'),
      path: 'T0001/B0001/abcdefSECRET',
      link: 'https://eu-west-1.console.aws.amazon.com/guardduty/home?region=eu-west-1#/findings',
    });
    assert.ok(!lines[0]!.includes('abcdefSECRET'), lines[0]);
    assert.ok(!lines[0]!.includes('hooks.slack.com'), lines[0]);
    const entry = JSON.parse(lines[0]!);
    assert.equal(entry.path, '[redacted]');
    assert.equal(entry.error.name, 'Error');
    assert.equal(
      entry.link,
      'https://eu-west-1.console.aws.amazon.com/guardduty/home?region=eu-west-1#/findings',
    );
  });

  it('redacts a secret containing JSON-escaped characters', () => {
    const lines: string[] = [];
    const log = new Logger((l) => lines.push(l));
    log.addSecret('tok"en\\value');
    log.error('x', { value: 'tok"en\\value' });
    assert.equal(JSON.parse(lines[0]!).value, '[redacted]');
  });

  it('writes valid JSON when a redacted URL is followed by a quote or a backslash', () => {
    const lines: string[] = [];
    const log = new Logger((l) => lines.push(l));
    log.warn('dropped', { reason: 'detail-type "https://evil.example/a" / \\"https://evil.example/b\\"' });
    const entry = JSON.parse(lines[0]!);
    // The URL pattern takes the backslash with it; what matters is that the line still parses.
    assert.equal(entry.reason, 'detail-type "[redacted]" / \\"[redacted]"');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMessage } from '../../src/notifier/parse.js';
import { renderBurstSummary, renderEvent } from '../../src/notifier/render.js';
import { REGION, configComplianceChange, guardDutyFinding } from './fixtures.js';

const event = (m: unknown) => parseMessage(JSON.stringify(m), { topicRegion: REGION }).events[0]!;
type Block = {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
};

describe('renderEvent', () => {
  it('renders a header with tier and kind, the title, key fields, the console link and the time', () => {
    const message = renderEvent(event(guardDutyFinding({ severity: 8 })));
    assert.match(
      message.text,
      /^:rotating_light: CRITICAL GuardDuty finding: A process in the container weaviate-0/,
    );
    const blocks = message.blocks as Block[];
    assert.deepEqual(
      blocks.map((b) => b.type),
      ['header', 'section', 'section', 'section', 'context'],
    );
    assert.equal(blocks[0]!.text!.text, ':rotating_light: CRITICAL GuardDuty finding');
    const fields = blocks[2]!.fields!.map((f) => f.text);
    assert.ok(fields.includes('*Severity*\nHIGH (8.0)'));
    assert.ok(fields.includes('*Account / region*\n111111111111 / eu-west-1'));
    assert.ok(fields.includes('*Finding type*\nExecution:Runtime/ReverseShell'));
    assert.match(
      blocks[3]!.text!.text,
      /^<https:\/\/eu-west-1\.console\.aws\.amazon\.com\/guardduty\/[^|>]+\|Open in the AWS console>$/,
    );
    assert.match(blocks[4]!.elements![0]!.text, /GuardDuty finding at 2026-11-22T21:59:10Z/);
  });

  it('escapes Slack control characters in untrusted text', () => {
    const message = renderEvent(event(configComplianceChange()));
    const annotation = (message.blocks[2] as Block).fields!.find((f) => f.text.startsWith('*Annotation*'))!;
    assert.equal(annotation.text, '*Annotation*\nPort 22 is open to 0.0.0.0/0 &lt;unexpected&gt;');
  });

  it('keeps within Slack limits: at most 10 fields, clipped long text', () => {
    const long = event(guardDutyFinding({ title: 'x'.repeat(5000) }));
    const message = renderEvent({
      ...long,
      fields: Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, value: 'v' })),
    });
    const blocks = message.blocks as Block[];
    assert.equal(blocks[2]!.fields!.length, 10);
    assert.ok(blocks[1]!.text!.text.length <= 3000);
    assert.ok(blocks[1]!.text!.text.endsWith('…'));
  });

  it('marks resolved events and reports collapsed duplicates', () => {
    const message = renderEvent(event(configComplianceChange('COMPLIANT')), { previousDuplicates: 4 });
    assert.match(message.text, /^:white_check_mark: RESOLVED AWS Config compliance change/);
    const context = (message.blocks[4] as Block).elements!.map((e) => e.text);
    assert.ok(context.includes('4 identical event(s) were collapsed in the previous window'));
  });
});

describe('renderBurstSummary', () => {
  it('says what is bursting, how many so far and until when the rest is held back', () => {
    const sample = event(guardDutyFinding({ severity: 5 }));
    const message = renderBurstSummary({
      kind: 'guardduty',
      tier: 'warning',
      count: 11,
      threshold: 10,
      windowEnd: new Date('2026-11-22T22:15:00Z'),
      sample,
    });
    assert.equal(
      message.text,
      ':warning: WARNING Burst of GuardDuty findings: More than 10 GuardDuty findings (warning) within the window; further ones are held back until 2026-11-22T22:15:00.000Z and then summarised.',
    );
    assert.ok(((message.blocks[2] as Block).fields ?? []).some((f) => f.text === '*Events so far*\n11'));
  });
});

/**
 * Text of a template or of the account, printed by diff, deploy and destroy, is inert on a terminal and in a CI
 * log: a logical id or a property value carrying a screen-clearing escape, a right-to-left override or a line
 * break followed by a workflow command (`::error::`) is shown escaped, never acted on. Covers the toolkit's
 * formatted diff (as its progress host and `diff` print it), the security changes, and what destroy keeps.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDifferences, fullDiff } from '@aws-cdk/cloudformation-diff';
import { ToolkitError, type IoMessage, type IoRequest } from '@aws-cdk/toolkit-lib';
import { renderRetained } from '../../../src/cli/commands/destroy.js';
import { renderDiff } from '../../../src/cli/commands/diff.js';
import { mapToolkitError } from '../../../src/cli/deploy/command-options.js';
import { ProgressHost } from '../../../src/cli/deploy/io-host.js';
import { retainedResources } from '../../../src/cli/deploy/retained.js';
import { securityChanges } from '../../../src/cli/deploy/security-changes.js';
import { ExitError } from '../../../src/errors.js';

const HOSTILE = 'x\u001b[2J\u202eevil\n::error::forged';
const ID = `Bucket${HOSTILE}`;

const before = { Resources: {} };
const bucket = {
  [ID]: {
    Type: 'AWS::S3::Bucket',
    DeletionPolicy: 'Retain',
    Properties: { BucketName: HOSTILE, Tags: [{ Key: 'note', Value: HOSTILE }] },
  },
};
const ingress = (cidr: string) => ({
  Open: {
    Type: 'AWS::EC2::SecurityGroupIngress',
    Properties: { GroupId: 'sg-1', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: cidr },
  },
});
/** What the toolkit's formatter shows: the hostile text in a logical id and property values. */
const after = { Resources: { ...bucket, ...ingress('0.0.0.0/0\u202e') } };
/** What only our own rendering sees: the hostile text in a security group rule, which the formatter refuses. */
const afterRule = { Resources: { ...bucket, ...ingress(HOSTILE) } };

/** No control or bidirectional character, and no line that a CI runner would read as a workflow command. */
function assertInert(text: string): void {
  const unsafe =
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
  assert.doesNotMatch(text, unsafe);
  for (const line of text.split('\n')) assert.doesNotMatch(line, /^\s*(::|##)/, line);
  assert.doesNotMatch(text, /^::error::forged/m);
}

/** A stream that keeps what is written to it, synchronously. */
function collector(): { stream: NodeJS.WritableStream; text: () => string } {
  const chunks: string[] = [];
  const stream = { write: (chunk: unknown) => chunks.push(String(chunk)) > 0 };
  return { stream: stream as unknown as NodeJS.WritableStream, text: () => chunks.join('') };
}

/** The toolkit's own rendering of a diff: what its progress host receives as the stack's diff message. */
function toolkitText(template: Record<string, unknown> = after): string {
  const out = collector();
  formatDifferences(out.stream, fullDiff(before, template));
  return out.text();
}

/** Runs `work` with stderr collected; returns what it threw and what it wrote. */
function withStderr(work: () => void): { thrown: unknown; text: string } {
  const chunks: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: unknown) => chunks.push(String(chunk)) > 0) as typeof write;
  let thrown: unknown;
  try {
    work();
  } catch (error) {
    thrown = error;
  } finally {
    process.stderr.write = write;
  }
  return { thrown, text: chunks.join('') };
}

describe('template and account text in diff, deploy and destroy output', () => {
  it('the formatted diff really carries the hostile text (the test would catch a leak)', () => {
    const raw = toolkitText();
    assert.ok(raw.includes('\u202e'), 'the bidi override reaches the formatter');
    assert.ok(/\n::error::forged/.test(raw), 'the forged command starts a line of the raw diff');
  });

  it('diff prints the security changes and the toolkit diff escaped', () => {
    const diffs = { [`stack${HOSTILE}`]: fullDiff(before, afterRule) };
    const changes = securityChanges(diffs);
    assert.ok(changes.some((c) => c.kind === 'network-opened'));
    const text = renderDiff(diffs, changes, [toolkitText()]);
    assertInert(text);
    assert.ok(text.includes('\\x1b[2J'), 'the escape is shown, not sent');
    assert.ok(text.includes('\\u202e'), 'the override is shown, not applied');
    assert.ok(text.includes('\\x3a:error::forged'), text);
  });

  it('a rule the toolkit cannot tabulate ends the command as bad input (exit 2), not as an internal error', () => {
    for (const cidr of [HOSTILE, 'x\ty', 'x\ry']) {
      let refusal: unknown;
      try {
        toolkitText({ Resources: ingress(cidr) });
      } catch (error) {
        refusal = error;
      }
      assert.ok(refusal instanceof Error, `the formatter refuses ${JSON.stringify(cidr)}`);
      // As diff meets it, and as deploy does (the toolkit wraps a stack's failure, the refusal as its cause).
      for (const [command, error] of [
        ['diff', refusal],
        ['deploy', ToolkitError.withCause('DeployStackFailed', `stack failed: ${refusal.message}`, refusal)],
      ] as const) {
        const { thrown, text } = withStderr(() => mapToolkitError(command, error));
        assert.ok(thrown instanceof ExitError && thrown.exitCode === 2, `${command}: ${String(thrown)}`);
        assert.match(
          text,
          new RegExp(`^${command}: the difference cannot be shown: a template .* holds control characters`),
        );
        assertInert(text.trimEnd());
      }
    }
  });

  it('deploy progress, confirmations and the diff message of the toolkit are printed escaped', async () => {
    const out = collector();
    const host = new ProgressHost({ out: out.stream, assumeYes: true, verbose: true });
    const message = (code: string, text: string, data: unknown = {}) =>
      ({
        time: new Date(),
        level: 'info',
        action: 'deploy',
        code,
        message: text,
        data,
      }) as IoMessage<unknown>;
    await host.notify(
      message('CDK_TOOLKIT_I5502', '', {
        event: {
          StackName: `stack${HOSTILE}`,
          LogicalResourceId: ID,
          ResourceType: 'AWS::S3::Bucket',
          ResourceStatus: 'CREATE_FAILED',
          ResourceStatusReason: HOSTILE,
        },
      }),
    );
    await host.notify(message('CDK_TOOLKIT_I4002', toolkitText()));
    await host.notify(message('CDK_TOOLKIT_I5900', `stack${HOSTILE}`));
    await host.notify({ ...message('CDK_TOOLKIT_E0000', HOSTILE), level: 'error' } as IoMessage<unknown>);
    await host.requestResponse({
      ...message('CDK_TOOLKIT_I5060', `Deploy?\n${toolkitText()}`),
      defaultResponse: true,
    } as IoRequest<unknown, boolean>);
    const text = out.text();
    assert.ok(text.includes('\\u202e') && text.includes('\\x1b[2J'), text);
    assertInert(text);
  });

  it('destroy lists the resources it keeps escaped', () => {
    const text = renderRetained(
      'kept',
      retainedResources([{ stackName: `s${HOSTILE}`, template: afterRule }]),
    );
    assert.ok(text.includes('\\u202e'), text);
    assertInert(text);
  });
});

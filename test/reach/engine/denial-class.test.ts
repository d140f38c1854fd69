/** A denial claim is proved under the class it names, whatever its id. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DenialClaim } from '../../../src/flows/types.js';
import { inventoryFromObjects } from '../../../src/inventory/index.js';
import { analyse } from '../../../src/reach/engine/analyse.js';
import { network, spec, templates } from '../../controls/fixtures/reach/proofs/shared.js';

const noWayOut = (id: string, cls: DenialClaim['class']): DenialClaim => ({
  id,
  class: cls,
  description: 'the data tier has no path to the internet',
  from: ['tier:data'],
  to: ['internet'],
  ports: [],
});

/** The classes of the checks made for one claim, apart from the defense-in-depth repeats. */
function classesOf(claim: DenialClaim): string[] {
  const inventory = inventoryFromObjects({ templates: templates(network()) });
  const { checks } = analyse(inventory, spec({ denials: [claim] }));
  const made = checks.filter((c) => c.claim === claim.id && c.class !== 'defense-in-depth');
  assert.ok(made.length > 0, `no check for ${claim.id}`);
  return [...new Set(made.map((c) => c.class))];
}

describe('denial classes', () => {
  it('files a renamed claim under its class, not under "unnamed"', () => {
    assert.deepEqual(classesOf(noWayOut('no-way-out', 'exfiltration')), ['exfiltration']);
  });

  it('follows the class even when the id is one another class used to own', () => {
    assert.deepEqual(classesOf(noWayOut('data-tier-exfiltration', 'internet-isolation')), [
      'internet-isolation',
    ]);
  });
});

describe('defense in depth', () => {
  const metadataClaim = (defenseInDepth?: boolean): DenialClaim => ({
    ...noWayOut('no-way-out', 'exfiltration'),
    ...(defenseInDepth === undefined ? {} : { defenseInDepth }),
  });
  const repeats = (claim: DenialClaim) => {
    const inventory = inventoryFromObjects({ templates: templates(network()) });
    const { checks } = analyse(inventory, spec({ denials: [claim] }));
    assert.ok(checks.some((c) => c.claim === claim.id && c.class === 'exfiltration'));
    return checks.filter((c) => c.claim === claim.id && c.class === 'defense-in-depth').length;
  };

  it('repeats a layered claim on the AWS network alone by default', () => {
    assert.ok(repeats(metadataClaim()) > 0);
    assert.ok(repeats(metadataClaim(true)) > 0);
  });

  it('does not when a named weakening leaves the claim to the Kubernetes layers', () => {
    assert.equal(repeats(metadataClaim(false)), 0);
  });
});

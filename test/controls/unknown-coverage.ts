/**
 * Which controls have no unknown fixture, and why; and which report results that carry no property path. The
 * catalog test checks that every control has an unknown fixture or is listed here with its reason.
 */

/** Controls no input of which a template can leave undetermined. None so far: every control reads values. */
export const NO_UNDETERMINED_INPUT: Readonly<Record<string, string>> = {};

/**
 * Controls that still answer pass or fail where a template leaves their input undetermined: known gaps, each
 * with what it gets wrong, to be fixed and given an unknown fixture.
 */
export const NOT_FAILING_CLOSED: Readonly<Record<string, string>> = {};

/** Controls whose results are about flows between components, not an attribute of a file: no property path. */
export const NO_PROPERTY_PATH: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['001', '002', '003', '004', '005', '006', '007', '008', '009', '010', '011', '030', '031'].map((n) => [
      `VF-REACH-${n}`,
      'a reachability verdict is about a flow; its witness path or blocking rule is in the message',
    ]),
  ),
  'VF-LATTICE-003':
    'a missing access log subscription is the absence of a resource, not an attribute of the service',
  'VF-LATTICE-005':
    "a consumer's verdict is about a request through every Lattice layer; its witness path or blocking layer is in the message",
};

/**
 * Kubernetes label selectors for the reachability engine: the contract's matcher, whose `unknown` outcome (an
 * operator or part the API server would reject) each caller turns into an `unknown` verdict or a safe
 * over-approximation, never into a silent match or non-match.
 */
export {
  matchLabelSelector,
  SELECTOR_MATCH,
  SELECTOR_NO_MATCH,
  type SelectorOutcome,
} from '../../contract/label-selector.js';

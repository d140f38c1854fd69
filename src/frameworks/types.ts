import type { FrameworkKey } from '../findings/index.js';

export interface FrameworkRequirement {
  readonly id: string;
  readonly title: string;
  /**
   * Set when a static artefact cannot show the requirement (process, people, live-account state); the reason is
   * shown in the coverage matrix instead of pretending to automate it.
   */
  readonly manual?: string;
}

export interface Framework {
  readonly key: FrameworkKey;
  readonly name: string;
  readonly version: string;
  readonly url: string;
  readonly requirements: readonly FrameworkRequirement[];
}

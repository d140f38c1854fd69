/**
 * What a report was made from, by what, and when: enough for an auditor to file it as evidence and for anyone
 * to check it again. Every digest is SHA-256, hexadecimal.
 */

/** A file that went into the run. */
export interface ProvenanceFile {
  /** As given, relative to the working directory when inside it. */
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

/**
 * One call to a live API (the `audit` command records these): what was asked, where, when, and the request id
 * AWS returned, or the error that left a result unknown.
 */
export interface ProvenanceCall {
  readonly service: string;
  readonly operation: string;
  /** @default - a global service */
  readonly region?: string;
  /** When the call was made (ISO 8601, UTC). */
  readonly time: string;
  /** @default - none returned */
  readonly requestId?: string;
  /** Why the call failed. @default - it succeeded */
  readonly error?: string;
}

/** The commit the inputs came from. */
export interface ProvenanceCommit {
  readonly revision: string;
  /** @default - unknown */
  readonly branch?: string;
  /** Without credentials. @default - unknown */
  readonly repositoryUri?: string;
  /** True when the working tree had uncommitted changes to tracked files. @default - unknown (from CI) */
  readonly modified?: boolean;
  /** Where it was read: an environment variable of the CI system, or `git`. */
  readonly source: string;
}

/** The CI run that produced the report. */
export interface ProvenanceCiRun {
  /** `github-actions`, `gitlab-ci`, … */
  readonly system: string;
  /** @default - not given by the CI system */
  readonly runId?: string;
  /** @default - not given by the CI system */
  readonly url?: string;
}

export interface Provenance {
  readonly tool: { readonly name: 'vectorfort'; readonly version: string };
  /** Digest of the control catalog (controls/catalog-digest.ts) and how many controls it holds. */
  readonly controlCatalog: { readonly sha256: string; readonly controls: number };
  /** Every input file the run read from, with its digest, sorted by path. */
  readonly inputs: readonly ProvenanceFile[];
  /** The blueprint synth started from; the default blueprint is digested as canonical JSON. @default - none */
  readonly blueprint?: ProvenanceFile;
  /** The `--parameters` file. @default - none */
  readonly parameters?: ProvenanceFile;
  /** Digest of the flow spec the input carried, as canonical JSON. @default - none in the input */
  readonly flowSpec?: { readonly sha256: string };
  /** The time acknowledgements were judged at (`--now`, or the start). */
  readonly evaluatedAt: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** @default - not in a repository and no CI variables */
  readonly commit?: ProvenanceCommit;
  /** @default - not run in a recognised CI system */
  readonly ci?: ProvenanceCiRun;
  /** Live API calls (audit). @default - none: the run read files only */
  readonly calls?: readonly ProvenanceCall[];
}

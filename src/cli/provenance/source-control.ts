/**
 * The commit and CI run a report came from: the variables the common CI systems set, else `git` in the working
 * directory. The environment and git are passed in, so tests decide what they hold.
 */
import { execFileSync } from 'node:child_process';
import type { ProvenanceCiRun, ProvenanceCommit } from '../../report/model.js';

type Env = Readonly<Record<string, string | undefined>>;

interface CiSystem {
  readonly system: string;
  /** Set in that system's jobs. */
  readonly detect: string;
  readonly commit: string;
  readonly branch?: string;
  readonly repository?: (env: Env) => string | undefined;
  readonly runId: string;
  readonly url?: (env: Env) => string | undefined;
}

const CI_SYSTEMS: readonly CiSystem[] = [
  {
    system: 'github-actions',
    detect: 'GITHUB_ACTIONS',
    commit: 'GITHUB_SHA',
    branch: 'GITHUB_REF_NAME',
    repository: (e) =>
      e.GITHUB_SERVER_URL && e.GITHUB_REPOSITORY
        ? `${e.GITHUB_SERVER_URL}/${e.GITHUB_REPOSITORY}`
        : undefined,
    runId: 'GITHUB_RUN_ID',
    url: (e) =>
      e.GITHUB_SERVER_URL && e.GITHUB_REPOSITORY && e.GITHUB_RUN_ID
        ? `${e.GITHUB_SERVER_URL}/${e.GITHUB_REPOSITORY}/actions/runs/${e.GITHUB_RUN_ID}`
        : undefined,
  },
  {
    system: 'gitlab-ci',
    detect: 'GITLAB_CI',
    commit: 'CI_COMMIT_SHA',
    branch: 'CI_COMMIT_REF_NAME',
    repository: (e) => e.CI_PROJECT_URL,
    runId: 'CI_PIPELINE_ID',
    url: (e) => e.CI_PIPELINE_URL,
  },
  {
    system: 'circleci',
    detect: 'CIRCLECI',
    commit: 'CIRCLE_SHA1',
    branch: 'CIRCLE_BRANCH',
    repository: (e) => e.CIRCLE_REPOSITORY_URL,
    runId: 'CIRCLE_BUILD_NUM',
    url: (e) => e.CIRCLE_BUILD_URL,
  },
  {
    system: 'azure-pipelines',
    detect: 'TF_BUILD',
    commit: 'BUILD_SOURCEVERSION',
    branch: 'BUILD_SOURCEBRANCHNAME',
    repository: (e) => e.BUILD_REPOSITORY_URI,
    runId: 'BUILD_BUILDID',
  },
  {
    system: 'bitbucket-pipelines',
    detect: 'BITBUCKET_BUILD_NUMBER',
    commit: 'BITBUCKET_COMMIT',
    branch: 'BITBUCKET_BRANCH',
    repository: (e) => e.BITBUCKET_GIT_HTTP_ORIGIN,
    runId: 'BITBUCKET_BUILD_NUMBER',
  },
  {
    system: 'aws-codebuild',
    detect: 'CODEBUILD_BUILD_ID',
    commit: 'CODEBUILD_RESOLVED_SOURCE_VERSION',
    repository: (e) => e.CODEBUILD_SOURCE_REPO_URL,
    runId: 'CODEBUILD_BUILD_ID',
  },
  {
    system: 'jenkins',
    detect: 'JENKINS_URL',
    commit: 'GIT_COMMIT',
    branch: 'GIT_BRANCH',
    repository: (e) => e.GIT_URL,
    runId: 'BUILD_NUMBER',
    url: (e) => e.BUILD_URL,
  },
];

/** Runs git with `args` in the working directory; undefined when git fails or is missing. */
export type GitReader = (args: readonly string[]) => string | undefined;

export const systemGit: GitReader = (args) => {
  try {
    return execFileSync('git', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5_000,
    }).trim();
  } catch {
    return undefined;
  }
};

export interface SourceControl {
  readonly commit?: ProvenanceCommit;
  readonly ci?: ProvenanceCiRun;
}

export function sourceControl(env: Env, git: GitReader): SourceControl {
  const ci = CI_SYSTEMS.find((c) => nonEmpty(env[c.detect]) !== undefined);
  if (ci) {
    const revision = nonEmpty(env[ci.commit]);
    const branch = ci.branch ? nonEmpty(env[ci.branch]) : undefined;
    const repositoryUri = withoutCredentials(ci.repository?.(env));
    const runId = nonEmpty(env[ci.runId]);
    const url = ci.url?.(env);
    return {
      ...(revision
        ? {
            commit: {
              revision,
              ...(branch ? { branch } : {}),
              ...(repositoryUri ? { repositoryUri } : {}),
              source: `env:${ci.commit}`,
            },
          }
        : gitCommit(git)),
      ci: { system: ci.system, ...(runId ? { runId } : {}), ...(url ? { url } : {}) },
    };
  }
  return gitCommit(git);
}

function gitCommit(git: GitReader): SourceControl {
  const revision = git(['rev-parse', 'HEAD']);
  if (!revision || !/^[0-9a-f]{40,64}$/.test(revision)) return {};
  const branch = git(['rev-parse', '--abbrev-ref', 'HEAD']);
  const repositoryUri = withoutCredentials(git(['config', '--get', 'remote.origin.url']));
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return {
    commit: {
      revision,
      ...(branch && branch !== 'HEAD' ? { branch } : {}),
      ...(repositoryUri ? { repositoryUri } : {}),
      ...(status !== undefined ? { modified: status !== '' } : {}),
      source: 'git',
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** A repository URL without user name or token (`https://x-access-token:…@host/…` is common in CI). */
export function withoutCredentials(uri: string | undefined): string | undefined {
  const value = nonEmpty(uri);
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    // scp-like `git@host:owner/repo.git`: the user is not a secret, but drop it like the others.
    return value.replace(/^[^@/\s]+@/, '');
  }
}

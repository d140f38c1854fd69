/**
 * What deleting a stack leaves in the account: every resource whose DeletionPolicy keeps it (Retain,
 * RetainExceptOnCreate) or a snapshot of it (Snapshot), with the name the template gives it when it gives one.
 */

export interface RetainedResource {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly policy: string;
  /** The physical name the template sets (bucket, alias, log group, secret), when it sets one as text. */
  readonly name?: string;
}

const KEEPING = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);
const NAME_PROPERTIES = ['BucketName', 'LogGroupName', 'Name', 'AliasName', 'TableName'];

export function retainedResources(
  templates: readonly { readonly stackName: string; readonly template: unknown }[],
): RetainedResource[] {
  return templates.flatMap(({ stackName, template }) => {
    const resources = (template as { Resources?: Record<string, unknown> } | null)?.Resources ?? {};
    return Object.entries(resources).flatMap(([logicalId, value]) => {
      const r = value as { Type?: string; DeletionPolicy?: string; Properties?: Record<string, unknown> };
      if (!r.DeletionPolicy || !KEEPING.has(r.DeletionPolicy)) return [];
      const name = NAME_PROPERTIES.map((p) => r.Properties?.[p]).find((v) => typeof v === 'string');
      return [
        {
          stack: stackName,
          logicalId,
          type: r.Type ?? 'unknown',
          policy: r.DeletionPolicy,
          ...(typeof name === 'string' ? { name } : {}),
        },
      ];
    });
  });
}

import type { Severity } from '../../report/model.js';

export interface SynthOptions {
  readonly blueprint?: string;
  readonly out: string;
  readonly failOn: Severity;
  readonly verify: boolean;
}

/** Placeholder until the foundation lands: loads and validates the blueprint only. */
export async function synthCommand(options: SynthOptions): Promise<void> {
  const { loadBlueprint } = await import('../../blueprint/index.js');
  const loaded = loadBlueprint(options.blueprint);
  process.stdout.write(
    `blueprint ${loaded.file ?? '(default)'}: ${loaded.blueprint.name} (${loaded.blueprint.preset})\n`,
  );
}

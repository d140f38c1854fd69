/**
 * Manual requirements and the evidence a team attaches to them (restore-drill results, review minutes), each
 * with its date. Evidence older than the framework's period no longer counts and is flagged; a manual
 * requirement with nothing attached is flagged as missing. `now` is passed in, never read.
 */
import { FRAMEWORKS } from '../../frameworks/index.js';
import { EVIDENCE_PERIOD_DAYS } from '../../frameworks/evidence-periods.js';
import { FRAMEWORK_KEYS, type FrameworkKey } from '../../findings/index.js';

/** One attached file, as the bundle holds it. */
export interface Attachment {
  readonly framework: FrameworkKey;
  readonly requirement: string;
  /** Path inside the bundle. */
  readonly file: string;
  readonly sha256: string;
  /** When the evidence was produced (`YYYY-MM-DD`). */
  readonly date: string;
  /** @default - none */
  readonly description?: string;
  /** A shorter period than the framework's, in days. @default - the framework's */
  readonly periodDays?: number;
}

/** `current`: within the period. `outdated`: older than the period. `future`: dated after the run. */
export type AttachmentStatus = 'current' | 'outdated' | 'future';

export interface ManualRow {
  readonly framework: FrameworkKey;
  readonly requirement: string;
  readonly title: string;
  readonly why: string;
  readonly periodDays: number;
  readonly attachments: readonly (Attachment & {
    readonly status: AttachmentStatus;
    readonly ageDays: number;
  })[];
  /** `evidenced`: a current attachment. `outdated`: only outdated ones. `missing`: none. */
  readonly status: 'evidenced' | 'outdated' | 'missing';
}

const DAY_MS = 86_400_000;

export function manualRows(attachments: readonly Attachment[], now: Date): ManualRow[] {
  const rows: ManualRow[] = [];
  for (const framework of FRAMEWORK_KEYS)
    for (const r of FRAMEWORKS[framework].requirements) {
      if (!r.manual) continue;
      const periodDays = EVIDENCE_PERIOD_DAYS[framework];
      const attached = attachments
        .filter((a) => a.framework === framework && a.requirement === r.id)
        .map((a) => {
          const ageDays = Math.floor((now.getTime() - Date.parse(`${a.date}T00:00:00Z`)) / DAY_MS);
          const status: AttachmentStatus =
            ageDays < 0 ? 'future' : ageDays > (a.periodDays ?? periodDays) ? 'outdated' : 'current';
          return { ...a, status, ageDays };
        });
      rows.push({
        framework,
        requirement: r.id,
        title: r.title,
        why: r.manual,
        periodDays,
        attachments: attached,
        status: attached.some((a) => a.status === 'current')
          ? 'evidenced'
          : attached.length > 0
            ? 'outdated'
            : 'missing',
      });
    }
  return rows;
}

/** Weaviate backs up to S3 with the backup-s3 module, a bucket, TLS and no long-lived access keys. */
import { envEnabled, envText, isUnknownValue } from './env.js';
import { weaviateControl } from './control.js';
import { envAt, isKnown, textSetting } from './settings.js';

export const control = weaviateControl({
  id: 'VF-WEAVIATE-008',
  title: 'Weaviate backups go to S3 with the workload identity',
  severity: 'high',
  rationale:
    'Without a configured backup module there is no copy to restore after corruption or deletion; static AWS keys in the manifest are long-lived credentials that outlive the workload and override its role.',
  remediation:
    'Add backup-s3 to ENABLE_MODULES, set BACKUP_S3_BUCKET to the encrypted backup bucket, keep BACKUP_S3_USE_SSL true, and remove AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in favour of EKS Pod Identity or IRSA.',
  frameworks: {
    'nist-csf-2.0': ['PR.DS-11', 'RC.RP-03', 'PR.AA-01'],
    'iso-27001-2022': ['A.8.13', 'A.5.17'],
    soc2: ['A1.2', 'A1.3'],
  },
  references: ['https://docs.weaviate.io/deploy/configuration/backups'],
  evaluate(c) {
    for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
      const v = c.env.get(key);
      if (v?.kind === 'literal' || v?.kind === 'configmap')
        return [
          'fail',
          `${key} is written in the manifest: a long-lived key instead of the workload's role`,
          envAt(c, key).at,
        ];
    }
    const modules = textSetting(c, 'ENABLE_MODULES', 'enable_modules');
    if (!isKnown(modules)) return ['unknown', modules.unknown, modules.at];
    const list = (modules.value ?? '').split(',').map((m) => m.trim());
    if (!list.includes('backup-s3'))
      return ['fail', 'backup-s3 is not in ENABLE_MODULES: no backup module is loaded', modules.at];
    const bucket = envText(c, 'BACKUP_S3_BUCKET');
    if (isUnknownValue(bucket)) return ['unknown', bucket.unknown];
    if (!bucket) return ['fail', 'BACKUP_S3_BUCKET is not set'];
    const ssl = envText(c, 'BACKUP_S3_USE_SSL');
    if (isUnknownValue(ssl)) return ['unknown', ssl.unknown];
    if (typeof ssl === 'string' && ssl !== '' && !envEnabled(c, 'BACKUP_S3_USE_SSL'))
      return ['fail', `BACKUP_S3_USE_SSL=${ssl} sends backups without TLS`];
    return ['pass', `backup-s3 to bucket ${bucket}`];
  },
});

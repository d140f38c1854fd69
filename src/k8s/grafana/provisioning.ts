/**
 * What Grafana provisions from files at start: the Prometheus and CloudWatch data sources and a file provider
 * for the dashboards, mounted from ConfigMaps. Nothing is kept between restarts and nothing can be changed from
 * the UI for good: the manifests are the dashboards' single source.
 */
import { stringify } from 'yaml';
import type { Blueprint } from '../../blueprint/index.js';
import { grafanaNames } from '../../flows/index.js';
import { GRAFANA_PATHS } from './settings.js';

/** Data source uids the dashboards name. */
export const DATASOURCE_UIDS = { prometheus: 'prometheus', cloudwatch: 'cloudwatch' } as const;

export function datasourcesFile(bp: Blueprint): string {
  return stringify({
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus',
        uid: DATASOURCE_UIDS.prometheus,
        type: 'prometheus',
        access: 'proxy',
        url: grafanaNames(bp).prometheusUrl,
        isDefault: true,
        editable: false,
      },
      {
        name: 'CloudWatch',
        uid: DATASOURCE_UIDS.cloudwatch,
        type: 'cloudwatch',
        access: 'proxy',
        editable: false,
        // The SDK's default chain: the pod's Pod Identity credentials.
        jsonData: { authType: 'default', defaultRegion: bp.environment.region },
      },
    ],
  });
}

export function dashboardProvidersFile(): string {
  return stringify({
    apiVersion: 1,
    providers: [
      {
        name: 'vectorfort',
        type: 'file',
        disableDeletion: true,
        allowUiUpdates: false,
        updateIntervalSeconds: 60,
        options: { path: GRAFANA_PATHS.dashboards, foldersFromFilesStructure: false },
      },
    ],
  });
}

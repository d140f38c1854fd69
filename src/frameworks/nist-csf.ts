import type { Framework } from './types.js';

/** NIST Cybersecurity Framework 2.0 (Feb 2024): the subcategories a deployment artefact can bear on. */
export const NIST_CSF_2: Framework = {
  key: 'nist-csf-2.0',
  name: 'NIST Cybersecurity Framework',
  version: '2.0',
  url: 'https://nvlpubs.nist.gov/nistpubs/CSWP/NIST.CSWP.29.pdf',
  requirements: [
    {
      id: 'ID.AM-03',
      title: 'Representations of authorized network communication and data flows are maintained',
    },
    {
      id: 'ID.AM-08',
      title: 'Systems, hardware, software, services and data are managed throughout their life cycles',
    },
    { id: 'ID.RA-01', title: 'Vulnerabilities in assets are identified, validated, and recorded' },
    {
      id: 'PR.AA-01',
      title: 'Identities and credentials for authorized users, services, and hardware are managed',
    },
    { id: 'PR.AA-03', title: 'Users, services, and hardware are authenticated' },
    {
      id: 'PR.AA-05',
      title:
        'Access permissions, entitlements, and authorizations are defined, managed, enforced, and reviewed (least privilege, separation of duties)',
    },
    {
      id: 'PR.AA-06',
      title: 'Physical access to assets is managed, monitored, and enforced',
      manual: 'physical security is the cloud provider’s (SOC 2 / ISO reports of AWS)',
    },
    {
      id: 'PR.DS-01',
      title: 'The confidentiality, integrity, and availability of data-at-rest are protected',
    },
    {
      id: 'PR.DS-02',
      title: 'The confidentiality, integrity, and availability of data-in-transit are protected',
    },
    {
      id: 'PR.DS-10',
      title: 'The confidentiality, integrity, and availability of data-in-use are protected',
    },
    { id: 'PR.DS-11', title: 'Backups of data are created, protected, maintained, and tested' },
    { id: 'PR.PS-01', title: 'Configuration management practices are established and applied' },
    { id: 'PR.PS-02', title: 'Software is maintained, replaced, and removed commensurate with risk' },
    { id: 'PR.PS-04', title: 'Log records are generated and made available for continuous monitoring' },
    { id: 'PR.PS-05', title: 'Installation and execution of unauthorized software are prevented' },
    {
      id: 'PR.IR-01',
      title: 'Networks and environments are protected from unauthorized logical access and usage',
    },
    {
      id: 'PR.IR-02',
      title: "The organization's technology assets are protected from environmental threats",
      manual: 'environmental protection is the cloud provider’s',
    },
    {
      id: 'PR.IR-03',
      title: 'Mechanisms are implemented to achieve resilience requirements in normal and adverse situations',
    },
    { id: 'PR.IR-04', title: 'Adequate resource capacity to ensure availability is maintained' },
    {
      id: 'DE.CM-01',
      title: 'Networks and network services are monitored to find potentially adverse events',
    },
    {
      id: 'DE.CM-03',
      title: 'Personnel activity and technology usage are monitored to find potentially adverse events',
    },
    {
      id: 'DE.CM-06',
      title:
        'External service provider activities and services are monitored to find potentially adverse events',
    },
    {
      id: 'DE.CM-09',
      title:
        'Computing hardware and software, runtime environments, and their data are monitored to find potentially adverse events',
    },
    {
      id: 'DE.AE-02',
      title: 'Potentially adverse events are analyzed to better understand associated activities',
    },
    { id: 'DE.AE-03', title: 'Information is correlated from multiple sources' },
    { id: 'DE.AE-06', title: 'Information on adverse events is provided to authorized staff and tools' },
    {
      id: 'RS.MA-01',
      title:
        'The incident response plan is executed in coordination with relevant third parties once an incident is declared',
      manual: 'an organisational process',
    },
    {
      id: 'RS.AN-03',
      title: 'Analysis is performed to establish what has taken place during an incident and the root cause',
    },
    {
      id: 'RC.RP-01',
      title:
        'The recovery portion of the incident response plan is executed once initiated from the incident response process',
      manual:
        'an organisational process; the restore runbook is docs/backup-restore.md and the scheduled drills leave their evidence in the backups bucket',
    },
    {
      id: 'RC.RP-03',
      title:
        'The integrity of backups and other restoration assets is verified before using them for restoration',
    },
  ],
};

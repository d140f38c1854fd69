/**
 * How old attached evidence of a manual requirement may be before it no longer counts for the framework's
 * audit: a restore drill or an access review from before the period does not evidence the current one.
 * SOC 2 Type II reports cover a period of up to twelve months; ISO/IEC 27001 certificates are surveilled
 * yearly; the CIS Benchmark, AWS FSBP and NIST CSF name no period, so they take the yearly review most
 * programmes apply. An attachment manifest may ask for a shorter period per attachment.
 */
import type { FrameworkKey } from '../findings/index.js';

export const EVIDENCE_PERIOD_DAYS: Readonly<Record<FrameworkKey, number>> = {
  'nist-csf-2.0': 365,
  'iso-27001-2022': 365,
  soc2: 365,
  'cis-eks-1.8': 365,
  'aws-fsbp': 365,
  'k8s-pss': 365,
};

/** The edge controls, in id order. Each control lives in its own file in this directory. */
import type { Control } from '../types.js';
import { control as albHardening } from './alb-hardening.js';
import { control as cloudFrontTls } from './cloudfront-tls.js';
import { control as httpRedirect } from './http-redirect.js';
import { control as targetGroupRegistration } from './target-group-registration.js';
import { control as tlsPolicy } from './tls-policy.js';
import { control as wafAttached } from './waf-attached.js';
import { control as wafLogging } from './waf-logging.js';
import { control as webAclRules } from './web-acl-rules.js';

export const controls: readonly Control[] = [
  tlsPolicy,
  httpRedirect,
  albHardening,
  wafAttached,
  webAclRules,
  wafLogging,
  cloudFrontTls,
  targetGroupRegistration,
];

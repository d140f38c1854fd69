/** Administrative access: Client VPN, site-to-site VPN, MFA admin roles. Implemented by the edge work. */
import type { VectorfortStack } from '../stack.js';

export function addAdminAccess(_stack: VectorfortStack): void {}

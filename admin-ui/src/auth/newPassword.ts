/** The console's check of a new password before Cognito sees it: the user pool's policy, and the two entries agree. */
import { passwordPolicyViolations } from '../../../functions/domain/user-management.ts';

/** A translation key for what is wrong, or undefined when the password may be sent. */
export function newPasswordProblem(newPassword: string, repeated: string): string | undefined {
  if (passwordPolicyViolations(newPassword).length > 0) return 'kamflow.auth.password_policy';
  if (newPassword !== repeated) return 'kamflow.auth.passwords_differ';
  return undefined;
}

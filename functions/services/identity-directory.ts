/**
 * The identity side of a person (sign-in, temporary password, group memberships, enabled or not), behind one port.
 * The people table stays the authority for roles and reporting line; the directory mirrors them so the user pool's
 * groups and disabled flags say the same. Every operation is idempotent: repeating it after a partial failure
 * converges on the same state.
 */
import type { UserRole } from '../domain/people.ts';

export interface NewIdentity {
  readonly username: string;
  readonly displayName: string;
  readonly email: string;
  /** The person must choose a new password at their first sign-in (Cognito's FORCE_CHANGE_PASSWORD). */
  readonly temporaryPassword: string;
}

export interface IdentityDirectory {
  /**
   * Creates the identity with a temporary password; when it exists already (an earlier attempt of the same command got
   * this far), its temporary password is set again instead, so the one the administrator hands over is the one that works.
   */
  ensureIdentity(identity: NewIdentity): Promise<'created' | 'existed'>;
  /** Adds the groups of these roles and leaves the groups of other roles. */
  setRoles(username: string, roles: readonly UserRole[]): Promise<void>;
  setEnabled(username: string, enabled: boolean): Promise<void>;
}

/** The identity provider refused the request itself (not a fault): the field it is about, and why. */
export class IdentityRefusedError extends Error {
  override readonly name = 'IdentityRefusedError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

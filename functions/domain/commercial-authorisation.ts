/**
 * 商务授权: who may approve a contract, from its discount off list and its value. The matrix is configuration
 * (docs/domain.md, "Commercial authorisation"; defaults: manager ≤ 5 %, supervisor ≤ 10 %, department head ≤ 20 %,
 * beyond that provincial/group level); a committed activation time shorter than the standard for the SLA class needs
 * the same kind of sign-off.
 */
import type { UserRole } from './people.ts';

/** Approval levels, lowest first. GROUP_COMMERCIAL is the provincial / group level, held by administrators here. */
export const approvalLevels = ['KEY_ACCOUNT_MANAGER', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'GROUP_COMMERCIAL'] as const;
export type ApprovalLevel = (typeof approvalLevels)[number];

export const slaClasses = ['A', 'B', 'C', 'D'] as const;
export type SlaClass = (typeof slaClasses)[number];

/** End-to-end activation targets in working days by SLA class, resources available (docs/domain.md, "SLA classes"). */
export const standardActivationDays: Readonly<Record<SlaClass, number>> = { A: 8, B: 10, C: 12, D: 13 };

export interface AuthorisationBand {
  /** Discount off list, percent, up to and including. */
  readonly maxDiscountPercent: number;
  /** Total contract value in RMB, up to and including. */
  readonly maxContractValue: number;
  readonly level: ApprovalLevel;
}

export interface AuthorisationMatrix {
  readonly version: number;
  readonly bands: readonly AuthorisationBand[];
}

export const defaultAuthorisationMatrix: AuthorisationMatrix = {
  version: 1,
  bands: [
    { maxDiscountPercent: 5, maxContractValue: 1_000_000, level: 'KEY_ACCOUNT_MANAGER' },
    { maxDiscountPercent: 10, maxContractValue: 5_000_000, level: 'SUPERVISOR' },
    { maxDiscountPercent: 20, maxContractValue: 20_000_000, level: 'DEPARTMENT_HEAD' },
  ],
};

export interface ContractTerms {
  readonly listValue: number;
  readonly agreedValue: number;
  readonly slaClass: SlaClass;
  readonly committedActivationDays: number;
}

export interface AuthorisationDecision {
  readonly level: ApprovalLevel;
  readonly discountPercent: number;
  readonly reasons: readonly string[];
}

function higher(a: ApprovalLevel, b: ApprovalLevel): ApprovalLevel {
  return approvalLevels.indexOf(a) >= approvalLevels.indexOf(b) ? a : b;
}

export function requiredApproval(terms: ContractTerms, matrix: AuthorisationMatrix = defaultAuthorisationMatrix): AuthorisationDecision {
  if (!(terms.listValue > 0) || terms.agreedValue < 0 || terms.agreedValue > terms.listValue) {
    throw new RangeError('agreed value must be between 0 and the list value, and the list value positive');
  }
  const discountPercent = Math.round(((terms.listValue - terms.agreedValue) / terms.listValue) * 10_000) / 100;
  const band = matrix.bands.find((candidate) => discountPercent <= candidate.maxDiscountPercent && terms.agreedValue <= candidate.maxContractValue);
  let level: ApprovalLevel = band?.level ?? 'GROUP_COMMERCIAL';
  const reasons = [`discount ${discountPercent} % on RMB ${terms.agreedValue.toLocaleString('en')}: ${level}`];
  if (terms.committedActivationDays < standardActivationDays[terms.slaClass]) {
    level = higher(level, 'SUPERVISOR');
    reasons.push(`committed activation ${terms.committedActivationDays} working days is shorter than the class ${terms.slaClass} standard of ${standardActivationDays[terms.slaClass]}: at least SUPERVISOR`);
  }
  return { level, discountPercent, reasons };
}

/** The highest approval level a person's roles carry. */
export function authorityOf(roles: readonly UserRole[]): ApprovalLevel | undefined {
  if (roles.includes('ADMINISTRATOR')) return 'GROUP_COMMERCIAL';
  if (roles.includes('DEPARTMENT_HEAD')) return 'DEPARTMENT_HEAD';
  if (roles.includes('SUPERVISOR')) return 'SUPERVISOR';
  if (roles.includes('KEY_ACCOUNT_MANAGER')) return 'KEY_ACCOUNT_MANAGER';
  return undefined;
}

export function mayApprove(roles: readonly UserRole[], required: ApprovalLevel): boolean {
  const authority = authorityOf(roles);
  return authority !== undefined && approvalLevels.indexOf(authority) >= approvalLevels.indexOf(required);
}

/**
 * ValidateStateMachineDefinition: asl-validator's checks, answered in AWS's shape (`result` OK or FAIL, one diagnostic
 * per finding with AWS's codes where asl-validator names the same problem).
 */
import { createRequire } from 'node:module';
import { isJsonObject, parseJson } from './json.ts';
import type { JsonValue } from './json.ts';

export interface ValidationDiagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  readonly code: string;
  readonly message: string;
  readonly location?: string;
}

export interface DefinitionValidation {
  readonly result: 'OK' | 'FAIL';
  readonly diagnostics: ValidationDiagnostic[];
  readonly truncated: boolean;
}

/** AWS: 1–100 diagnostics per answer, 100 by default. */
const DEFAULT_MAX_DIAGNOSTICS = 100;

interface AslFinding {
  readonly code: string;
  readonly message: string;
  readonly location?: string;
}

/** asl-validator 4 ships no type declarations: its CommonJS export is narrowed here. */
function runAslValidator(definition: JsonValue): AslFinding[] {
  const validator: unknown = createRequire(import.meta.url)('asl-validator');
  if (typeof validator !== 'function') throw new Error('asl-validator does not export a function');
  const outcome: unknown = validator(definition, { checkPaths: true, checkArn: true });
  if (!isRecord(outcome) || typeof outcome.isValid !== 'boolean') throw new Error('asl-validator answered in an unknown shape');
  if (outcome.isValid) return [];
  const errors: unknown[] = Array.isArray(outcome.errors) ? outcome.errors : [outcome.errors];
  return errors.map((error): AslFinding => {
    if (!isRecord(error)) return { code: 'SCHEMA_VALIDATION_FAILED', message: String(error) };
    const code = typeof error['Error code'] === 'string' ? error['Error code'] : 'SCHEMA_VALIDATION_FAILED';
    const message = typeof error.Message === 'string' ? error.Message : JSON.stringify(error);
    const location = isRecord(error.schemaError) && typeof error.schemaError.instancePath === 'string' ? error.schemaError.instancePath : undefined;
    return { code, message, ...(location === undefined || location === '' ? {} : { location }) };
  });
}

export function validateStateMachineDefinition(definitionText: string, maxResults: number = DEFAULT_MAX_DIAGNOSTICS): DefinitionValidation {
  const limit = maxResults === 0 ? DEFAULT_MAX_DIAGNOSTICS : maxResults;
  let definition: JsonValue;
  try {
    definition = parseJson(definitionText);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { result: 'FAIL', diagnostics: [{ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message }], truncated: false };
  }
  const findings = runAslValidator(definition);
  const diagnostics = findings.slice(0, limit).map((finding): ValidationDiagnostic => ({ severity: 'ERROR', ...finding }));
  return { result: findings.length === 0 ? 'OK' : 'FAIL', diagnostics, truncated: findings.length > limit };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

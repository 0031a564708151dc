/**
 * Reads the state machine definition file at synth time, so CDK can check it against the task functions it deploys
 * and learn which tasks wait for a callback, instead of keeping a second description of the workflow in infra.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';

/** Only what infra needs from a state; every other field passes through untouched. */
interface AslState {
  readonly Type: string;
  readonly Resource?: string | undefined;
  readonly Parameters?: Readonly<Record<string, unknown>> | undefined;
  readonly Branches?: readonly AslStates[] | undefined;
  readonly ItemProcessor?: AslStates | undefined;
  readonly Iterator?: AslStates | undefined;
}

interface AslStates {
  readonly States: Readonly<Record<string, AslState>>;
}

const statesSchema: z.ZodType<AslStates> = z.lazy(() =>
  z.looseObject({
    States: z.record(
      z.string(),
      z.looseObject({
        Type: z.string(),
        Resource: z.string().optional(),
        Parameters: z.record(z.string(), z.unknown()).optional(),
        Branches: z.array(statesSchema).optional(),
        ItemProcessor: statesSchema.optional(),
        Iterator: statesSchema.optional(),
      }),
    ),
  }),
);

export interface StateMachineDefinition {
  readonly text: string;
  /** Top-level state names, in file order. */
  readonly stateNames: readonly string[];
  /** Every `${name}` placeholder anywhere in the file. */
  readonly placeholders: ReadonlySet<string>;
  /** Placeholders named as FunctionName by `.waitForTaskToken` tasks: those functions may complete their own wait. */
  readonly callbackTaskPlaceholders: ReadonlySet<string>;
}

const placeholderPattern = /\$\{([A-Za-z0-9_]+)\}/g;

export function readStateMachineDefinition(absolutePath: string): StateMachineDefinition {
  const text = readFileSync(absolutePath, 'utf8');
  const parsed = statesSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${absolutePath} is not a state machine definition: ${parsed.error.message}`);
  return {
    text,
    stateNames: Object.keys(parsed.data.States),
    placeholders: new Set(Array.from(text.matchAll(placeholderPattern), (match) => match[1] ?? '')),
    callbackTaskPlaceholders: new Set(allStates(parsed.data).flatMap(callbackPlaceholderOf)),
  };
}

function allStates(scope: AslStates): AslState[] {
  return Object.values(scope.States).flatMap((state) => [
    state,
    ...(state.Branches ?? []).flatMap(allStates),
    ...(state.ItemProcessor ? allStates(state.ItemProcessor) : []),
    ...(state.Iterator ? allStates(state.Iterator) : []),
  ]);
}

function callbackPlaceholderOf(state: AslState): string[] {
  if (state.Type !== 'Task' || !state.Resource?.endsWith('.waitForTaskToken')) return [];
  const functionName = state.Parameters?.['FunctionName'];
  const placeholder = typeof functionName === 'string' ? /^\$\{([A-Za-z0-9_]+)\}$/.exec(functionName)?.[1] : undefined;
  return placeholder ? [placeholder] : [];
}

/**
 * Fails synth when the definition and the deployed functions disagree: a placeholder nobody fills would reach AWS as
 * a literal `${...}` and fail at run time; a substitution nobody uses is a function the workflow never calls.
 */
export function assertSubstitutionsMatch(definition: StateMachineDefinition, substitutionNames: readonly string[], source: string): void {
  const provided = new Set(substitutionNames);
  const unfilled = [...definition.placeholders].filter((name) => !provided.has(name));
  const unused = substitutionNames.filter((name) => !definition.placeholders.has(name));
  if (unfilled.length > 0 || unused.length > 0) {
    throw new Error(
      `${source} and the workflow task functions disagree: ` +
        `placeholders without a function: [${unfilled.join(', ')}]; functions the definition never names: [${unused.join(', ')}]`,
    );
  }
}

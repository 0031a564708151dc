/**
 * A local AWS Step Functions service for one state machine, built on aws-local-stepfunctions@3.
 *
 * The engine interprets the states; this class supplies what it lacks or gets wrong: executions with names, ARNs and
 * statuses; every Task run by a local handler (Lambda invocation, the callback pattern with task tokens, heartbeats,
 * timeouts); time scaling; and timers that cannot overflow. See definition.ts for the rewrites of the definition.
 */
import { randomUUID } from 'node:crypto';
import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import type { RunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
import { ATTEMPT_RENEWAL_ERROR, EXECUTION_CONTEXT_KEY, TASK_TOKEN_PLACEHOLDER, loadDefinition, planEngineDefinition } from './definition.ts';
import type { EngineDefinitionPlan, LocalTaskSpec } from './definition.ts';
import { serviceErrors } from './errors.ts';
import { ExecutionHistory, stateHistoryEvent, taskHistoryEvent } from './history.ts';
import type { HistoryEventType, HistoryPage, HistoryPageRequest, PendingHistoryEvent, TaskHistoryData, TaskHistoryStep } from './history.ts';
import { cloneJson, isJsonObject, isJsonText, mapJsonStrings, parseJson, toJsonValue } from './json.ts';
import type { JsonObject, JsonValue } from './json.ts';
import { createLambdaContext, identifyFunction, lambdaErrorPayload, lambdaInvokeResult } from './lambda.ts';
import { runInvocation } from '../lambda-invocation.ts';
import type { LambdaContextLike, LocalLambdaHandler } from './lambda.ts';
import {
  StatesError,
  executionEnded,
  heartbeatTimedOut,
  lambdaFunctionFailed,
  lambdaFunctionNotFound,
  statesRuntimeError,
} from './states-errors.ts';
import { assertRunsLocally } from './supported-features.ts';
import { TaskAttempt } from './task-attempt.ts';
import { MAX_TASK_TOKEN_LENGTH, isWellFormedTaskToken, mintTaskToken } from './task-token.ts';
import { MAX_TIMER_DELAY_MS, startLongTimer } from './timers.ts';

export type { LambdaContextLike, LocalLambdaHandler };

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
const executionStatuses: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export type LocalStepFunctionsEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionAborted'
  | 'ExecutionTimedOut'
  | 'StateEntered'
  | 'StateExited'
  | 'StateFailed'
  | 'StateRetried'
  | 'StateCaught'
  | 'MapIterationStarted'
  | 'MapIterationSucceeded'
  | 'MapIterationFailed'
  | 'ParallelBranchStarted'
  | 'ParallelBranchSucceeded'
  | 'ParallelBranchFailed'
  | 'LambdaFunctionInvoked'
  | 'LambdaFunctionSucceeded'
  | 'LambdaFunctionFailed'
  | 'TaskSubmitted'
  | 'TaskHeartbeat'
  | 'TaskSucceeded'
  | 'TaskFailed'
  | 'TaskTimedOut';

/** For logs. Never carries a task token, nor state input or output (which may hold one). */
export interface LocalStepFunctionsEvent {
  readonly type: LocalStepFunctionsEventType;
  readonly executionArn: string;
  readonly timestamp: Date;
  readonly stateName?: string;
  readonly stateType?: string;
  readonly functionName?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly retryAttempt?: number;
  /** The Map or Parallel state an iteration or branch event belongs to. */
  readonly parentStateName?: string;
  readonly iterationIndex?: number;
}

export interface LocalStepFunctionsOptions {
  /** Definition as JSON text or as a parsed object, with `${Name}` placeholders. */
  readonly definition: string | object;
  /** Replaces `${Name}` in the definition, as CDK's definitionSubstitutions do. */
  readonly definitionSubstitutions: Readonly<Record<string, string>>;
  readonly stateMachineName: string;
  /** Default 'us-east-1'. */
  readonly region?: string;
  /** Default '000000000000'. */
  readonly accountId?: string;
  /** Finds the handler for a FunctionName (name or ARN, as written in the definition); undefined if none. */
  readonly resolveLambda: (functionNameOrArn: string) => LocalLambdaHandler | undefined;
  /**
   * Workflow time per real time: 1 = real time, 1440 = one workflow day per real minute. Divides Wait durations,
   * Retry intervals (and MaxDelaySeconds), Task TimeoutSeconds and HeartbeatSeconds, and the state machine's
   * TimeoutSeconds. Default 1.
   */
  readonly timeScale?: number;
  /** Observer for logs; exceptions it throws are ignored. */
  readonly onEvent?: (event: LocalStepFunctionsEvent) => void;
  /**
   * How long (real ms) a task attempt may stay pending inside the engine before it is transparently re-entered; see
   * TaskAttempt.waitForOutcome. Only tests need to change it. Default 2,000,000,000 (23 days).
   */
  readonly engineTimerLimitMs?: number;
  /** How many finished executions, and for how long, DescribeExecution and GetExecutionHistory can still read. */
  readonly retention?: FinishedExecutionRetention;
  /** The state machine's tags, as ListTagsForResource answers them. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Step Functions keeps a closed execution's history for 90 days; the local engine, which holds it in memory, also keeps
 * no more than a number of them. A finished execution goes when either limit is passed, oldest first.
 */
export interface FinishedExecutionRetention {
  /** Default 1,000. */
  readonly maxFinishedExecutions?: number;
  /** Workflow time (divided by timeScale like every other duration). Default 90 days, as on AWS. */
  readonly maxFinishedAgeSeconds?: number;
}

export const DEFAULT_MAX_FINISHED_EXECUTIONS = 1000;
export const DEFAULT_MAX_FINISHED_AGE_SECONDS = 90 * 24 * 3600;

export interface StartExecutionInput {
  readonly stateMachineArn: string;
  readonly name?: string;
  /** JSON text; default "{}". */
  readonly input?: string;
}

export interface StartExecutionOutput {
  readonly executionArn: string;
  readonly startDate: Date;
}

export interface DescribeExecutionOutput {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

export interface ListExecutionsInput {
  readonly stateMachineArn: string;
  readonly statusFilter?: ExecutionStatus;
  /** 1–1000; 0 or absent means 100. */
  readonly maxResults?: number;
  readonly nextToken?: string;
}

export interface ExecutionListItem {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
}

export interface ListExecutionsOutput {
  readonly executions: ExecutionListItem[];
  readonly nextToken?: string;
}

export interface StateMachineDescription {
  readonly stateMachineArn: string;
  readonly name: string;
  /** The definition as deployed: the file with its substitutions applied. */
  readonly definition: string;
  readonly roleArn: string;
  readonly type: 'STANDARD';
  readonly creationDate: Date;
}

export interface StopExecutionInput {
  readonly executionArn: string;
  readonly error?: string;
  readonly cause?: string;
}

export interface SendTaskSuccessInput {
  readonly taskToken: string;
  /** JSON text. */
  readonly output: string;
}

export interface SendTaskFailureInput {
  readonly taskToken: string;
  readonly error?: string;
  readonly cause?: string;
}

export interface SendTaskHeartbeatInput {
  readonly taskToken: string;
}

type EngineRunOptions = RunOptions;
type EngineTaskHandlers = NonNullable<NonNullable<EngineRunOptions['overrides']>['taskResourceLocalHandlers']>;
type EngineTaskHandler = EngineTaskHandlers[string];
type EngineRun = ReturnType<StateMachine['run']>;
type EngineEvent = EngineRun['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;

interface ExecutionRecord {
  readonly executionArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  readonly liveAttempts: Set<TaskAttempt>;
  /**
   * Attempts that raised the renewal error and are about to be re-entered by the engine, by state name and task input:
   * the concurrent iterations of a Map renew together, and their re-entries may interleave with one another's renewals.
   */
  readonly attemptsAwaitingReentry: Map<string, TaskAttempt[]>;
  /** Every token minted for the execution, to scrub them from event text. */
  readonly mintedTokens: string[];
  readonly history: ExecutionHistory;
  abortEngineRun: () => void;
  cancelExecutionTimeout: () => void;
  readonly ended: Promise<void>;
  markEnded: () => void;
  engineEventsDrained: Promise<void>;
}

type ExecutionEnding =
  | { readonly status: 'SUCCEEDED'; readonly output: string }
  | { readonly status: 'FAILED' | 'TIMED_OUT' | 'ABORTED'; readonly error?: string; readonly cause?: string };

const DEFAULT_REGION = 'us-east-1';
const DEFAULT_ACCOUNT_ID = '000000000000';
const DEFAULT_ENGINE_TIMER_LIMIT_MS = 2_000_000_000;
/** AWS's TimeoutSeconds when a Task does not set one. */
const DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;
const MAX_EXECUTION_INPUT_BYTES = 262_144;
const MAX_TASK_OUTPUT_BYTES = 262_144;
const MAX_ERROR_LENGTH = 256;
const MAX_CAUSE_LENGTH = 32_768;
const DEFAULT_WAIT_FOR_EXECUTION_MS = 30_000;
const noop = (): void => undefined;

// AWS: 1–80 characters, none of whitespace, < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : / or control characters.
const VALID_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;
const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]+$/;
const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[^:\s]+:[^:\s]+$/;

export class LocalStepFunctions {
  readonly stateMachineArn: string;
  private readonly stateMachineName: string;
  private readonly region: string;
  private readonly accountId: string;
  private readonly timeScale: number;
  private readonly engineTimerLimitMs: number;
  private readonly plan: EngineDefinitionPlan;
  private readonly engine: StateMachine;
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly executionsByName = new Map<string, ExecutionRecord>();
  /** Finished executions in the order they finished: the oldest is released first. */
  private readonly finishedExecutions = new Map<string, ExecutionRecord>();
  private readonly maxFinishedExecutions: number;
  private readonly maxFinishedAgeMs: number;
  private readonly definitionText: string;
  private readonly roleArn: string;
  private readonly creationDate = new Date();
  private readonly attemptsByToken = new Map<string, TaskAttempt>();
  /** Tokens of attempts that ended: SendTask* on them answers TaskTimedOut, as AWS does. */
  private readonly endedTokens = new Set<string>();
  private createStatesTimeout: (() => Error) | undefined;
  private closed = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.region = options.region ?? DEFAULT_REGION;
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    if (!VALID_NAME.test(options.stateMachineName)) throw new Error(`Invalid state machine name: ${options.stateMachineName}`);
    this.stateMachineName = options.stateMachineName;
    this.stateMachineArn = `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${options.stateMachineName}`;
    this.timeScale = options.timeScale ?? 1;
    if (!Number.isFinite(this.timeScale) || this.timeScale <= 0) throw new Error(`timeScale must be a positive number, got ${this.timeScale}`);
    this.engineTimerLimitMs = options.engineTimerLimitMs ?? DEFAULT_ENGINE_TIMER_LIMIT_MS;
    const engineTimerMarginMs = Math.min(60_000, this.engineTimerLimitMs);
    if (!(this.engineTimerLimitMs >= 1 && this.engineTimerLimitMs + engineTimerMarginMs <= MAX_TIMER_DELAY_MS)) {
      throw new Error(`engineTimerLimitMs must be between 1 and ${MAX_TIMER_DELAY_MS - 60_000}`);
    }

    const definition = loadDefinition(options.definition, options.definitionSubstitutions);
    assertRunsLocally(definition);
    this.definitionText = JSON.stringify(definition);
    this.roleArn = `arn:aws:iam::${this.accountId}:role/${options.stateMachineName}-role`;
    this.maxFinishedExecutions = options.retention?.maxFinishedExecutions ?? DEFAULT_MAX_FINISHED_EXECUTIONS;
    if (!Number.isInteger(this.maxFinishedExecutions) || this.maxFinishedExecutions < 0) {
      throw new Error(`retention.maxFinishedExecutions must be a non-negative integer, got ${this.maxFinishedExecutions}`);
    }
    const maxFinishedAgeSeconds = options.retention?.maxFinishedAgeSeconds ?? DEFAULT_MAX_FINISHED_AGE_SECONDS;
    if (!(maxFinishedAgeSeconds >= 0)) throw new Error(`retention.maxFinishedAgeSeconds must be non-negative, got ${maxFinishedAgeSeconds}`);
    this.maxFinishedAgeMs = this.scaledMs(maxFinishedAgeSeconds);
    // The engine's own validator (asl-validator 3, with ARN and path checks) runs on the definition as written; it
    // mutates what it is given, hence the copy.
    new StateMachine(engineDefinitionOf(cloneJson(definition)));
    this.plan = planEngineDefinition(definition, {
      timeScale: this.timeScale,
      engineTaskTimerSeconds: (this.engineTimerLimitMs + engineTimerMarginMs) / 1000,
    });
    this.engine = new StateMachine(engineDefinitionOf(this.plan.engineDefinition), { validationOptions: { noValidate: true } });
  }

  async startExecution(input: StartExecutionInput): Promise<StartExecutionOutput> {
    if (this.closed) throw serviceErrors.validation('The local Step Functions runtime has been closed');
    this.assertThisStateMachine(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    if (!VALID_NAME.test(name)) throw serviceErrors.invalidName(name);
    const inputText = input.input ?? '{}';
    if (Buffer.byteLength(inputText) > MAX_EXECUTION_INPUT_BYTES) {
      throw serviceErrors.validation(`Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_EXECUTION_INPUT_BYTES}`);
    }
    if (!isJsonText(inputText)) throw serviceErrors.invalidExecutionInput('Input is not valid JSON');
    this.createStatesTimeout ??= await loadStatesTimeoutFactory();

    // Checked after the await: a concurrent start with the same name may have won meanwhile.
    const existing = this.executionsByName.get(name);
    if (existing !== undefined) {
      // Idempotent for a running execution with the same name and input; any other reuse of a name is an error.
      if (existing.status === 'RUNNING' && existing.input === inputText) {
        return { executionArn: existing.executionArn, startDate: existing.startDate };
      }
      throw serviceErrors.executionAlreadyExists(existing.executionArn);
    }
    if (this.closed) throw serviceErrors.validation('The local Step Functions runtime has been closed');
    const record = this.createExecutionRecord(name, inputText);
    this.runExecution(record);
    return { executionArn: record.executionArn, startDate: record.startDate };
  }

  async describeExecution(input: { readonly executionArn: string }): Promise<DescribeExecutionOutput> {
    return describe(this.requireExecution(input.executionArn), this.stateMachineArn);
  }

  async getExecutionHistory(input: HistoryPageRequest): Promise<HistoryPage> {
    return this.requireExecution(input.executionArn).history.page(input);
  }

  async describeStateMachine(input: { readonly stateMachineArn: string }): Promise<StateMachineDescription> {
    this.assertThisStateMachine(input.stateMachineArn);
    return this.stateMachineDescription();
  }

  async describeStateMachineForExecution(input: { readonly executionArn: string }): Promise<StateMachineDescription> {
    this.requireExecution(input.executionArn);
    return this.stateMachineDescription();
  }

  /** This engine runs one state machine: the list has it alone. */
  async listStateMachines(): Promise<{ stateMachines: Array<Pick<StateMachineDescription, 'stateMachineArn' | 'name' | 'type' | 'creationDate'>> }> {
    const { stateMachineArn, name, type, creationDate } = this.stateMachineDescription();
    return { stateMachines: [{ stateMachineArn, name, type, creationDate }] };
  }

  async listTagsForResource(input: { readonly resourceArn: string }): Promise<{ tags: Array<{ key: string; value: string }> }> {
    const resourceArn = input.resourceArn;
    if (typeof resourceArn !== 'string' || !STATE_MACHINE_ARN.test(resourceArn)) throw serviceErrors.invalidArn(String(resourceArn));
    if (resourceArn !== this.stateMachineArn) throw serviceErrors.resourceNotFound(resourceArn);
    return { tags: Object.entries(this.options.tags ?? {}).map(([key, value]) => ({ key, value })) };
  }

  /** Executions held in memory, running or finished; bounded by the retention settings plus those running. */
  get heldExecutionCount(): number {
    return this.executions.size;
  }

  async listExecutions(input: ListExecutionsInput): Promise<ListExecutionsOutput> {
    this.assertThisStateMachine(input.stateMachineArn);
    if (input.statusFilter !== undefined && !executionStatuses.includes(input.statusFilter)) {
      throw serviceErrors.validation(`Value '${String(input.statusFilter)}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${executionStatuses.join(', ')}]`);
    }
    const maxResults = input.maxResults === undefined || input.maxResults === 0 ? 100 : input.maxResults;
    if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 1000) {
      throw serviceErrors.validation("Value at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 1000");
    }
    const offset = input.nextToken === undefined ? 0 : decodeListToken(input.nextToken);
    this.releaseExpiredExecutions();
    // Newest first, as AWS lists them.
    const matching = [...this.executions.values()]
      .filter((record) => input.statusFilter === undefined || record.status === input.statusFilter)
      .reverse();
    const page = matching.slice(offset, offset + maxResults).map((record): ExecutionListItem => ({
      executionArn: record.executionArn,
      stateMachineArn: this.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: record.startDate,
      ...(record.stopDate === undefined ? {} : { stopDate: record.stopDate }),
    }));
    const nextOffset = offset + maxResults;
    return nextOffset < matching.length ? { executions: page, nextToken: encodeListToken(nextOffset) } : { executions: page };
  }

  async stopExecution(input: StopExecutionInput): Promise<{ stopDate: Date }> {
    assertErrorAndCause(input.error, input.cause);
    const record = this.requireExecution(input.executionArn);
    this.endExecution(record, {
      status: 'ABORTED',
      ...(input.error === undefined ? {} : { error: input.error }),
      ...(input.cause === undefined ? {} : { cause: input.cause }),
    });
    return { stopDate: record.stopDate ?? new Date() };
  }

  async sendTaskSuccess(input: SendTaskSuccessInput): Promise<void> {
    const token = requireTokenShape(input.taskToken);
    if (typeof input.output !== 'string') throw serviceErrors.validation("Value at 'output' failed to satisfy constraint: Member must not be null");
    if (Buffer.byteLength(input.output) > MAX_TASK_OUTPUT_BYTES) {
      throw serviceErrors.validation(`Value at 'output' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TASK_OUTPUT_BYTES}`);
    }
    if (!isJsonText(input.output)) throw serviceErrors.invalidOutput('Output is not valid JSON');
    const attempt = this.liveAttemptOf(token);
    this.publishLater(
      { type: 'TaskSucceeded', executionArn: attempt.executionArn, stateName: attempt.stateName },
      this.taskHistory(attempt.stateName, 'Succeeded', { output: input.output }),
    );
    attempt.succeed(parseJson(input.output));
  }

  async sendTaskFailure(input: SendTaskFailureInput): Promise<void> {
    const token = requireTokenShape(input.taskToken);
    assertErrorAndCause(input.error, input.cause);
    const attempt = this.liveAttemptOf(token);
    // SendTaskFailure's error and cause become the task's error and Cause, empty when not given.
    const error = input.error ?? '';
    const cause = input.cause ?? '';
    this.publishLater(
      { type: 'TaskFailed', executionArn: attempt.executionArn, stateName: attempt.stateName, error, cause },
      this.taskHistory(attempt.stateName, 'Failed', { error, cause }),
    );
    attempt.fail(new StatesError(error, cause));
  }

  async sendTaskHeartbeat(input: SendTaskHeartbeatInput): Promise<void> {
    const token = requireTokenShape(input.taskToken);
    const attempt = this.liveAttemptOf(token);
    const spec = this.plan.tasks.get(attempt.stateName);
    if (spec?.kind === 'lambda-invoke-callback' && spec.heartbeatSeconds !== undefined) this.armHeartbeat(attempt, spec.heartbeatSeconds);
    this.publishLater({ type: 'TaskHeartbeat', executionArn: attempt.executionArn, stateName: attempt.stateName });
  }

  /** Resolves with the description once the execution is no longer RUNNING; rejects after `timeoutMs`. */
  async waitForExecution(executionArn: string, timeoutMs: number = DEFAULT_WAIT_FOR_EXECUTION_MS): Promise<DescribeExecutionOutput> {
    const record = this.requireExecution(executionArn);
    if (record.status === 'RUNNING') {
      await new Promise<void>((resolve, reject) => {
        const cancelTimer = startLongTimer(timeoutMs, () => {
          reject(new Error(`Execution ${executionArn} is still ${record.status} after ${timeoutMs} ms`));
        });
        void record.ended.then(() => {
          cancelTimer();
          resolve();
        });
      });
    }
    return describe(record, this.stateMachineArn);
  }

  /** Aborts every running execution and clears every timer. Safe to call more than once. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const record of this.executions.values()) this.endExecution(record, { status: 'ABORTED' });
    }
    await Promise.all([...this.executions.values()].map((record) => record.engineEventsDrained));
    // Lets the events published with publishLater reach onEvent before close resolves.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private createExecutionRecord(name: string, inputText: string): ExecutionRecord {
    let markEnded: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => {
      markEnded = resolve;
    });
    const record: ExecutionRecord = {
      executionArn: `arn:aws:states:${this.region}:${this.accountId}:execution:${this.stateMachineName}:${name}`,
      name,
      input: inputText,
      startDate: new Date(),
      status: 'RUNNING',
      liveAttempts: new Set(),
      attemptsAwaitingReentry: new Map(),
      mintedTokens: [],
      history: new ExecutionHistory(),
      abortEngineRun: noop,
      cancelExecutionTimeout: noop,
      ended,
      markEnded,
      engineEventsDrained: Promise.resolve(),
    };
    this.executions.set(record.executionArn, record);
    this.executionsByName.set(name, record);
    return record;
  }

  private runExecution(record: ExecutionRecord): void {
    const input = parseJson(record.input);
    const execution: JsonObject = {
      Id: record.executionArn,
      Input: input,
      Name: record.name,
      RoleArn: this.roleArn,
      StartTime: record.startDate.toISOString(),
      RedriveCount: 0,
    };
    record.history.append(
      'ExecutionStarted',
      { input: record.input, inputDetails: { truncated: false }, roleArn: this.roleArn },
      record.startDate,
    );
    const run = this.engine.run(input, {
      overrides: { taskResourceLocalHandlers: this.engineTaskHandlersFor(record) },
      context: {
        Execution: { Id: execution.Id, Name: execution.Name, RoleArn: execution.RoleArn, RedriveCount: 0 },
        [EXECUTION_CONTEXT_KEY]: execution,
        StateMachine: { Id: this.stateMachineArn, Name: this.stateMachineName },
        Task: { Token: TASK_TOKEN_PLACEHOLDER },
      },
      // Aborts are recorded by endExecution; the engine only needs to stop.
      noThrowOnAbort: true,
    });
    record.abortEngineRun = run.abort;
    record.engineEventsDrained = this.forwardEngineEvents(record, run.eventLogs);
    this.publishLater({ type: 'ExecutionStarted', executionArn: record.executionArn });

    if (this.plan.executionTimeoutSeconds !== undefined) {
      record.cancelExecutionTimeout = startLongTimer(this.scaledMs(this.plan.executionTimeoutSeconds), () => {
        this.endExecution(record, { status: 'TIMED_OUT', error: 'States.Timeout' });
      });
    }
    run.result.then(
      (output) => this.endExecution(record, { status: 'SUCCEEDED', output: JSON.stringify(output) }),
      (error: unknown) => this.endExecution(record, { status: 'FAILED', ...failureOf(error) }),
    );
  }

  /** Moves a RUNNING execution to its final status exactly once; later calls change nothing. */
  private endExecution(record: ExecutionRecord, ending: ExecutionEnding): void {
    if (record.status !== 'RUNNING') return;
    record.status = ending.status;
    record.stopDate = new Date();
    if (ending.status === 'SUCCEEDED') {
      record.output = ending.output;
    } else {
      if (ending.error !== undefined) record.error = ending.error;
      if (ending.cause !== undefined) record.cause = ending.cause;
    }
    record.cancelExecutionTimeout();
    if (ending.status === 'ABORTED' || ending.status === 'TIMED_OUT') record.abortEngineRun();
    // The closures hold the engine's run (its whole state tree): a finished execution keeps only what the API reads.
    record.cancelExecutionTimeout = noop;
    record.abortEngineRun = noop;
    // An aborted engine still waits for its current state, and a failed Parallel leaves its other branches' tasks
    // pending: ending them spends their tokens and cancels their timers.
    for (const attempt of [...record.liveAttempts]) attempt.fail(executionEnded());
    record.attemptsAwaitingReentry.clear();
    record.markEnded();
    const finalEvent: Omit<LocalStepFunctionsEvent, 'timestamp'> = {
      type: finalEventTypes[ending.status],
      executionArn: record.executionArn,
      ...(record.error === undefined ? {} : { error: record.error }),
      ...(record.cause === undefined ? {} : { cause: record.cause }),
    };
    const finalDetails: JsonObject =
      ending.status === 'SUCCEEDED'
        ? { output: ending.output, outputDetails: { truncated: false } }
        : { ...(record.error === undefined ? {} : { error: record.error }), ...(record.cause === undefined ? {} : { cause: record.cause }) };
    // After the engine's own events, so a log reads in order.
    void record.engineEventsDrained.then(() => this.publishLater(finalEvent, { type: finalEventTypes[ending.status], details: finalDetails }, record));
    this.finishedExecutions.set(record.executionArn, record);
    this.releaseExpiredExecutions();
  }

  /** Drops finished executions past the retention limits, oldest first (see FinishedExecutionRetention). */
  private releaseExpiredExecutions(now: number = Date.now()): void {
    for (const record of this.finishedExecutions.values()) {
      const tooMany = this.finishedExecutions.size > this.maxFinishedExecutions;
      const tooOld = record.stopDate !== undefined && now - record.stopDate.getTime() > this.maxFinishedAgeMs;
      if (!tooMany && !tooOld) return;
      this.finishedExecutions.delete(record.executionArn);
      this.executions.delete(record.executionArn);
      if (this.executionsByName.get(record.name) === record) this.executionsByName.delete(record.name);
      for (const token of record.mintedTokens) this.endedTokens.delete(token);
    }
  }

  private stateMachineDescription(): StateMachineDescription {
    return {
      stateMachineArn: this.stateMachineArn,
      name: this.stateMachineName,
      definition: this.definitionText,
      roleArn: this.roleArn,
      type: 'STANDARD',
      creationDate: this.creationDate,
    };
  }

  private taskHistory(stateName: string, step: TaskHistoryStep, data: TaskHistoryData = {}): PendingHistoryEvent | undefined {
    const spec = this.plan.tasks.get(stateName);
    return spec === undefined ? undefined : taskHistoryEvent(spec, this.region, step, data);
  }

  private engineTaskHandlersFor(record: ExecutionRecord): EngineTaskHandlers {
    const handlers: EngineTaskHandlers = {};
    for (const [stateName, spec] of this.plan.tasks) {
      const handler: EngineTaskHandler = (taskInput) => {
        const reentryKey = `${stateName}\u0000${JSON.stringify(taskInput)}`;
        const waiting = record.attemptsAwaitingReentry.get(reentryKey);
        const reentered = waiting?.shift();
        if (waiting?.length === 0) record.attemptsAwaitingReentry.delete(reentryKey);
        if (reentered !== undefined) return this.waitForAttempt(record, reentered, reentryKey);
        if (record.status !== 'RUNNING') return Promise.reject(executionEnded());
        try {
          return this.waitForAttempt(record, this.startAttempt(record, stateName, spec, taskInput), reentryKey);
        } catch (error) {
          return Promise.reject(error);
        }
      };
      handlers[stateName] = handler;
    }
    return handlers;
  }

  private waitForAttempt(record: ExecutionRecord, attempt: TaskAttempt, reentryKey: string): Promise<JsonValue> {
    return attempt.waitForOutcome(this.engineTimerLimitMs, () => {
      // The engine re-enters the state right away with the same input; until then the attempt waits under that key.
      record.attemptsAwaitingReentry.set(reentryKey, [...(record.attemptsAwaitingReentry.get(reentryKey) ?? []), attempt]);
      return new StatesError(ATTEMPT_RENEWAL_ERROR, '', { retryable: true, catchable: false });
    });
  }

  /** `taskInput` is the state's input after InputPath and Parameters, as the engine passes it. */
  private startAttempt(record: ExecutionRecord, stateName: string, spec: LocalTaskSpec, taskInput: JsonValue): TaskAttempt {
    if (spec.kind === 'wait') return this.startWait(record, stateName, taskInput);

    const { functionName, payload } =
      spec.kind === 'lambda-function' ? { functionName: spec.functionArn, payload: taskInput } : lambdaInvokeParameters(stateName, taskInput);
    const taskToken = spec.kind === 'lambda-invoke-callback' ? mintTaskToken() : undefined;
    const attempt = this.registerAttempt(record, stateName, taskToken);
    attempt.failAfter(this.scaledMs(spec.timeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS), () => {
      this.publishLater(
        { type: 'TaskTimedOut', executionArn: record.executionArn, stateName, error: 'States.Timeout' },
        this.taskHistory(stateName, 'TimedOut', { error: 'States.Timeout', cause: '' }),
      );
      return this.statesTimeout();
    });
    const withToken = (value: JsonValue): JsonValue =>
      taskToken === undefined ? value : mapJsonStrings(value, (text) => text.replaceAll(TASK_TOKEN_PLACEHOLDER, taskToken));
    const event = withToken(payload);
    if (spec.kind === 'lambda-invoke-callback' && spec.heartbeatSeconds !== undefined) this.armHeartbeat(attempt, spec.heartbeatSeconds);
    // The task's parameters as AWS records them: for a callback task they hold its token, there and nowhere else.
    this.publishLater(undefined, this.taskHistory(stateName, 'Scheduled', { parameters: JSON.stringify(withToken(spec.kind === 'lambda-function' ? payload : taskInput)) }), record);
    // Not awaited: the engine must get the attempt's promise now, and a handler may call SendTaskSuccess before it
    // returns. Whatever goes wrong in there (a throwing resolveLambda included) fails the task, not the process.
    this.invokeFunction(record, attempt, spec, functionName, event).catch((thrown: unknown) => {
      attempt.fail(lambdaFunctionFailed(lambdaErrorPayload(thrown)));
    });
    return attempt;
  }

  private async invokeFunction(record: ExecutionRecord, attempt: TaskAttempt, spec: LocalTaskSpec, functionNameOrArn: string, event: JsonValue): Promise<void> {
    // Leaves the engine's call stack before any handler code runs.
    await Promise.resolve();
    const requestId = randomUUID();
    const identity = identifyFunction(functionNameOrArn, this.region, this.accountId);
    const handler = this.options.resolveLambda(functionNameOrArn);
    const base = { executionArn: record.executionArn, stateName: attempt.stateName, functionName: identity.functionName };
    const stateName = attempt.stateName;
    if (handler === undefined) {
      const error = lambdaFunctionNotFound(identity.invokedFunctionArn, requestId);
      this.failTask(record, attempt, error, identity.functionName);
      return;
    }
    this.publishLater({ ...base, type: 'LambdaFunctionInvoked' }, this.taskHistory(stateName, 'Started'));
    let result: unknown;
    try {
      result = await runInvocation(createLambdaContext(identity, requestId), (context) => handler(cloneJson(event), context));
    } catch (thrown) {
      const error = lambdaFunctionFailed(lambdaErrorPayload(thrown));
      this.failTask(record, attempt, error, identity.functionName);
      return;
    }
    let payload: JsonValue;
    try {
      payload = toJsonValue(result);
    } catch (thrown) {
      const error = lambdaFunctionFailed({ errorType: 'Runtime.MarshalError', errorMessage: thrown instanceof Error ? thrown.message : String(thrown), trace: [] });
      this.failTask(record, attempt, error, identity.functionName);
      return;
    }
    const taskResult = spec.kind === 'lambda-function' ? payload : lambdaInvokeResult(payload, requestId);
    if (spec.kind === 'lambda-invoke-callback') {
      this.publishLater({ ...base, type: 'LambdaFunctionSucceeded' });
      if (!attempt.hasEnded) {
        this.publishLater({ executionArn: record.executionArn, stateName, type: 'TaskSubmitted' }, this.taskHistory(stateName, 'Submitted', { output: JSON.stringify(taskResult) }));
      }
      return;
    }
    // A task that already ended (timed out, execution stopped) records no outcome.
    if (attempt.hasEnded) return;
    this.publishLater({ ...base, type: 'LambdaFunctionSucceeded' }, this.taskHistory(stateName, 'Succeeded', { output: JSON.stringify(taskResult) }));
    attempt.succeed(taskResult);
  }

  /** Fails a task attempt still pending (one that timed out or was stopped meanwhile records nothing more). */
  private failTask(record: ExecutionRecord, attempt: TaskAttempt, error: StatesError, functionName: string): void {
    if (attempt.hasEnded) return;
    this.publishLater(
      { type: 'LambdaFunctionFailed', executionArn: record.executionArn, stateName: attempt.stateName, functionName, error: error.name, cause: error.message },
      this.taskHistory(attempt.stateName, 'Failed', { error: error.name, cause: error.message }),
    );
    attempt.fail(error);
  }

  /** A Wait state, run as a Task (see definition.ts): `{ input, seconds | timestamp }` from its Parameters. */
  private startWait(record: ExecutionRecord, stateName: string, taskInput: JsonValue): TaskAttempt {
    if (!isJsonObject(taskInput)) throw statesRuntimeError(`Wait state ${stateName} got no input`);
    const stateInput = taskInput.input ?? null;
    let delayMs: number;
    if ('seconds' in taskInput) {
      const seconds = taskInput.seconds;
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        throw statesRuntimeError(`The Wait state ${stateName} needs a non-negative integer number of seconds, got ${JSON.stringify(seconds)}`);
      }
      delayMs = this.scaledMs(seconds);
    } else {
      const timestamp = taskInput.timestamp;
      if (typeof timestamp !== 'string' || !RFC3339_TIMESTAMP.test(timestamp)) {
        throw statesRuntimeError(`The Wait state ${stateName} needs an RFC 3339 timestamp, got ${JSON.stringify(timestamp)}`);
      }
      // The time left until the timestamp is workflow time too, so it is scaled like Seconds.
      delayMs = Math.max(0, Date.parse(timestamp) - Date.now()) / this.timeScale;
    }
    const attempt = this.registerAttempt(record, stateName, undefined);
    attempt.succeedAfter(delayMs, stateInput);
    return attempt;
  }

  private armHeartbeat(attempt: TaskAttempt, heartbeatSeconds: number): void {
    attempt.armHeartbeat(this.scaledMs(heartbeatSeconds), () => {
      this.publishLater(
        { type: 'TaskTimedOut', executionArn: attempt.executionArn, stateName: attempt.stateName, error: 'States.HeartbeatTimeout' },
        this.taskHistory(attempt.stateName, 'TimedOut', { error: 'States.HeartbeatTimeout', cause: '' }),
      );
      return heartbeatTimedOut();
    });
  }

  private registerAttempt(record: ExecutionRecord, stateName: string, taskToken: string | undefined): TaskAttempt {
    const attempt = new TaskAttempt(record.executionArn, stateName, taskToken, (ended) => {
      record.liveAttempts.delete(ended);
      if (ended.taskToken !== undefined) {
        this.attemptsByToken.delete(ended.taskToken);
        this.endedTokens.add(ended.taskToken);
      }
    });
    record.liveAttempts.add(attempt);
    if (taskToken !== undefined) {
      this.attemptsByToken.set(taskToken, attempt);
      record.mintedTokens.push(taskToken);
    }
    return attempt;
  }

  private liveAttemptOf(taskToken: string): TaskAttempt {
    const attempt = this.attemptsByToken.get(taskToken);
    if (attempt !== undefined) return attempt;
    if (this.endedTokens.has(taskToken)) throw serviceErrors.taskTimedOut();
    throw serviceErrors.taskDoesNotExist();
  }

  private statesTimeout(): Error {
    if (this.createStatesTimeout === undefined) throw new Error('The engine States.Timeout error class was not loaded');
    return this.createStatesTimeout();
  }

  private scaledMs(seconds: number): number {
    return (seconds * 1000) / this.timeScale;
  }

  private assertThisStateMachine(stateMachineArn: unknown): void {
    if (typeof stateMachineArn !== 'string' || !STATE_MACHINE_ARN.test(stateMachineArn)) throw serviceErrors.invalidArn(String(stateMachineArn));
    if (stateMachineArn !== this.stateMachineArn) throw serviceErrors.stateMachineDoesNotExist(stateMachineArn);
  }

  private requireExecution(executionArn: unknown): ExecutionRecord {
    if (typeof executionArn !== 'string' || !EXECUTION_ARN.test(executionArn)) throw serviceErrors.invalidArn(String(executionArn));
    this.releaseExpiredExecutions();
    const record = this.executions.get(executionArn);
    if (record === undefined) throw serviceErrors.executionDoesNotExist(executionArn);
    return record;
  }

  private async forwardEngineEvents(record: ExecutionRecord, eventLogs: EngineRun['eventLogs']): Promise<void> {
    try {
      for await (const event of eventLogs) {
        const history = this.historyOfEngineEvent(event);
        if (history !== undefined) record.history.append(history.type, history.details, new Date(event.timestamp));
        const translated = this.translateEngineEvent(record, event);
        if (translated !== undefined) this.publish(translated, record);
      }
    } catch {
      // Only logging is lost.
    }
  }

  private translateEngineEvent(record: ExecutionRecord, event: EngineEvent): LocalStepFunctionsEvent | undefined {
    const base = { executionArn: record.executionArn, timestamp: new Date(event.timestamp) };
    switch (event.type) {
      case 'StateEntered':
      case 'StateExited':
      case 'StateCaught':
        return { ...base, type: event.type, ...this.stateFields(event.state.name) };
      case 'StateFailed':
        if (event.Error === ATTEMPT_RENEWAL_ERROR) return undefined;
        return { ...base, type: event.type, ...this.stateFields(event.state.name), error: event.Error, cause: causeText(event.Cause) };
      case 'StateRetried':
        if (event.retry.retrier.ErrorEquals.includes(ATTEMPT_RENEWAL_ERROR)) return undefined;
        return { ...base, type: event.type, ...this.stateFields(event.state.name), retryAttempt: event.retry.attempt };
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
        return { ...base, type: event.type, parentStateName: event.parentState.name, iterationIndex: event.index };
      case 'MapIterationFailed':
        return { ...base, type: event.type, parentStateName: event.parentState.name, iterationIndex: event.index, error: event.Error, cause: causeText(event.Cause) };
      case 'ParallelBranchStarted':
      case 'ParallelBranchSucceeded':
        return { ...base, type: event.type, parentStateName: event.parentState.name };
      case 'ParallelBranchFailed':
        return { ...base, type: event.type, parentStateName: event.parentState.name, error: event.Error, cause: causeText(event.Cause) };
      default:
        // Execution-level events are published by endExecution, which also knows about stops and timeouts.
        return undefined;
    }
  }

  /** The history event of an engine event: state entries and exits, Map iterations, Parallel states' outcome. */
  private historyOfEngineEvent(event: EngineEvent): PendingHistoryEvent | undefined {
    switch (event.type) {
      case 'StateEntered':
        return stateHistoryEvent('Entered', this.plan.stateTypes.get(event.state.name) ?? event.state.type, event.state.name, event.state.input);
      case 'StateExited':
        return stateHistoryEvent('Exited', this.plan.stateTypes.get(event.state.name) ?? event.state.type, event.state.name, event.state.output ?? null);
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        return { type: event.type, details: { name: event.parentState.name, index: event.index } };
      default:
        return undefined;
    }
  }

  private stateFields(stateName: string): { stateName: string; stateType?: string } {
    const stateType = this.plan.stateTypes.get(stateName);
    return stateType === undefined ? { stateName } : { stateName, stateType };
  }

  /**
   * Events raised here are published on the next turn of the event loop: by then the engine's events of the same
   * moment have come through its async generator, and (see TaskAttempt.succeed) the engine has not yet reacted to
   * the task outcome being reported — so a log reads in causal order.
   */
  private publishLater(
    event: Omit<LocalStepFunctionsEvent, 'timestamp'> | undefined,
    history?: PendingHistoryEvent,
    record: ExecutionRecord | undefined = event === undefined ? undefined : this.executions.get(event.executionArn),
  ): void {
    const timestamp = new Date();
    setImmediate(() => {
      if (history !== undefined) record?.history.append(history.type, history.details, timestamp);
      if (event !== undefined) this.publish({ ...event, timestamp }, record);
    });
  }

  private publish(event: LocalStepFunctionsEvent, record: ExecutionRecord | undefined): void {
    const onEvent = this.options.onEvent;
    if (onEvent === undefined) return;
    const scrub = (text: string | undefined): string | undefined =>
      text === undefined || record === undefined ? text : record.mintedTokens.reduce((scrubbed, token) => scrubbed.replaceAll(token, '[task token]'), text);
    const error = scrub(event.error);
    const cause = scrub(event.cause);
    try {
      onEvent({ ...event, ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) });
    } catch {
      // An observer must not break executions.
    }
  }
}

const finalEventTypes: Record<ExecutionEnding['status'], LocalStepFunctionsEventType & HistoryEventType> = {
  SUCCEEDED: 'ExecutionSucceeded',
  FAILED: 'ExecutionFailed',
  TIMED_OUT: 'ExecutionTimedOut',
  ABORTED: 'ExecutionAborted',
};

const RFC3339_TIMESTAMP = /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

function engineDefinitionOf(definition: JsonObject): StateMachineDefinition {
  if (!isEngineDefinition(definition)) throw new Error('The state machine definition needs StartAt and States');
  return definition;
}

function isEngineDefinition(definition: JsonObject): definition is JsonObject & StateMachineDefinition {
  return typeof definition.StartAt === 'string' && isJsonObject(definition.States);
}

function describe(record: ExecutionRecord, stateMachineArn: string): DescribeExecutionOutput {
  return {
    executionArn: record.executionArn,
    stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: record.startDate,
    input: record.input,
    ...(record.stopDate === undefined ? {} : { stopDate: record.stopDate }),
    ...(record.output === undefined ? {} : { output: record.output }),
    ...(record.error === undefined ? {} : { error: record.error }),
    ...(record.cause === undefined ? {} : { cause: record.cause }),
  };
}

/** FunctionName and Payload of a lambda:invoke task, from its input after Parameters. */
function lambdaInvokeParameters(stateName: string, taskInput: JsonValue): { functionName: string; payload: JsonValue } {
  if (!isJsonObject(taskInput) || typeof taskInput.FunctionName !== 'string') {
    throw statesRuntimeError(`The lambda:invoke Task ${stateName} needs a string FunctionName in its Parameters`);
  }
  // Invoking without a Payload sends Lambda an empty JSON object.
  return { functionName: taskInput.FunctionName, payload: taskInput.Payload ?? {} };
}

/** The error and cause an execution failed with, from what the engine's run rejected with. */
function failureOf(error: unknown): { error?: string; cause?: string } {
  const failure = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
  if (!(failure instanceof Error)) return { error: 'States.Runtime', cause: String(failure) };
  // A Fail state without Error/Cause: the engine substitutes these defaults, AWS reports nothing.
  const name = failure.name === 'FailStateError' ? undefined : failure.name;
  const cause = failure.message === 'Execution failed because of a Fail state' ? undefined : failure.message;
  return { ...(name === undefined ? {} : { error: name }), ...(cause === undefined ? {} : { cause }) };
}

function causeText(cause: unknown): string {
  return typeof cause === 'string' ? cause : JSON.stringify(cause) ?? '';
}

function requireTokenShape(taskToken: unknown): string {
  if (typeof taskToken !== 'string' || taskToken.length === 0 || taskToken.length > MAX_TASK_TOKEN_LENGTH) {
    throw serviceErrors.validation(`Value at 'taskToken' failed to satisfy constraint: Member must have length between 1 and ${MAX_TASK_TOKEN_LENGTH}`);
  }
  if (!isWellFormedTaskToken(taskToken)) throw serviceErrors.invalidToken();
  return taskToken;
}

function assertErrorAndCause(error: unknown, cause: unknown): void {
  if (error !== undefined && (typeof error !== 'string' || error.length > MAX_ERROR_LENGTH)) {
    throw serviceErrors.validation(`Value at 'error' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ERROR_LENGTH}`);
  }
  if (cause !== undefined && (typeof cause !== 'string' || cause.length > MAX_CAUSE_LENGTH)) {
    throw serviceErrors.validation(`Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to ${MAX_CAUSE_LENGTH}`);
  }
}

function encodeListToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

function decodeListToken(nextToken: string): number {
  try {
    const decoded = parseJson(Buffer.from(nextToken, 'base64').toString('utf8'));
    if (isJsonObject(decoded) && typeof decoded.offset === 'number' && Number.isInteger(decoded.offset) && decoded.offset >= 0) return decoded.offset;
  } catch {
    // Falls through to InvalidToken.
  }
  throw serviceErrors.invalidToken('Invalid nextToken');
}

let statesTimeoutFactory: Promise<() => Error> | undefined;

/**
 * The engine's `States.TaskFailed` wildcard excludes timeouts by `instanceof` its internal StatesTimeoutError class,
 * which is not exported. A 1 ms probe run hands us an instance; our task timeouts are built from its class so that
 * Retry/Catch on States.TaskFailed treat them as AWS does (not matched).
 */
function loadStatesTimeoutFactory(): Promise<() => Error> {
  statesTimeoutFactory ??= probeStatesTimeoutClass();
  return statesTimeoutFactory;
}

async function probeStatesTimeoutClass(): Promise<() => Error> {
  const probe = new StateMachine(
    { StartAt: 'Probe', States: { Probe: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:probe', TimeoutSeconds: 0.001, End: true } } },
    { validationOptions: { noValidate: true } },
  );
  const neverSettles = new Promise<JsonValue>(() => undefined);
  const { result } = probe.run(null, { overrides: { taskResourceLocalHandlers: { Probe: () => neverSettles } } });
  try {
    await result;
  } catch (error) {
    if (error instanceof ExecutionError && error.cause instanceof Error && error.cause.name === 'States.Timeout') {
      const engineTimeoutClass = error.cause.constructor;
      return () => {
        const timeout: unknown = Reflect.construct(engineTimeoutClass, []);
        if (!(timeout instanceof Error)) throw new Error('The engine States.Timeout class did not construct an Error');
        // AWS records an empty Cause for a task timeout.
        timeout.message = '';
        return timeout;
      };
    }
  }
  throw new Error('Could not obtain the engine States.Timeout error class');
}

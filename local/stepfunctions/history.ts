/**
 * An execution's history as GetExecutionHistory returns it: AWS's event types, each with its `*EventDetails`, numbered
 * from 1 in the order they happened.
 *
 * previousEventId is the event appended just before (0 for ExecutionStarted). AWS links an event to its cause, which is
 * the same thing for a linear execution; events of concurrent Parallel branches or Map iterations interleave here.
 */
import type { LocalTaskSpec } from './definition.ts';
import { isJsonObject, parseJson } from './json.ts';
import type { JsonObject, JsonValue } from './json.ts';
import { serviceErrors } from './errors.ts';

export type HistoryEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionAborted'
  | 'ExecutionTimedOut'
  | `${'Task' | 'Choice' | 'Wait' | 'Pass' | 'Succeed' | 'Fail' | 'Parallel' | 'Map'}State${'Entered' | 'Exited'}`
  | 'TaskScheduled'
  | 'TaskStarted'
  | 'TaskStartFailed'
  | 'TaskSubmitted'
  | 'TaskSucceeded'
  | 'TaskFailed'
  | 'TaskTimedOut'
  | 'LambdaFunctionScheduled'
  | 'LambdaFunctionStarted'
  | 'LambdaFunctionStartFailed'
  | 'LambdaFunctionSucceeded'
  | 'LambdaFunctionFailed'
  | 'LambdaFunctionTimedOut'
  | 'MapIterationStarted'
  | 'MapIterationSucceeded'
  | 'MapIterationFailed'
  | 'ParallelStateStarted'
  | 'ParallelStateSucceeded'
  | 'ParallelStateFailed';

/** The name of the details member each event type carries (AWS's HistoryEvent shape); absent for types without one. */
const detailsMemberByType: Partial<Record<HistoryEventType, string>> = {
  ExecutionStarted: 'executionStartedEventDetails',
  ExecutionSucceeded: 'executionSucceededEventDetails',
  ExecutionFailed: 'executionFailedEventDetails',
  ExecutionAborted: 'executionAbortedEventDetails',
  ExecutionTimedOut: 'executionTimedOutEventDetails',
  TaskScheduled: 'taskScheduledEventDetails',
  TaskStarted: 'taskStartedEventDetails',
  TaskStartFailed: 'taskStartFailedEventDetails',
  TaskSubmitted: 'taskSubmittedEventDetails',
  TaskSucceeded: 'taskSucceededEventDetails',
  TaskFailed: 'taskFailedEventDetails',
  TaskTimedOut: 'taskTimedOutEventDetails',
  LambdaFunctionScheduled: 'lambdaFunctionScheduledEventDetails',
  LambdaFunctionStartFailed: 'lambdaFunctionStartFailedEventDetails',
  LambdaFunctionSucceeded: 'lambdaFunctionSucceededEventDetails',
  LambdaFunctionFailed: 'lambdaFunctionFailedEventDetails',
  LambdaFunctionTimedOut: 'lambdaFunctionTimedOutEventDetails',
  MapIterationStarted: 'mapIterationStartedEventDetails',
  MapIterationSucceeded: 'mapIterationSucceededEventDetails',
  MapIterationFailed: 'mapIterationFailedEventDetails',
};

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: Date;
  readonly type: HistoryEventType;
  /** Present when the type has a details member; named by `detailsMemberOf(type)`. */
  readonly details?: JsonObject;
}

export function detailsMemberOf(type: HistoryEventType): string | undefined {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return detailsMemberByType[type];
}

/**
 * The fields that hold execution data, which GetExecutionHistory with includeExecutionData false leaves out. A task's
 * parameters are its input (and hold the task token of a callback task).
 */
const executionDataFields = new Set(['input', 'output', 'parameters']);

/** An event about to be appended: its id and timestamp are given when it is. */
export interface PendingHistoryEvent {
  readonly type: HistoryEventType;
  readonly details?: JsonObject;
}

type HistoryStateType = 'Task' | 'Choice' | 'Wait' | 'Pass' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

function historyStateType(type: string): HistoryStateType {
  switch (type) {
    case 'Task':
    case 'Choice':
    case 'Wait':
    case 'Pass':
    case 'Succeed':
    case 'Fail':
    case 'Parallel':
    case 'Map':
      return type;
    default:
      throw new Error(`Unknown state type ${type}`);
  }
}

/** `<Type>StateEntered` with the state's input, or `<Type>StateExited` with its output; the Type as written. */
export function stateHistoryEvent(step: 'Entered' | 'Exited', stateType: string, name: string, data: JsonValue): PendingHistoryEvent {
  const type: HistoryEventType = `${historyStateType(stateType)}State${step}`;
  return step === 'Entered'
    ? { type, details: { name, input: JSON.stringify(data), inputDetails: { truncated: false } } }
    : { type, details: { name, output: JSON.stringify(data), outputDetails: { truncated: false } } };
}

export type TaskHistoryStep = 'Scheduled' | 'Started' | 'Submitted' | 'Succeeded' | 'Failed' | 'TimedOut';

export interface TaskHistoryData {
  /** JSON text: the Task's parameters (for a function ARN as Resource, its input). */
  readonly parameters?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/**
 * A step of a task's life in the history, in AWS's two vocabularies: Task* events for the lambda:invoke integrations,
 * LambdaFunction* events for a function ARN written as the Resource.
 */
export function taskHistoryEvent(spec: LocalTaskSpec, region: string, step: TaskHistoryStep, data: TaskHistoryData): PendingHistoryEvent | undefined {
  if (spec.kind === 'wait') return undefined;
  const outcome: JsonObject = {
    ...(data.output === undefined ? {} : { output: data.output, outputDetails: { truncated: false } }),
    ...(data.error === undefined ? {} : { error: data.error }),
    ...(data.cause === undefined ? {} : { cause: data.cause }),
  };
  if (spec.kind === 'lambda-function') {
    if (step === 'Submitted') return undefined;
    if (step === 'Started') return { type: 'LambdaFunctionStarted' };
    if (step === 'Scheduled') {
      return {
        type: 'LambdaFunctionScheduled',
        details: {
          resource: spec.functionArn,
          ...(data.parameters === undefined ? {} : { input: data.parameters, inputDetails: { truncated: false } }),
          ...(spec.timeoutSeconds === undefined ? {} : { timeoutInSeconds: spec.timeoutSeconds }),
        },
      };
    }
    return { type: `LambdaFunction${step}`, details: outcome };
  }
  const resource = { resourceType: 'lambda', resource: spec.kind === 'lambda-invoke-callback' ? 'invoke.waitForTaskToken' : 'invoke' };
  if (step === 'Scheduled') {
    return {
      type: 'TaskScheduled',
      details: {
        ...resource,
        region,
        parameters: data.parameters ?? '{}',
        ...(spec.timeoutSeconds === undefined ? {} : { timeoutInSeconds: spec.timeoutSeconds }),
        ...(spec.heartbeatSeconds === undefined ? {} : { heartbeatInSeconds: spec.heartbeatSeconds }),
      },
    };
  }
  return { type: `Task${step}`, details: { ...resource, ...outcome } };
}

export interface HistoryPageRequest {
  readonly executionArn: string;
  /** 1–1000; 0 or absent means 100. */
  readonly maxResults?: number;
  readonly nextToken?: string;
  readonly reverseOrder?: boolean;
  readonly includeExecutionData?: boolean;
}

export interface HistoryPage {
  readonly events: HistoryEvent[];
  readonly nextToken?: string;
}

export class ExecutionHistory {
  private readonly events: HistoryEvent[] = [];

  get length(): number {
    return this.events.length;
  }

  append(type: HistoryEventType, details?: JsonObject, timestamp: Date = new Date()): void {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: id - 1, timestamp, type, ...(details === undefined ? {} : { details }) });
  }

  page(request: HistoryPageRequest): HistoryPage {
    const maxResults = request.maxResults === undefined || request.maxResults === 0 ? 100 : request.maxResults;
    if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 1000) {
      throw serviceErrors.validation("Value at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 1000");
    }
    const reverseOrder = request.reverseOrder === true;
    const offset = request.nextToken === undefined ? 0 : decodeHistoryToken(request.nextToken, request.executionArn, reverseOrder);
    const ordered = reverseOrder ? [...this.events].reverse() : this.events;
    const includeData = request.includeExecutionData !== false;
    const events = ordered.slice(offset, offset + maxResults).map((event) => (includeData ? event : withoutExecutionData(event)));
    const nextOffset = offset + maxResults;
    return nextOffset < ordered.length
      ? { events, nextToken: encodeHistoryToken({ executionArn: request.executionArn, reverseOrder, offset: nextOffset }) }
      : { events };
  }
}

function withoutExecutionData(event: HistoryEvent): HistoryEvent {
  if (event.details === undefined) return event;
  const details = Object.fromEntries(Object.entries(event.details).filter(([field]) => !executionDataFields.has(field)));
  return { ...event, details };
}

interface HistoryToken {
  readonly executionArn: string;
  readonly reverseOrder: boolean;
  readonly offset: number;
}

function encodeHistoryToken(token: HistoryToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64');
}

/** A token is good for the execution and the order it was issued for, as AWS's are. */
function decodeHistoryToken(nextToken: string, executionArn: string, reverseOrder: boolean): number {
  try {
    const decoded = parseJson(Buffer.from(nextToken, 'base64').toString('utf8'));
    if (
      isJsonObject(decoded) &&
      decoded.executionArn === executionArn &&
      decoded.reverseOrder === reverseOrder &&
      typeof decoded.offset === 'number' &&
      Number.isInteger(decoded.offset) &&
      decoded.offset >= 0
    ) {
      return decoded.offset;
    }
  } catch {
    // Falls through to InvalidToken.
  }
  throw serviceErrors.invalidToken('Invalid nextToken');
}

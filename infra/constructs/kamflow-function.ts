/**
 * Every KAMflow Lambda function, with the settings written once: Node.js 22 on arm64, X-Ray tracing where Lambda has
 * it, a log group kept for a month, small minified ESM bundles built by the local esbuild (source maps only when the
 * deployment asks), and the environment every handler reads at start-up.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Construct } from 'constructs';
import { fromRepositoryRoot, lockFilePath, repositoryRoot } from '../repository-paths.ts';
import { acknowledgeFunctionFindings } from '../compliance/function-findings.ts';

export type FunctionKind = 'http' | 'workflow-task' | 'scheduled';

const timeoutByKind: Record<FunctionKind, Duration> = {
  // API Gateway stops waiting after 29 s; a request that needs longer is a defect, and failing sooner frees the caller.
  http: Duration.seconds(10),
  // A step does a few conditional writes and at most one outbound call; Step Functions retries a step that times out.
  'workflow-task': Duration.seconds(30),
  // The SLA sweep: its work grows with what is due in the minute, but a catch-up after an outage may be large.
  scheduled: Duration.minutes(5),
};

/** Read by functions/commons/observability.ts and the Powertools logger. */
const observabilityEnvironment = {
  POWERTOOLS_SERVICE_NAME: 'kamflow',
  POWERTOOLS_METRICS_NAMESPACE: 'KAMflow',
  LOG_LEVEL: 'INFO',
} as const;

/**
 * App context set by the `sourceMaps` deployment setting. Source maps are as large as the bundles and Node reads them
 * at start-up when --enable-source-maps is on, which slows every cold start; by default they are not even built.
 */
export const sourceMapsContextKey = 'kamflow:source-maps';

/** Lambda has no X-Ray integration in the China regions (aws-cn): functions there pass no trace header on. */
function lambdaTracingIn(scope: Construct): Tracing {
  const region = Stack.of(scope).region;
  return RegionInfo.get(region).partition === 'aws-cn' ? Tracing.PASS_THROUGH : Tracing.ACTIVE;
}

export interface KamflowFunctionProps {
  /** Handler module relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly kind: FunctionKind;
  /**
   * Every handler imports functions/data/table.ts, which fails fast without TABLE_NAME, so every function is told the
   * table's name. Access to it is granted separately (infra/grants.ts), as each function needs.
   */
  readonly table: ITable;
  /** Merged over the shared environment. */
  readonly environment?: Readonly<Record<string, string>>;
}

export class KamflowFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: KamflowFunctionProps) {
    const sourceMaps = scope.node.tryGetContext(sourceMapsContextKey) === true;
    super(scope, id, {
      entry: fromRepositoryRoot(props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: timeoutByKind[props.kind],
      tracing: lambdaTracingIn(scope),
      // An explicit log group (a sibling, because `this` does not exist yet) instead of `logRetention`, which would
      // add a custom-resource Lambda to every stack just to set the retention.
      logGroup: new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH }),
      environment: {
        ...observabilityEnvironment,
        // Stack traces in logs point at the TypeScript source instead of the minified bundle.
        ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        TABLE_NAME: props.table.tableName,
        ...props.environment,
      },
      projectRoot: repositoryRoot,
      depsLockFilePath: lockFilePath,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: sourceMaps,
        // The map keeps file and line; leaving the sources out keeps it small.
        sourcesContent: false,
        // The Lambda runtime ships SDK v3; bundling it would add megabytes and cold-start time.
        externalModules: ['@aws-sdk/*'],
        // CommonJS dependencies inside an ESM bundle call `require` for Node built-ins; ESM has no `require`.
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    acknowledgeFunctionFindings(this, this.runtime);
  }
}

/**
 * The admin console: a private bucket served only through CloudFront (origin access control), with the built UI and
 * a config.json telling it where the API is and how to sign in. Without a build, a placeholder page says so instead
 * of a blank 403.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { Distribution, ResponseHeadersPolicy, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISource } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { consoleBuildDirectory, consoleIsBuilt } from '../repository-paths.ts';
import { consoleSignInSettings } from './auth-stack.ts';
import { acknowledge } from '../compliance/acknowledge.ts';

/**
 * The console fetches this at start-up: `{ apiUrl, auth: { region, userPoolId, clientId, endpoint } }`. The API URL
 * and the pool's ids are only known once those stacks are deployed.
 */
export const consoleConfigFile = 'config.json';

const notBuiltPage = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>KAMflow console</title></head>
  <body>
    <h1>KAMflow console</h1>
    <p>The console was not built when this stack was deployed. Run <code>npm run build:ui</code>, then deploy again.</p>
  </body>
</html>
`;

export interface ConsoleStackProps extends StackProps {
  readonly publicApiUrl: string;
  /** The people's user pool and the console's app client (auth-stack.ts). */
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
}

export class ConsoleStack extends Stack {
  readonly bucket: Bucket;
  /** Who fetched what: the bucket's server access logs and CloudFront's standard logs, kept 90 days. */
  readonly accessLogs: Bucket;
  readonly distribution: Distribution;
  readonly consoleUrl: string;

  constructor(scope: Construct, id: string, props: ConsoleStackProps) {
    super(scope, id, props);

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with an ACL, which needs object ownership by the writer.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    acknowledge(this.accessLogs, { rule: 'AwsSolutions-S1', reason: 'This is the access log bucket; logging its own reads would log the log reading, endlessly.' });

    // Left at the default RETAIN removal policy: emptying it on delete would need an auto-delete custom resource.
    this.bucket = new Bucket(this, 'ConsoleBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'console-bucket/',
    });

    this.distribution = new Distribution(this, 'ConsoleDistribution', {
      comment: 'KAMflow admin console',
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: this.accessLogs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      },
      // A private bucket answers 403 for a missing key; deep links into the single-page app must still load it.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) })),
    });
    this.consoleUrl = `https://${this.distribution.distributionDomainName}`;

    const ui: ISource = consoleIsBuilt() ? Source.asset(consoleBuildDirectory) : Source.data('index.html', notBuiltPage);
    new BucketDeployment(this, 'ConsoleContent', {
      sources: [
        ui,
        Source.jsonData(consoleConfigFile, {
          apiUrl: props.publicApiUrl,
          auth: consoleSignInSettings(this, props.userPool, props.userPoolClient),
        }),
      ],
      destinationBucket: this.bucket,
      // index.html and config.json keep their names across deployments: clear the edge caches.
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });

    new CfnOutput(this, 'ConsoleUrl', { value: this.consoleUrl });
  }
}

/**
 * The admin console: a private bucket served only through CloudFront, with the built UI and a config.json telling it
 * where the API is and how to sign in. Without a build, a placeholder page says so instead of a blank 403.
 *
 * In the China regions CloudFront serves nothing on its default *.cloudfront.cn domain, takes no ACM certificate and
 * has no origin access control: there the console needs its own ICP-recorded domain with an IAM server certificate
 * (KAMFLOW_CONSOLE_DOMAIN, KAMFLOW_CONSOLE_IAM_CERTIFICATE_ID) and reads the bucket through an origin access identity.
 */
import { Annotations, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { CfnDistribution, Distribution, ResponseHeadersPolicy, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISource } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { consoleBuildDirectory, consoleIsBuilt } from '../repository-paths.ts';
import { consoleSignInSettings } from './auth-stack.ts';
import { acknowledge } from '../compliance/acknowledge.ts';
import type { ConsoleDomain } from '../kamflow-stacks.ts';
import type { TokenIssuer } from '../token-issuer.ts';

/**
 * The console fetches this at start-up: `{ apiUrl, auth: { region, userPoolId, clientId, endpoint } }`, or with an
 * external OIDC provider `{ apiUrl, auth: { issuer, clientId } }`. The API URL and the pool's ids are only known once
 * those stacks are deployed.
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
  /** Who signs the people's tokens: the auth stack's pool and console client, or an external OIDC provider. */
  readonly tokenIssuer: TokenIssuer;
  /** The console's own domain and its certificate; required in China (see above). */
  readonly domain?: ConsoleDomain | undefined;
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

    const inChina = RegionInfo.get(this.region).partition === 'aws-cn';
    const acmCertificateArn = props.domain && 'acmCertificateArn' in props.domain.certificate ? props.domain.certificate.acmCertificateArn : undefined;
    const iamCertificateId = props.domain && 'iamCertificateId' in props.domain.certificate ? props.domain.certificate.iamCertificateId : undefined;
    if (inChina && !props.domain) {
      Annotations.of(this).addWarningV2('kamflow:console-domain-china', 'CloudFront in China serves no content on *.cloudfront.cn: set KAMFLOW_CONSOLE_DOMAIN (ICP-recorded) and KAMFLOW_CONSOLE_IAM_CERTIFICATE_ID.');
    }
    if (inChina && acmCertificateArn) throw new Error('CloudFront in China takes no ACM certificate: set KAMFLOW_CONSOLE_IAM_CERTIFICATE_ID instead of KAMFLOW_CONSOLE_CERTIFICATE_ARN');

    this.distribution = new Distribution(this, 'ConsoleDistribution', {
      comment: 'KAMflow admin console',
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: this.accessLogs,
      logFilePrefix: 'cloudfront/',
      ...(props.domain ? { domainNames: [props.domain.domainName] } : {}),
      ...(acmCertificateArn ? { certificate: Certificate.fromCertificateArn(this, 'ConsoleCertificate', acmCertificateArn) } : {}),
      defaultBehavior: {
        // Origin access control does not exist in China; an origin access identity does the same there.
        origin: inChina ? S3BucketOrigin.withOriginAccessIdentity(this.bucket) : S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      },
      // A private bucket answers 403 for a missing key; deep links into the single-page app must still load it.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) })),
    });
    if (inChina) {
      acknowledge(this.distribution, {
        rule: 'AwsSolutions-CFR7',
        reason: 'CloudFront in the China regions has no origin access control; the bucket is reached through an origin access identity instead, which keeps it private to the distribution just the same.',
      });
    }
    if (iamCertificateId) {
      // The Distribution construct knows only ACM certificates; an IAM server certificate goes in through its template.
      (this.distribution.node.defaultChild as CfnDistribution).addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }
    this.consoleUrl = `https://${props.domain?.domainName ?? this.distribution.distributionDomainName}`;

    const ui: ISource = consoleIsBuilt() ? Source.asset(consoleBuildDirectory) : Source.data('index.html', notBuiltPage);
    new BucketDeployment(this, 'ConsoleContent', {
      sources: [
        ui,
        Source.jsonData(consoleConfigFile, {
          apiUrl: props.publicApiUrl,
          auth:
            props.tokenIssuer.kind === 'cognito'
              ? consoleSignInSettings(this, props.tokenIssuer.userPool, props.tokenIssuer.userPoolClient)
              : { issuer: props.tokenIssuer.issuer, clientId: props.tokenIssuer.clientId },
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

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { consoleBuildDirectory, consoleIsBuilt } from '../../infra/repository-paths.ts';
import { buildKamflowTestApp, logicalIdOf, testRegion } from './kamflow-test-app.ts';
import type { KamflowTestApp, TemplateResource } from './kamflow-test-app.ts';

describe('ConsoleStack', () => {
  let kamflow: KamflowTestApp;
  let template: Template;
  let deployment: Record<string, unknown>;

  /**
   * config.json as staged, and what each deploy-time marker in it stands for. BucketDeployment replaces every token
   * in the file with a marker that the custom resource substitutes on deploy.
   */
  const stagedConfig = (): { config: Record<string, unknown>; markers: Record<string, unknown> } => {
    const configDirectory = stagedSourceDirectories().find((directory) => existsSync(join(directory, 'config.json')));
    expect(configDirectory).toBeDefined();
    const config = JSON.parse(readFileSync(join(configDirectory ?? '', 'config.json'), 'utf8')) as Record<string, unknown>;
    const markers = Object.assign({}, ...(deployment['SourceMarkers'] as Record<string, unknown>[])) as Record<string, unknown>;
    return { config, markers };
  };

  /** The staged content of each BucketDeployment source, as a directory in the cloud assembly. */
  const stagedSourceDirectories = (): string[] =>
    (deployment['SourceObjectKeys'] as string[]).map((key) => join(kamflow.outdir, `asset.${key.replace(/\.zip$/, '')}`));

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    template = Template.fromStack(kamflow.console);
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(1);
    deployment = (deployments[0] as TemplateResource).Properties ?? {};
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  it('keeps the console bucket private, encrypted and TLS-only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('serves the bucket through CloudFront with origin access control, not an origin access identity', () => {
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as TemplateResource;
    const config = distribution.Properties?.['DistributionConfig'] as { Origins: Record<string, unknown>[]; DefaultRootObject: string; DefaultCacheBehavior: Record<string, unknown> };
    expect(config.Origins).toHaveLength(1);
    expect(config.Origins[0]).toMatchObject({ OriginAccessControlId: { 'Fn::GetAtt': [expect.any(String), 'Id'] }, S3OriginConfig: { OriginAccessIdentity: '' } });
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior['ViewerProtocolPolicy']).toBe('redirect-to-https');
  });

  it('lets only this distribution read the bucket', () => {
    const distributionId = logicalIdOf(kamflow.console.distribution);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    const policy = JSON.stringify(Object.values(template.findResources('AWS::S3::BucketPolicy')));
    expect(policy).toContain(`distribution/",{"Ref":"${distributionId}"}`);
  });

  it('deploys the console and its config.json into the bucket and clears the edge caches', () => {
    expect(deployment).toMatchObject({
      DestinationBucketName: { Ref: logicalIdOf(kamflow.console.bucket) },
      DistributionId: { Ref: logicalIdOf(kamflow.console.distribution) },
      DistributionPaths: ['/*'],
      Prune: true,
    });
    expect(deployment['SourceObjectKeys']).toHaveLength(2);
  });

  it('writes the API URL into config.json', () => {
    const { config, markers } = stagedConfig();
    const apiUrl = markers[String(config['apiUrl'])];
    expect(JSON.stringify(apiUrl)).toMatch(/^\{"Fn::Join":\["",\["https:\/\/",\{"Fn::ImportValue":"KamflowApi:ExportsOutputRefKamflowApi.*"\/prod"\]\]\}$/);
  });

  it("writes the user pool and the console's client into config.json, for sign-in", () => {
    const { config, markers } = stagedConfig();
    expect(Object.keys(config).sort()).toEqual(['apiUrl', 'auth']);
    const auth = config['auth'] as Record<string, string>;
    expect(Object.keys(auth).sort()).toEqual(['clientId', 'endpoint', 'region', 'userPoolId']);
    const importOf = (construct: Parameters<typeof logicalIdOf>[0]) => ({
      'Fn::ImportValue': expect.stringMatching(new RegExp(`^KamflowAuth:ExportsOutputRef${logicalIdOf(construct)}`)),
    });
    expect(auth['region']).toBe(testRegion);
    expect(markers[auth['userPoolId'] ?? '']).toEqual(importOf(kamflow.auth.userPool));
    expect(markers[auth['clientId'] ?? '']).toEqual(importOf(kamflow.auth.consoleClient));
    // The URL suffix is a deploy-time value (amazonaws.com, or amazonaws.com.cn in China), so the endpoint holds a marker.
    const [before, marker, after] = (auth['endpoint'] ?? '').split(/(<<marker:[^>]+>>)/);
    expect(before).toBe(`https://cognito-idp.${testRegion}.`);
    expect(markers[marker ?? '']).toEqual({ Ref: 'AWS::URLSuffix' });
    expect(after).toBe('/');
  });

  it('deploys the built console, or a page saying it was not built', () => {
    const uiDirectory = stagedSourceDirectories().find((directory) => existsSync(join(directory, 'index.html')));
    expect(uiDirectory).toBeDefined();
    const indexPage = readFileSync(join(uiDirectory ?? '', 'index.html'), 'utf8');
    if (consoleIsBuilt()) expect(indexPage).toBe(readFileSync(join(consoleBuildDirectory, 'index.html'), 'utf8'));
    else expect(indexPage).toContain('The console was not built');
  });
});

/** The CDK app, run by cdk.json with tsx. Settings: infra/deployment-settings.ts; stacks: infra/kamflow-stacks.ts. */
import { Annotations, App } from 'aws-cdk-lib';
import { anyOrigin, deploymentSettingsFrom } from './deployment-settings.ts';
import { addKamflowStacks } from './kamflow-stacks.ts';

const settings = deploymentSettingsFrom(process.env);

const app = new App({
  // postCliContext, not context: the CLI passes its own bundling-stacks value, which plain context would not override.
  ...(settings.skipBundling ? { postCliContext: { 'aws:cdk:bundling-stacks': [] } } : {}),
});

const stacks = addKamflowStacks(app, settings);
if (settings.consoleOrigin === anyOrigin) {
  Annotations.of(stacks.api).addWarningV2('kamflow:cors-any-origin', 'KAMFLOW_CONSOLE_ORIGIN is not set: the API allows requests from any origin.');
}

app.synth();

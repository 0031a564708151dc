import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { orderFulfilmentDefinitionPath, partitionSubstitution, workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';
import { fromRepositoryRoot } from '../../infra/repository-paths.ts';
import { readStateMachineDefinition } from '../../infra/state-machine-definition.ts';
import type { StateMachineDefinition } from '../../infra/state-machine-definition.ts';
import type { WorkflowTaskName } from '../../infra/stacks/workflow-stack.ts';
import { actionsOf, buildKamflowTestApp, grantedActionsOfFunction, logicalIdOf, statementsOfFunction, testAccount, testRegion } from './kamflow-test-app.ts';
import type { IamStatement, KamflowTestApp, TemplateResource } from './kamflow-test-app.ts';

const taskResponseActions = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];

describe('WorkflowStack', () => {
  let kamflow: KamflowTestApp;
  let template: Template;
  let resources: Record<string, TemplateResource>;
  let stateMachine: Record<string, unknown>;
  let sourceDefinition: StateMachineDefinition;

  const functionLogicalId = (name: WorkflowTaskName): string => {
    const fn = kamflow.workflow.taskFunctions.get(name);
    if (!fn) throw new Error(`no task function ${name}`);
    return logicalIdOf(fn);
  };
  const environmentOf = (name: WorkflowTaskName): Record<string, unknown> =>
    ((resources[functionLogicalId(name)]?.Properties?.['Environment'] as { Variables: Record<string, unknown> }).Variables);

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    template = Template.fromStack(kamflow.workflow);
    resources = template.toJSON()['Resources'] as Record<string, TemplateResource>;
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(machines).toHaveLength(1);
    stateMachine = (machines[0] as { Properties: Record<string, unknown> }).Properties;
    sourceDefinition = readStateMachineDefinition(fromRepositoryRoot(orderFulfilmentDefinitionPath));
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  it('runs a STANDARD state machine, traced, named by CloudFormation so stages and redeployments do not collide', () => {
    expect(stateMachine['StateMachineType']).toBe('STANDARD');
    expect(stateMachine['StateMachineName']).toBeUndefined();
    expect(stateMachine['TracingConfiguration']).toEqual({ Enabled: true });
  });

  it('ships the definition file unchanged, with every state of it', () => {
    const location = stateMachine['DefinitionS3Location'] as { Key: string };
    const shipped = readFileSync(join(kamflow.outdir, `asset.${location.Key}`), 'utf8');
    expect(shipped).toBe(sourceDefinition.text);
    const shippedStates = Object.keys((JSON.parse(shipped) as { States: Record<string, unknown> }).States);
    expect(shippedStates).toEqual(sourceDefinition.stateNames);
    expect(shippedStates).toContain('RequestActivation');
  });

  it("substitutes every placeholder of the definition: the stack's partition, and the ARN of each task's own function", () => {
    const substitutions = stateMachine['DefinitionSubstitutions'] as Record<string, unknown>;
    expect(Object.keys(substitutions).sort()).toEqual([...sourceDefinition.placeholders].sort());
    expect(substitutions[partitionSubstitution]).toEqual({ Ref: 'AWS::Partition' });
    expect(sourceDefinition.text).not.toMatch(/arn:aws[:-]/);
    for (const task of workflowTaskFunctions) {
      expect(substitutions[task.substitution], task.substitution).toEqual({ 'Fn::GetAtt': [functionLogicalId(task.name), 'Arn'] });
    }
  });

  it('creates one function per workflow task, described as task-functions.ts says', () => {
    expect(Object.keys(template.findResources('AWS::Lambda::Function'))).toHaveLength(workflowTaskFunctions.length);
    for (const task of workflowTaskFunctions) {
      expect(resources[functionLogicalId(task.name)]?.Properties?.['Description']).toBe(task.description);
    }
  });

  it('lets the state machine invoke exactly the task functions', () => {
    const roleId = (stateMachine['RoleArn'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const invokeStatements = Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::IAM::Policy')
      .filter((policy) => (policy.Properties?.['Roles'] as { Ref: string }[]).some((ref) => ref.Ref === roleId))
      .flatMap((policy) => (policy.Properties?.['PolicyDocument'] as { Statement: IamStatement[] }).Statement)
      .filter((statement) => actionsOf(statement).includes('lambda:InvokeFunction'));
    const invokedFunctions = invokeStatements.flatMap((statement) =>
      Array.from(JSON.stringify(statement.Resource).matchAll(/"Fn::GetAtt":\["([A-Za-z0-9]+)","Arn"\]/g), (match) => match[1]),
    );
    expect(new Set(invokedFunctions)).toEqual(new Set(workflowTaskFunctions.map((task) => functionLogicalId(task.name))));
    expect(JSON.stringify(invokeStatements.map((statement) => statement.Resource))).not.toContain('"*"');
  });

  it('logs every state transition but never execution data, which holds task tokens', () => {
    expect(stateMachine['LoggingConfiguration']).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    // Retained, so its name must be new at each creation of the stack: the stack id's UUID is part of it.
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: {
        RetentionInDays: 30,
        LogGroupName: { 'Fn::Join': ['', ['/aws/vendedlogs/states/KamflowWorkflow-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }]] },
      },
    });
  });

  it('gives every task function the shared Lambda defaults', () => {
    for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
      expect((fn as TemplateResource).Properties, id).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: 512,
        Timeout: 30,
        Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'kamflow', POWERTOOLS_METRICS_NAMESPACE: 'KAMflow', LOG_LEVEL: 'INFO' } },
      });
      expect(((fn as TemplateResource).Properties?.['Environment'] as { Variables: Record<string, unknown> }).Variables['TABLE_NAME'], id).toBeDefined();
    }
  });

  it('lets only the activation task publish to the provisioning bus and read the API URL parameter, and tells only it both', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    const busId = logicalIdOf(kamflow.workflow.provisioningEventBus);
    for (const task of workflowTaskFunctions) {
      const publishes = grantedActionsOfFunction(resources, functionLogicalId(task.name)).has('events:PutEvents');
      const environment = environmentOf(task.name);
      const isActivation = task.name === 'RequestActivation';
      expect(publishes, task.name).toBe(isActivation);
      expect(environment['PROVISIONING_EVENT_BUS_NAME'], task.name).toEqual(isActivation ? { Ref: busId } : undefined);
      expect(environment['PUBLIC_API_URL_PARAMETER'], task.name).toEqual(isActivation ? kamflow.names.publicApiUrlParameterName : undefined);
      const readsParameter = statementsOfFunction(resources, functionLogicalId(task.name)).filter((statement) => actionsOf(statement).includes('ssm:GetParameter'));
      expect(readsParameter.map((statement) => statement.Resource), task.name).toEqual(
        isActivation ? [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ssm:${testRegion}:${testAccount}:parameter${kamflow.names.publicApiUrlParameterName}`]] }] : [],
      );
    }
  });

  it('lets exactly the callback tasks complete their own wait on this state machine', () => {
    expect(sourceDefinition.callbackTaskPlaceholders.size).toBeGreaterThan(0);
    for (const task of workflowTaskFunctions) {
      const statements = statementsOfFunction(resources, functionLogicalId(task.name));
      const taskResponse = statements.filter((statement) => actionsOf(statement).some((action) => taskResponseActions.includes(action)));
      if (sourceDefinition.callbackTaskPlaceholders.has(task.substitution)) {
        expect(taskResponse, task.name).toHaveLength(1);
        expect(taskResponse[0]?.Resource, task.name).toEqual({ Ref: logicalIdOf(kamflow.workflow.stateMachine) });
      } else {
        expect(taskResponse, task.name).toHaveLength(0);
      }
    }
  });

  it('never lets a task function Scan the table', () => {
    for (const task of workflowTaskFunctions) {
      const granted = grantedActionsOfFunction(resources, functionLogicalId(task.name));
      expect(granted.has('dynamodb:PutItem'), task.name).toBe(true);
      expect(granted.has('dynamodb:Scan'), task.name).toBe(false);
    }
  });
});

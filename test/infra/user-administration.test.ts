/**
 * CDK assertions for managing people: only the area of the create and change routes may call the user pool's Admin*
 * actions, on KAMflow's pool only, and only it is told the pool's id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/api/routes.ts';
import { userPoolAdministrationActions } from '../../infra/grants.ts';
import { buildKamflowTestApp, actionsOf, functionOfRoute, logicalIdOf, statementsOfFunction } from './kamflow-test-app.ts';
import type { KamflowTestApp, TemplateResource } from './kamflow-test-app.ts';

describe('user pool administration grants', () => {
  let kamflow: KamflowTestApp;
  let resources: Record<string, TemplateResource>;
  const logicalId = (operationId: string) => logicalIdOf(functionOfRoute(kamflow, operationId));
  const managingArea = () => routes.find((route) => route.operationId === 'createUser')?.area;

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    resources = kamflow.app.synth().getStackByName(kamflow.api.stackName).template['Resources'] as Record<string, TemplateResource>;
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  it('lets createUser and updateUser call exactly the Admin* actions of the IdentityDirectory, on the KAMflow user pool', () => {
    const userPoolLogicalId = kamflow.auth.getLogicalId(kamflow.auth.userPool.node.defaultChild as never);
    for (const operationId of ['createUser', 'updateUser']) {
      const statements = statementsOfFunction(resources, logicalId(operationId)).filter((statement) => actionsOf(statement).some((action) => action.startsWith('cognito-idp:')));
      expect(statements, operationId).toHaveLength(1);
      const [statement] = statements;
      expect(actionsOf(statement!).sort(), operationId).toEqual([...userPoolAdministrationActions].sort());
      expect(statement!.Effect).toBe('Allow');
      // The pool's ARN, exported by the auth stack: not `*`, not another pool.
      const resource = JSON.stringify(statement!.Resource);
      expect(resource).toContain('Fn::ImportValue');
      expect(resource).toContain(userPoolLogicalId);
    }
  });

  it('grants no Cognito action to the function of any other area', () => {
    expect(routes.find((route) => route.operationId === 'updateUser')?.area).toBe(managingArea());
    for (const route of routes.filter((candidate) => candidate.area !== managingArea())) {
      const cognitoActions = statementsOfFunction(resources, logicalId(route.operationId)).flatMap(actionsOf).filter((action) => action.startsWith('cognito-idp:'));
      expect(cognitoActions, route.operationId).toEqual([]);
    }
  });

  it("tells exactly the managing routes' area the user pool's id", () => {
    for (const route of routes) {
      const variables = (resources[logicalId(route.operationId)]?.Properties?.['Environment'] as { Variables: Record<string, unknown> }).Variables;
      const managing = route.area === managingArea();
      expect('USER_POOL_ID' in variables, route.operationId).toBe(managing);
      if (managing) expect(JSON.stringify(variables['USER_POOL_ID'])).toContain('Fn::ImportValue');
    }
  });

  it('keeps the people routes to administrators (users:manage) for writes', () => {
    const byId = new Map(routes.map((route) => [route.operationId as string, route]));
    expect(byId.get('createUser')).toMatchObject({ method: 'POST', path: '/api/users', permission: 'users:manage', auth: 'user' });
    expect(byId.get('updateUser')).toMatchObject({ method: 'PATCH', path: '/api/users/{id}', permission: 'users:manage', auth: 'user' });
  });
});

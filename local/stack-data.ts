/**
 * Data-layer work of the local runtime, imported only after the stack has set the environment the data layer reads.
 */
import { listOpenOrders, recordExecution } from '../functions/data/orders-repository.ts';
import { putExchangeWithResources } from '../functions/data/inventory-repository.ts';
import { listUsers, putUser } from '../functions/data/users-repository.ts';
import type { DemoPerson } from './demo-data.ts';
import type { ResourceType } from '../functions/data/entities/network-resource.ts';
import { resumePoint } from '../functions/domain/resume-point.ts';
import { startOrderWorkflow } from '../functions/services/workflow-tasks.ts';

export async function seedInventory(exchanges: readonly { exchange: { exchangeCode: string; city: string; name: string }; resources: readonly { resourceType: ResourceType; resourceId: string }[] }[]): Promise<void> {
  for (const { exchange, resources } of exchanges) {
    await putExchangeWithResources({ exchangeCode: exchange.exchangeCode, city: exchange.city, name: exchange.name }, resources);
  }
}

/**
 * Every open order gets a new execution that starts at its recorded stage. Execution names carry a resume counter so
 * they never collide with the lost execution's name; the order records its current execution.
 */
export async function resumeOpenOrders(log: (line: string) => void): Promise<string[]> {
  const resumed: string[] = [];
  let cursor: string | undefined;
  const resumedAt = Date.now().toString(36);
  do {
    const page = await listOpenOrders({ limit: 100, cursor });
    for (const order of page.items) {
      const stage = resumePoint(order);
      if (!stage) continue;
      const executionArn = await startOrderWorkflow(order.orderId, { resumeFrom: stage, executionName: `${order.orderId}-resume-${resumedAt}` });
      await recordExecution(order.orderId, executionArn);
      resumed.push(order.orderId);
    }
    cursor = page.nextCursor;
  } while (cursor);
  if (resumed.length > 0) log(`resumed ${resumed.length} open orders from their recorded stage`);
  return resumed;
}

/** Whether the people table has anyone in it. */
export async function hasPeople(): Promise<boolean> {
  return (await listUsers({ limit: 1 })).items.length > 0;
}

export async function seedPeople(people: readonly DemoPerson[]): Promise<void> {
  const createdAt = new Date().toISOString();
  for (const person of people) {
    await putUser({
      userId: person.userId,
      displayName: person.displayName,
      roles: [...person.roles],
      managerId: person.managerId ?? 'none',
      unitId: person.unitId ?? 'none',
      ...(person.workPosition ? { workPosition: person.workPosition } : {}),
      email: `${person.userId}@kamflow.example`,
      status: 'ACTIVE',
      createdAt,
    });
  }
}

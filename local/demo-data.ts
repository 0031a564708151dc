/**
 * Demo data for a fresh local stack: key accounts, the exchanges and free resources of eight cities (Lhasa has an
 * exchange without free capacity, so an order there shows the shortfall → build path), and a few orders submitted
 * through the public API so they run through the real workflow.
 */
import type { CreateAccountRequest } from '../functions/api/schemas/accounts.ts';
import type { CreateProductOrderRequest } from '../functions/api/schemas/product-orders.ts';
import type { UserRole } from '../functions/domain/people.ts';
import type { WorkPosition } from '../functions/domain/order-stages.ts';

export const demoAccounts: readonly CreateAccountRequest[] = [
  { name: '中国工商银行北京分行', industry: 'FINANCE', tier: 'GROUP', province: '北京', city: '北京', accountManager: 'km.wang' },
  { name: '国网江苏省电力有限公司', industry: 'PUBLIC_UTILITIES', tier: 'PROVINCIAL', province: '江苏', city: '南京', accountManager: 'km.li' },
  { name: '上海交通大学', industry: 'SCIENCE_EDUCATION_CULTURE_HEALTH', tier: 'LOCAL', province: '上海', city: '上海', accountManager: 'km.zhang' },
  { name: '广州白云国际机场', industry: 'TRANSPORT', tier: 'PROVINCIAL', province: '广东', city: '广州', accountManager: 'km.chen' },
  { name: '杭州海康威视数字技术', industry: 'MANUFACTURING', tier: 'GROUP', province: '浙江', city: '杭州', accountManager: 'km.zhao' },
  { name: '成都市人民政府办公厅', industry: 'GOVERNMENT', tier: 'LOCAL', province: '四川', city: '成都', accountManager: 'km.liu' },
];

export interface DemoExchange {
  readonly exchangeCode: string;
  readonly city: string;
  readonly name: string;
  readonly freeAccessLines: number;
  readonly freePorts: number;
}

export const demoExchanges: readonly DemoExchange[] = [
  { exchangeCode: 'BJ-XD', city: '北京', name: '北京西单局', freeAccessLines: 40, freePorts: 40 },
  { exchangeCode: 'BJ-CY', city: '北京', name: '北京朝阳局', freeAccessLines: 40, freePorts: 40 },
  { exchangeCode: 'SH-PD', city: '上海', name: '上海浦东局', freeAccessLines: 40, freePorts: 40 },
  { exchangeCode: 'GZ-TH', city: '广州', name: '广州天河局', freeAccessLines: 30, freePorts: 30 },
  { exchangeCode: 'SZ-FT', city: '深圳', name: '深圳福田局', freeAccessLines: 30, freePorts: 30 },
  { exchangeCode: 'NJ-XJK', city: '南京', name: '南京新街口局', freeAccessLines: 30, freePorts: 30 },
  { exchangeCode: 'HZ-WL', city: '杭州', name: '杭州文联局', freeAccessLines: 30, freePorts: 30 },
  { exchangeCode: 'CD-TF', city: '成都', name: '成都天府局', freeAccessLines: 30, freePorts: 30 },
  { exchangeCode: 'LS-CG', city: '拉萨', name: '拉萨城关局', freeAccessLines: 0, freePorts: 0 },
];

export function demoResourceIds(exchange: DemoExchange) {
  const pad = (n: number) => String(n).padStart(3, '0');
  return [
    ...Array.from({ length: exchange.freeAccessLines }, (_, i) => ({ resourceType: 'ACCESS_LINE' as const, resourceId: `${exchange.exchangeCode}-AL-${pad(i + 1)}` })),
    ...Array.from({ length: exchange.freePorts }, (_, i) => ({ resourceType: 'PORT' as const, resourceId: `${exchange.exchangeCode}-P-${pad(i + 1)}` })),
  ];
}

/** `businessNow`: the stack's business clock (ms); the customer asks for the circuit 20 days from then. */
export function demoOrder(accountId: string, variant: { product: 'EPL' | 'DIA' | 'IP_VPN' | 'SDH'; bandwidth: string; aCity: string; zCity?: string; externalId: string }, businessNow: number): CreateProductOrderRequest {
  const requested = new Date(businessNow + 20 * 86_400_000).toISOString().slice(0, 10);
  return {
    externalId: variant.externalId,
    description: `${variant.product} ${variant.bandwidth} ${variant.aCity}${variant.zCity ? ` ⇄ ${variant.zCity}` : ''}`,
    requestedCompletionDate: requested,
    relatedParty: [{ id: accountId, role: 'customer' }],
    productOrderItem: [
      {
        id: '1',
        action: 'add',
        quantity: 1,
        product: {
          productSpecification: { id: variant.product },
          productCharacteristic: [{ name: 'bandwidth', value: variant.bandwidth }],
          place: [
            { role: 'A-end', city: variant.aCity, address: `${variant.aCity}市中心路 1 号` },
            ...(variant.zCity ? [{ role: 'Z-end' as const, city: variant.zCity, address: `${variant.zCity}市数据中心 2 号楼` }] : []),
          ],
        },
      },
    ],
  };
}

/** The demo organisation: two units (north, south), a supervisor and key account managers in each, staff roles. */
export interface DemoPerson {
  readonly userId: string;
  readonly displayName: string;
  readonly roles: readonly UserRole[];
  readonly managerId?: string;
  readonly unitId?: string;
  readonly workPosition?: WorkPosition;
}

export const demoPassword = process.env.KAMFLOW_DEMO_PASSWORD ?? 'Kamflow!2026';

export const demoPeople: readonly DemoPerson[] = [
  { userId: 'admin', displayName: '系统管理员', roles: ['ADMINISTRATOR'] },
  { userId: 'dept.north', displayName: '赵部长 (北区大客户部)', roles: ['DEPARTMENT_HEAD'], unitId: 'NORTH' },
  { userId: 'sup.zhou', displayName: '周主管', roles: ['SUPERVISOR'], managerId: 'dept.north', unitId: 'NORTH' },
  { userId: 'km.wang', displayName: '王经理', roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.zhou', unitId: 'NORTH' },
  { userId: 'km.li', displayName: '李经理', roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.zhou', unitId: 'NORTH' },
  { userId: 'dept.south', displayName: '孙部长 (南区大客户部)', roles: ['DEPARTMENT_HEAD'], unitId: 'SOUTH' },
  { userId: 'sup.huang', displayName: '黄主管', roles: ['SUPERVISOR'], managerId: 'dept.south', unitId: 'SOUTH' },
  { userId: 'km.zhang', displayName: '张经理', roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.huang', unitId: 'SOUTH' },
  { userId: 'km.chen', displayName: '陈经理', roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.huang', unitId: 'SOUTH' },
  { userId: 'km.zhao', displayName: '赵经理', roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.huang', unitId: 'SOUTH' },
  { userId: 'km.liu', displayName: '刘经理', roles: ['KEY_ACCOUNT_MANAGER'], managerId: 'sup.huang', unitId: 'SOUTH' },
  { userId: 'ops.net', displayName: '网络资源工位', roles: ['OPERATIONS'], workPosition: 'NETWORK_RESOURCES' },
  { userId: 'sol.sun', displayName: '孙方案经理', roles: ['SOLUTION_MANAGER'] },
];

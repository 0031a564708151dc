/** The at-risk list (超时预警). */
const zh = {
  resources: {
    at_risk: { name: '超时预警' },
  },
  kamflow: {
    at_risk: {
      title: '超时预警',
      nothing_at_risk: '目前没有临近超时或已超时的订单。',
      order: '订单',
      account: '客户',
      stage: '环节',
      state: '状态',
      status: { AT_RISK: '临近超时', BREACHED: '已超时' },
      owner: '责任人',
      account_manager: '客户经理',
      due: '时限',
      time_left: '剩余时间',
      whole_order: '整单',
    },
  },
};

const en: typeof zh = {
  resources: {
    at_risk: { name: 'At risk' },
  },
  kamflow: {
    at_risk: {
      title: 'At risk',
      nothing_at_risk: 'Nothing is at risk or breached right now.',
      order: 'Order',
      account: 'Account',
      stage: 'Stage',
      state: 'Status',
      status: { AT_RISK: 'At risk', BREACHED: 'Breached' },
      owner: 'Owner',
      account_manager: 'Account manager',
      due: 'Due',
      time_left: 'Time left',
      whole_order: 'Whole order',
    },
  },
};

export const atRiskMessages = { zh, en };

/** The escalations page (升级处理). */
const zh = {
  resources: {
    escalations: { name: '升级处理' },
  },
  kamflow: {
    escalations: {
      title: '升级处理',
      no_escalations: '没有升级事项。',
      order: '订单',
      account: '客户',
      stage: '环节',
      whole_order: '整单',
      breached: '超时时间',
      steps: '已通知',
      informed: '抄送',
      ownership: '认领',
      acknowledge: '认领',
      acknowledged: '已认领',
      yours: '由您负责',
      taken_by: '已由 %{user} 认领',
      level: { OWNER: '环节责任人', SUPERVISOR: '主管', DEPARTMENT_HEAD: '部门负责人', GROUP_KEY_ACCOUNT: '集团大客户部' },
    },
  },
};

const en: typeof zh = {
  resources: {
    escalations: { name: 'Escalation |||| Escalations' },
  },
  kamflow: {
    escalations: {
      title: 'Escalations',
      no_escalations: 'No escalations.',
      order: 'Order',
      account: 'Account',
      stage: 'Stage',
      whole_order: 'Whole order',
      breached: 'Breached',
      steps: 'Notified',
      informed: 'informed',
      ownership: 'Ownership',
      acknowledge: 'Take ownership',
      acknowledged: 'You have taken ownership',
      yours: 'Yours',
      taken_by: 'Taken by %{user}',
      level: { OWNER: 'Stage owner', SUPERVISOR: 'Supervisor', DEPARTMENT_HEAD: 'Department head', GROUP_KEY_ACCOUNT: 'Group key accounts' },
    },
  },
};

export const escalationMessages = { zh, en };

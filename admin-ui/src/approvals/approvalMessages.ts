/** The approver's inbox of contracts waiting for a commercial decision. */
const zh = {
  resources: {
    approvals: { name: '审批' },
  },
  kamflow: {
    approvals: {
      title: '审批',
      reason: '审批意见',
      approve: '批准',
      refuse: '拒绝',
      approved: '已批准',
      refused: '已拒绝',
      not_an_approver: '您没有商务审批权限。',
      empty: '没有待审批的合同。',
      account: '客户',
      value: '合同金额',
      discount: '折扣',
      level: '所需授权',
      submitted: '提交',
      decision: '审批',
      levels: { KEY_ACCOUNT_MANAGER: '客户经理', SUPERVISOR: '主管', DEPARTMENT_HEAD: '部门负责人', GROUP_COMMERCIAL: '省/集团' },
    },
  },
};

const en: typeof zh = {
  resources: {
    approvals: { name: 'Approval |||| Approvals' },
  },
  kamflow: {
    approvals: {
      title: 'Approvals',
      reason: 'Reason',
      approve: 'Approve',
      refuse: 'Refuse',
      approved: 'Approved',
      refused: 'Refused',
      not_an_approver: 'You have no commercial approval authority.',
      empty: 'No contracts are waiting for your decision.',
      account: 'Account',
      value: 'Contract value',
      discount: 'Discount',
      level: 'Authority needed',
      submitted: 'Submitted',
      decision: 'Decision',
      levels: { KEY_ACCOUNT_MANAGER: 'Account manager', SUPERVISOR: 'Supervisor', DEPARTMENT_HEAD: 'Department head', GROUP_COMMERCIAL: 'Province / group' },
    },
  },
};

export const approvalMessages = { zh, en };

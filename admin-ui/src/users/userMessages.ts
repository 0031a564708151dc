/** The user administration pages. */
const zh = {
  resources: {
    users: {
      name: '用户',
      fields: {
        id: '用户名',
        username: '用户名',
        displayName: '姓名',
        email: '电子邮箱',
        roles: '角色',
        manager: '上级（用户名）',
        unit: '部门',
        managerId: '上级',
        unitId: '部门',
        status: '状态',
        temporaryPassword: '临时密码',
        enabled: '允许登录',
      },
    },
  },
  kamflow: {
    users: {
      manager_hint: '直属上级的用户名，例如 sup.zhou；留空表示无上级',
      unit_hint: '部门代码，例如 NORTH',
      temporary_password_hint: '交给本人；首次登录时须设置新密码。至少 12 位，含大小写字母、数字和符号。',
      enabled_hint: '关闭后该用户无法登录，已签发的令牌也不再被接受',
      status: { PENDING: '创建中', ACTIVE: '正常', DISABLED: '已停用' },
    },
  },
};

const en: typeof zh = {
  resources: {
    users: {
      name: 'User |||| Users',
      fields: {
        id: 'User name',
        username: 'User name',
        displayName: 'Name',
        email: 'Email',
        roles: 'Roles',
        manager: 'Manager (user name)',
        unit: 'Unit',
        managerId: 'Manager',
        unitId: 'Unit',
        status: 'Status',
        temporaryPassword: 'Temporary password',
        enabled: 'May sign in',
      },
    },
  },
  kamflow: {
    users: {
      manager_hint: "The manager's user name, e.g. sup.zhou; empty for none",
      unit_hint: 'Unit code, e.g. NORTH',
      temporary_password_hint: 'Hand it to the person, who must set a new password at the first sign-in. At least 12 characters with upper- and lower-case letters, a digit and a symbol.',
      enabled_hint: 'When off, the person cannot sign in and tokens already issued are refused',
      status: { PENDING: 'Being created', ACTIVE: 'Active', DISABLED: 'Disabled' },
    },
  },
};

export const userMessages = { zh, en };

/** The product catalogue pages. */
const zh = {
  resources: {
    products: { name: '产品目录' },
  },
  kamflow: {
    catalogue: {
      title: '产品目录',
      product: '产品',
      version: '版本',
      prices: '带宽与标准资费',
      activation: '开通时限（工作日）',
      template: '环节时限模板',
      stage: '环节',
      limit: '时限',
      days: '%{count} 个工作日',
      hours: '%{count} 个工作小时',
      history: '版本记录',
      built_in: '内置初始版本',
      reason: '修改原因',
      working_days: '工作日',
      working_hours: '工作小时',
      edit_hint: '保存后生成新版本；已下单的订单继续使用下单时的版本，无合同的新订单按新模板计时。',
    },
  },
};

const en: typeof zh = {
  resources: {
    products: { name: 'Product |||| Products' },
  },
  kamflow: {
    catalogue: {
      title: 'Product catalogue',
      product: 'Product',
      version: 'Version',
      prices: 'Bandwidths and list prices',
      activation: 'Activation limit (working days)',
      template: 'Stage template',
      stage: 'Stage',
      limit: 'Time limit',
      days: '%{count} working days',
      hours: '%{count} working hours',
      history: 'Versions',
      built_in: 'built-in first version',
      reason: 'Why',
      working_days: 'Working days',
      working_hours: 'Working hours',
      edit_hint: 'Saving makes a new version: orders already placed keep theirs; new orders without a contract are timed by the new template.',
    },
  },
};

export const catalogueMessages = { zh, en };

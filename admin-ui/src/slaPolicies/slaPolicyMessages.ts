/** The SLA policy pages. */
const zh = {
  resources: {
    'sla-policies': {
      name: 'SLA 策略',
      fields: {
        policyId: '策略',
        appliesTo: '适用范围',
        endToEnd: '端到端时限',
        jeopardyThreshold: '预警阈值',
        version: '版本',
        source: '来源',
        calendarId: '工作日历',
        workingHours: '工作时间',
        stageTargets: '环节时限',
      },
    },
  },
  kamflow: {
    sla_policy: {
      source: { CLASS: '合同 SLA 等级', PRODUCT_STANDARD: '产品标准时限' },
      class: '%{slaClass} 级',
      all: '全部',
      days: '%{count} 个工作日',
      hours: '%{count} 个工作小时',
      none: '不限',
      stage: '环节',
      limit: '时限',
      versions: '版本记录',
      current: '当前版本',
      list_separator: '，',
      threshold_hint: '已用时限达到该比例时进入预警。',
      calendar_hint: '订单按 A 端所在省份的工作日历计时；无省份数据时按全国日历。',
      national_or_province: '全国或 A 端省份',
    },
  },
};

const en: typeof zh = {
  resources: {
    'sla-policies': {
      name: 'SLA policy |||| SLA policies',
      fields: {
        policyId: 'Policy',
        appliesTo: 'Applies to',
        endToEnd: 'End-to-end target',
        jeopardyThreshold: 'Jeopardy threshold',
        version: 'Version',
        source: 'Source',
        calendarId: 'Calendar',
        workingHours: 'Working hours',
        stageTargets: 'Stage targets',
      },
    },
  },
  kamflow: {
    sla_policy: {
      source: { CLASS: 'Contract SLA class', PRODUCT_STANDARD: 'Product standard' },
      class: 'Class %{slaClass}',
      all: 'All',
      days: '%{count} working days',
      hours: '%{count} working hours',
      none: 'No limit',
      stage: 'Stage',
      limit: 'Target',
      versions: 'Versions',
      current: 'current',
      list_separator: '; ',
      threshold_hint: 'An order is at risk once it has used this share of its time.',
      calendar_hint: "Orders are timed on the calendar of their A-end's province, or the national calendar where the province has none.",
      national_or_province: 'National or A-end province',
    },
  },
};

export const slaPolicyMessages = { zh, en };

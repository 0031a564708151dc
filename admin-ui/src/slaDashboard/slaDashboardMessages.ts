/** The SLA dashboard (SLA 看板): on-time rates, the CSV report and the SLA alarms. */
const zh = {
  resources: {
    sla: { name: 'SLA 看板' },
  },
  kamflow: {
    sla: {
      state: '状态',
      title: 'SLA 看板',
      from: '开始日期',
      to: '结束日期',
      group_by: '分组',
      grouping: { tier: '客户级别', product: '产品', province: '省份', stage: '环节', position: '工位' },
      attainment_by: { tier: '按客户级别的按时率', product: '按产品的按时率', province: '按省份的按时率', stage: '按环节的按时率', position: '各工位按时率' },
      finished_count: '完成 %{finished} 个环节，其中超时 %{late} 个',
      on_time_rate: '按时率',
      no_data: '所选期间内没有完成的环节。',
      no_due_time: '无时限',
      unspecified: '未填写',
      download_csv: '下载 CSV',
      alarms_title: 'SLA 告警',
      alarms_summary: '共 %{total} 个告警，%{firing} 个正在告警',
      alarm: '告警',
      audience_title: '通知对象',
      since: '状态开始于',
      alarm_state: { OK: '正常', ALARM: '告警', INSUFFICIENT_DATA: '数据不足' },
      audience: { OPERATIONS: '运维', SUPERVISORS: '主管', DEPARTMENT_HEADS: '部门负责人', KEY_ACCOUNT_MANAGERS: '客户经理' },
      alarm_kind: {
        StageOnTime: '环节按时率低于目标',
        SlaBreaches: 'SLA 超时',
        OrdersAtRisk: 'SLA 预警过多',
        CallbackLatency: '开通回调时延 (p90) 过长',
        StageFailed: '开通失败过多',
        anomaly: '开通时长异常',
        composite: '开通闭环不健康',
        other: '其他',
      },
    },
  },
};

const en: typeof zh = {
  resources: {
    sla: { name: 'SLA dashboard' },
  },
  kamflow: {
    sla: {
      state: 'Status',
      title: 'SLA dashboard',
      from: 'From',
      to: 'To',
      group_by: 'Group by',
      grouping: { tier: 'Tier', product: 'Product', province: 'Province', stage: 'Stage', position: 'Work position' },
      attainment_by: { tier: 'On-time rate by tier', product: 'On-time rate by product', province: 'On-time rate by province', stage: 'On-time rate by stage', position: 'On-time rate per work position' },
      finished_count: '%{finished} stages finished, %{late} late',
      on_time_rate: 'On-time rate',
      no_data: 'No stage finished in this period.',
      no_due_time: 'No due time',
      unspecified: 'Not recorded',
      download_csv: 'Download CSV',
      alarms_title: 'SLA alarms',
      alarms_summary: '%{firing} of %{total} alarms firing',
      alarm: 'Alarm',
      audience_title: 'Notifies',
      since: 'Since',
      alarm_state: { OK: 'OK', ALARM: 'Alarm', INSUFFICIENT_DATA: 'Insufficient data' },
      audience: { OPERATIONS: 'Operations', SUPERVISORS: 'Supervisors', DEPARTMENT_HEADS: 'Department heads', KEY_ACCOUNT_MANAGERS: 'Key account managers' },
      alarm_kind: {
        StageOnTime: 'Stage on-time rate below target',
        SlaBreaches: 'SLA breaches',
        OrdersAtRisk: 'Many stages at risk',
        CallbackLatency: 'Slow activation callbacks (p90)',
        StageFailed: 'Activation failures',
        anomaly: 'Unusual activation duration',
        composite: 'Provisioning loop unhealthy',
        other: 'Other',
      },
    },
  },
};

export const slaDashboardMessages = { zh, en };

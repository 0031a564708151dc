/** The fallout queue (异常队列). */
const zh = {
  resources: {
    fallout: { name: '异常队列' },
  },
  kamflow: {
    fallout: {
      title: '异常队列',
      empty: '异常队列为空。',
      failed_at: '失败时间',
      failure_cause: '失败原因',
    },
  },
};

const en: typeof zh = {
  resources: {
    fallout: { name: 'Fallout queue' },
  },
  kamflow: {
    fallout: {
      title: 'Fallout queue',
      empty: 'The fallout queue is empty.',
      failed_at: 'Failed at',
      failure_cause: 'Cause',
    },
  },
};

export const falloutMessages = { zh, en };

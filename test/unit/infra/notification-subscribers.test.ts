/** KAMFLOW_ALARM_<CHANNEL>_<TOPIC> settings: parsed per topic and channel, every mistake named at once. */
import { describe, expect, it } from 'vitest';
import { notificationSubscribersFrom, notifiedTopics, subscriberSettingName } from '../../../infra/notification-subscribers.ts';
import { deploymentSettingsFrom } from '../../../infra/deployment-settings.ts';

const global = 'ap-southeast-1';

describe('notification subscribers from the environment', () => {
  it('reads emails, SMS numbers and HTTPS endpoints per topic, trimming and skipping empty entries', () => {
    const subscribers = notificationSubscribersFrom(
      {
        KAMFLOW_ALARM_EMAILS_OPERATIONS: ' noc@x.example, ops@x.example ,',
        KAMFLOW_ALARM_SMS_OPERATIONS: '+8613800138000',
        KAMFLOW_ALARM_HTTPS_SLA_MANAGERS: 'https://chat.x.example/hooks/sla?room=1',
        KAMFLOW_ALARM_EMAILS_SLA_ESCALATIONS: 'escalations@x.example',
        KAMFLOW_ALARM_EMAILS_SUPERVISORS: '',
        KAMFLOW_REGION: global,
      },
      global,
    );
    expect(subscribers).toEqual({
      OPERATIONS: { emails: ['noc@x.example', 'ops@x.example'], sms: ['+8613800138000'], https: [] },
      SLA_MANAGERS: { emails: [], sms: [], https: ['https://chat.x.example/hooks/sla?room=1'] },
      SLA_ESCALATIONS: { emails: ['escalations@x.example'], sms: [], https: [] },
    });
  });

  it('has nobody subscribed when nothing is set', () => {
    expect(notificationSubscribersFrom({}, global)).toEqual({});
  });

  it('names every wrong variable and value in one error', () => {
    const attempt = () =>
      notificationSubscribersFrom(
        {
          KAMFLOW_ALARM_EMAIL_OPERATIONS: 'noc@x.example',
          KAMFLOW_ALARM_EMAILS_MANAGERS: 'm@x.example',
          KAMFLOW_ALARM_EMAILS_SUPERVISORS: 'zhou.at.x.example',
          KAMFLOW_ALARM_SMS_DEPARTMENT_HEADS: '13800138000',
          KAMFLOW_ALARM_HTTPS_OPERATIONS: 'http://pager.x.example/hook',
        },
        global,
      );
    expect(attempt).toThrow(/KAMFLOW_ALARM_EMAIL_OPERATIONS is not a known setting/);
    expect(attempt).toThrow(/KAMFLOW_ALARM_EMAILS_MANAGERS is not a known setting/);
    expect(attempt).toThrow(/KAMFLOW_ALARM_EMAILS_SUPERVISORS: "zhou.at.x.example" is not an email address/);
    expect(attempt).toThrow(/KAMFLOW_ALARM_SMS_DEPARTMENT_HEADS: "13800138000" is not a phone number in E.164 form/);
    expect(attempt).toThrow(/KAMFLOW_ALARM_HTTPS_OPERATIONS: "http:\/\/pager.x.example\/hook" is not an https:\/\/ URL/);
  });

  it('refuses SMS subscribers in the China regions, where SNS sends no SMS, and accepts email and HTTPS there', () => {
    expect(() => notificationSubscribersFrom({ KAMFLOW_ALARM_SMS_OPERATIONS: '+8613800138000' }, 'cn-northwest-1')).toThrow(/does not send SMS in the China regions \(cn-northwest-1\)/);
    expect(notificationSubscribersFrom({ KAMFLOW_ALARM_EMAILS_OPERATIONS: 'noc@x.example' }, 'cn-north-1')).toEqual({ OPERATIONS: { emails: ['noc@x.example'], sms: [], https: [] } });
  });

  it('knows a variable for every channel of every topic, the alarm audiences, the SLA managers and the escalations', () => {
    expect(notifiedTopics).toEqual(['OPERATIONS', 'SUPERVISORS', 'DEPARTMENT_HEADS', 'KEY_ACCOUNT_MANAGERS', 'SLA_MANAGERS', 'SLA_ESCALATIONS']);
    expect(subscriberSettingName('HTTPS', 'SLA_ESCALATIONS')).toBe('KAMFLOW_ALARM_HTTPS_SLA_ESCALATIONS');
  });

  it('are part of the deployment settings, checked against the deployment region', () => {
    expect(deploymentSettingsFrom({ KAMFLOW_ALARM_EMAILS_OPERATIONS: 'noc@x.example' }).notificationSubscribers).toEqual({ OPERATIONS: { emails: ['noc@x.example'], sms: [], https: [] } });
    expect(() => deploymentSettingsFrom({ KAMFLOW_REGION: 'cn-north-1', KAMFLOW_ALARM_SMS_OPERATIONS: '+8613800138000' })).toThrow(/China regions/);
  });
});

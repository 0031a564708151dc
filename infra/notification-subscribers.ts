/**
 * Who is told, read from the deployment's environment: `KAMFLOW_ALARM_<CHANNEL>_<TOPIC>`, a comma-separated list.
 * - CHANNEL: EMAILS (addresses), SMS (E.164 numbers such as +8613800138000), HTTPS (https:// endpoints, e.g. a chat
 *   or paging webhook; SNS sends them a subscription confirmation first).
 * - TOPIC: an alarm audience (OPERATIONS, SUPERVISORS, DEPARTMENT_HEADS, KEY_ACCOUNT_MANAGERS: the SLA and operator
 *   alarms of that audience), SLA_MANAGERS (the kamflow-sla-managers topic: orders that left the closed loop, lost
 *   order events and escalations) or SLA_ESCALATIONS (the kamflow-sla-escalations topic: every escalation step).
 *
 * A variable of that family that names no known channel or topic is an error, not silently ignored: a typo would
 * otherwise leave a topic without the subscriber someone believes it has. SNS cannot send SMS in the China regions,
 * so SMS subscribers there are refused at synth instead of failing at deploy.
 */
import { z } from 'zod';
import { alarmAudiences } from '../functions/commons/alarm-definitions.ts';

export const notifiedTopics = [...alarmAudiences, 'SLA_MANAGERS', 'SLA_ESCALATIONS'] as const;
export type NotifiedTopic = (typeof notifiedTopics)[number];

export const subscriptionChannels = ['EMAILS', 'SMS', 'HTTPS'] as const;
export type SubscriptionChannel = (typeof subscriptionChannels)[number];

export interface TopicSubscribers {
  readonly emails: readonly string[];
  readonly sms: readonly string[];
  readonly https: readonly string[];
}

/** Only topics with at least one subscriber appear. */
export type NotificationSubscribers = Readonly<Partial<Record<NotifiedTopic, TopicSubscribers>>>;

const settingPrefix = 'KAMFLOW_ALARM_';

const endpointSchemas: Readonly<Record<SubscriptionChannel, z.ZodType<string>>> = {
  EMAILS: z.email({ error: 'is not an email address' }),
  SMS: z.string().regex(/^\+[1-9]\d{6,14}$/, { error: 'is not a phone number in E.164 form (+ country code and number, digits only)' }),
  HTTPS: z.url({ protocol: /^https$/, error: 'is not an https:// URL' }),
};

const channelKeys: Readonly<Record<SubscriptionChannel, keyof TopicSubscribers>> = { EMAILS: 'emails', SMS: 'sms', HTTPS: 'https' };

/** The variable that lists the subscribers of one channel of one topic. */
export function subscriberSettingName(channel: SubscriptionChannel, topic: NotifiedTopic): string {
  return `${settingPrefix}${channel}_${topic}`;
}

function parseSettingName(name: string): { channel: SubscriptionChannel; topic: NotifiedTopic } | undefined {
  for (const channel of subscriptionChannels) {
    for (const topic of notifiedTopics) if (name === subscriberSettingName(channel, topic)) return { channel, topic };
  }
  return undefined;
}

export function isChinaRegion(region: string): boolean {
  return region.startsWith('cn-');
}

/**
 * The subscribers of every topic, or an Error naming every variable and value that is wrong (all at once, so a
 * deployment is not fixed one typo per attempt).
 */
export function notificationSubscribersFrom(environment: Readonly<Record<string, string | undefined>>, region: string): NotificationSubscribers {
  const problems: string[] = [];
  const subscribers: Partial<Record<NotifiedTopic, { emails: string[]; sms: string[]; https: string[] }>> = {};
  for (const [name, value] of Object.entries(environment).sort(([a], [b]) => a.localeCompare(b))) {
    if (!name.startsWith(settingPrefix)) continue;
    const setting = parseSettingName(name);
    if (!setting) {
      problems.push(`${name} is not a known setting: use ${settingPrefix}<${subscriptionChannels.join('|')}>_<${notifiedTopics.join('|')}>`);
      continue;
    }
    const endpoints = (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    if (endpoints.length === 0) continue;
    if (setting.channel === 'SMS' && isChinaRegion(region)) {
      problems.push(`${name}: Amazon SNS does not send SMS in the China regions (${region}); use ${subscriberSettingName('EMAILS', setting.topic)} or ${subscriberSettingName('HTTPS', setting.topic)}`);
      continue;
    }
    for (const endpoint of endpoints) {
      const parsed = endpointSchemas[setting.channel].safeParse(endpoint);
      if (!parsed.success) problems.push(`${name}: "${endpoint}" ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
    }
    const topic = (subscribers[setting.topic] ??= { emails: [], sms: [], https: [] });
    topic[channelKeys[setting.channel]].push(...endpoints);
  }
  if (problems.length > 0) throw new Error(`Notification subscribers:\n- ${problems.join('\n- ')}`);
  return subscribers;
}

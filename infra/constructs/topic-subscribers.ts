/**
 * The deployment's subscribers of one SNS topic (infra/notification-subscribers.ts), as SNS subscriptions. A message SNS
 * cannot deliver to one of them (a mailbox gone, a webhook down past SNS's retries) goes to the topic's dead-letter
 * queue, alarmed like every other, instead of being lost.
 */
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { SubscriptionProtocol } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { TopicSubscribers } from '../notification-subscribers.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';

/** Subscribes them; returns the dead-letter queue of the subscriptions, or nothing when there is no subscriber. */
export function subscribeTopic(topic: Topic, subscribers: TopicSubscribers | undefined): Queue | undefined {
  if (!subscribers || subscribers.emails.length + subscribers.sms.length + subscribers.https.length === 0) return undefined;
  const undelivered = deadLetterQueue(topic, 'UndeliveredNotifications');
  const options = { deadLetterQueue: undelivered };
  for (const email of subscribers.emails) topic.addSubscription(new EmailSubscription(email, options));
  // aws-cdk-lib's SmsSubscription drops the dead-letter queue it is given, so SMS subscriptions are described directly.
  for (const phoneNumber of subscribers.sms) {
    topic.addSubscription({ bind: () => ({ subscriberId: phoneNumber, endpoint: phoneNumber, protocol: SubscriptionProtocol.SMS, deadLetterQueue: undelivered }) });
  }
  for (const url of subscribers.https) topic.addSubscription(new UrlSubscription(url, { ...options, protocol: SubscriptionProtocol.HTTPS }));
  return undelivered;
}

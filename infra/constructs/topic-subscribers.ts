/** The deployment's subscribers of one SNS topic (infra/notification-subscribers.ts), as SNS subscriptions. */
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { SubscriptionProtocol } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SmsSubscription, UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { TopicSubscribers } from '../notification-subscribers.ts';

export function subscribeTopic(topic: ITopic, subscribers: TopicSubscribers | undefined): void {
  if (!subscribers) return;
  for (const email of subscribers.emails) topic.addSubscription(new EmailSubscription(email));
  for (const phoneNumber of subscribers.sms) topic.addSubscription(new SmsSubscription(phoneNumber));
  for (const url of subscribers.https) topic.addSubscription(new UrlSubscription(url, { protocol: SubscriptionProtocol.HTTPS }));
}

import { Topics } from '@vigie/contracts';

/** Where the dead-letter consumer reads. Tests override the provider to use their own group and topic. */
export class DeadLetterConsumerOptions {
  groupId = 'vigie-dlq';
  inputTopic: string = Topics.dlq;
  maxBatchSize = 500;
  lagPollMs = 5000;
  autoStart = true;
}

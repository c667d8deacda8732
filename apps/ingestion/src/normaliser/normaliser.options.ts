import { Topics } from '@vigie/contracts';

/**
 * Where the normaliser reads and writes. The defaults are the platform's;
 * tests override the provider to run on their own group and topics.
 */
export class NormaliserOptions {
  groupId = 'vigie-normaliser';
  inputTopic: string = Topics.raw;
  outputTopic: string = Topics.events;
  deadLetterTopic: string = Topics.dlq;
  /** Most raw messages handled (and published) at once. */
  maxBatchSize = 2000;
  /** Consumer lag poll period for the lag gauge. */
  lagPollMs = 5000;
  /** Subscribe when the application starts. */
  autoStart = true;
}

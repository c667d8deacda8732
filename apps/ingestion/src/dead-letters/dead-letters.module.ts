import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadLetterConsumerOptions } from './dead-letter-consumer.options';
import { DeadLetterConsumer } from './dead-letter.consumer';
import { DeadLetterStore } from './dead-letter.store';

/** Dead letters: siem.dlq.v1 → `vigie_dead_letters`, searchable and countable through DeadLetterStore. */
@Module({
  providers: [
    { provide: DeadLetterConsumerOptions, useValue: new DeadLetterConsumerOptions() },
    { provide: DeadLetterStore, useFactory: (ds: DataSource) => new DeadLetterStore(ds), inject: [DataSource] },
    DeadLetterConsumer,
  ],
  exports: [DeadLetterStore, DeadLetterConsumer, DeadLetterConsumerOptions],
})
export class DeadLettersModule {}

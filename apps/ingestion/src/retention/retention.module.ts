import { Module } from '@nestjs/common';
import { RetentionJob } from './retention.job';

/** Event retention: whole member-days dropped past each member's retention. */
@Module({ providers: [RetentionJob], exports: [RetentionJob] })
export class RetentionModule {}

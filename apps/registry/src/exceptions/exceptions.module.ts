import { Module } from '@nestjs/common';
import { ExceptionsController } from './exceptions.controller';
import { ExceptionsRepository } from './exceptions.repository';
import { ExceptionsService } from './exceptions.service';
import { SigmaFilterSettings } from './sigma-filter.settings';

/** Alert suppression: `/api/v1/exceptions`, and the repository the alert sink matches messages against. */
@Module({
  controllers: [ExceptionsController],
  providers: [ExceptionsRepository, ExceptionsService, SigmaFilterSettings],
  exports: [ExceptionsRepository, SigmaFilterSettings],
})
export class ExceptionsModule {}

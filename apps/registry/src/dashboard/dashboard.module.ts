import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';

/** Overviews for the console's dashboard and audit screens (`/api/v1/dashboard`). */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}

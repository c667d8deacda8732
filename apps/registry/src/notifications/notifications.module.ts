import { Module } from '@nestjs/common';
import { VigieConfig } from '@vigie/config';
import { NotificationChannelsController } from './notification-channels.controller';
import { NotificationChannelsRepository } from './notification-channels.repository';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationDispatcher } from './notification.dispatcher';
import { NOTIFICATION_SETTINGS } from './notification.tokens';
import { NotificationOutbox } from './notification-outbox';
import { notificationSettings } from './notification-settings';

/** Alert notifications: channels (`/api/v1/notification-channels` and settings), the outbox and its dispatcher. */
@Module({
  controllers: [NotificationChannelsController],
  providers: [
    { provide: NOTIFICATION_SETTINGS, useFactory: notificationSettings, inject: [VigieConfig] },
    NotificationChannelsRepository,
    NotificationChannelsService,
    NotificationOutbox,
    NotificationDispatcher,
  ],
  exports: [NotificationOutbox, NotificationDispatcher],
})
export class NotificationsModule {}

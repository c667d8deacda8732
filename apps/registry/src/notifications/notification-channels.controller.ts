import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@vigie/auth';
import { CreateChannelDto, UpdateChannelDto } from './dto/channel.dto';
import { NotificationChannelsService } from './notification-channels.service';

@ApiTags('notifications')
@Controller('api/v1/notification-channels')
export class NotificationChannelsController {
  constructor(private readonly channels: NotificationChannelsService) {}

  @Get()
  @Roles('admin', 'rssi', 'auditor')
  @ApiOperation({ summary: 'Notification channels (webhooks, email), from the API and the settings; secrets masked' })
  list() {
    return this.channels.list();
  }

  @Get(':id')
  @Roles('admin', 'rssi', 'auditor')
  get(@Param('id') id: string) {
    return this.channels.get(id);
  }

  @Post()
  @Roles('admin', 'rssi')
  @ApiOperation({ summary: 'Add a webhook or email channel; a generated webhook secret is shown once' })
  create(@Body() dto: CreateChannelDto) {
    return this.channels.create(dto);
  }

  @Patch(':id')
  @Roles('admin', 'rssi')
  update(@Param('id') id: string, @Body() dto: UpdateChannelDto) {
    return this.channels.update(id, dto);
  }

  @Delete(':id')
  @Roles('admin', 'rssi')
  delete(@Param('id') id: string) {
    return this.channels.delete(id);
  }
}

import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@vigie/auth';
import { CreateExceptionDto, ExceptionQueryDto, UpdateExceptionDto } from './dto/exception.dto';
import { ExceptionsService } from './exceptions.service';

@ApiTags('exceptions')
@Controller('api/v1/exceptions')
export class ExceptionsController {
  constructor(private readonly exceptions: ExceptionsService) {}

  @Get()
  @Roles('admin', 'rssi', 'referent', 'auditor')
  @ApiOperation({ summary: 'Alert exceptions in my scope, with what each suppressed' })
  list(@Query() q: ExceptionQueryDto) {
    return this.exceptions.list(q);
  }

  @Get(':id')
  @Roles('admin', 'rssi', 'referent', 'auditor')
  @ApiOperation({ summary: 'An exception, its suppression counts and the latest suppressed alerts' })
  get(@Param('id') id: string) {
    return this.exceptions.get(id);
  }

  @Post()
  @Roles('admin', 'rssi')
  @ApiOperation({ summary: 'Create an exception (from an alert or not): rule or every rule, scope, reason, expiry' })
  create(@Body() dto: CreateExceptionDto) {
    return this.exceptions.create(dto);
  }

  @Patch(':id')
  @Roles('admin', 'rssi')
  @ApiOperation({ summary: 'Edit an exception (reason, expiry, scope)' })
  update(@Param('id') id: string, @Body() dto: UpdateExceptionDto) {
    return this.exceptions.update(id, dto);
  }

  @Delete(':id')
  @Roles('admin', 'rssi')
  @ApiOperation({ summary: 'Revoke an exception; it stays listed with its counts' })
  revoke(@Param('id') id: string) {
    return this.exceptions.revoke(id);
  }
}

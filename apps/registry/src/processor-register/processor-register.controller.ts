import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { fileResponse } from '../register-exports/register.controller';
import { RegisterService } from '../register-exports/register.service';
import { ProcessorRegisterService } from './processor-register.service';

@ApiTags('processor-register')
@Controller('api/v1/processor-register')
export class ProcessorRegisterController {
  constructor(
    private readonly registers: ProcessorRegisterService,
    private readonly exports: RegisterService,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The consortium’s Art. 30(2) register: one per member in scope, derived live' })
  all() {
    return this.registers.all();
  }

  @Get('export')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Export the Art. 30(2) registers in scope: csv, xlsx, json, pdf' })
  @ApiQuery({ name: 'format', enum: ['csv', 'xlsx', 'json', 'pdf'] })
  async exportAll(@Query('format') format: string) {
    return fileResponse(await this.exports.exportProcessorRegister(undefined, format));
  }

  @Get(':member/export')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Export one member’s Art. 30(2) register: csv, xlsx, json, pdf' })
  @ApiQuery({ name: 'format', enum: ['csv', 'xlsx', 'json', 'pdf'] })
  async exportOne(@Param('member') member: string, @Query('format') format: string) {
    return fileResponse(await this.exports.exportProcessorRegister(member, format));
  }

  @Get(':member')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The Art. 30(2) register for one member (controller)' })
  forMember(@Param('member') member: string) {
    return this.registers.forMember(member);
  }
}

import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { ProcessorRegisterService } from './processor-register.service';

@ApiTags('processor-register')
@Controller('api/v1/processor-register')
export class ProcessorRegisterController {
  constructor(private readonly registers: ProcessorRegisterService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The consortium’s Art. 30(2) register: one per member in scope, derived live' })
  all() {
    return this.registers.all();
  }

  @Get(':member')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The Art. 30(2) register for one member (controller)' })
  forMember(@Param('member') member: string) {
    return this.registers.forMember(member);
  }
}

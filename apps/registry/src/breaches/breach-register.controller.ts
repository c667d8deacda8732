import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { BreachesService } from './breaches.service';

@ApiTags('breaches')
@Controller('api/v1/members/:member/breach-register')
export class BreachRegisterController {
  constructor(private readonly breaches: BreachesService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'The member’s breach register (Art. 33(5)): every breach, notified or not, with the reason',
  })
  register(@Param('member') member: string) {
    return this.breaches.register(member);
  }
}

import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { CreateMemberDto, UpdateMemberDto } from './dto/member.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@Controller('api/v1/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Members in my scope' })
  list() {
    return this.members.list();
  }

  @Get(':member')
  @Roles(...READERS)
  get(@Param('member') code: string) {
    return this.members.get(code);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a member (admin)' })
  create(@Body() dto: CreateMemberDto) {
    return this.members.create(dto);
  }

  @Patch(':member')
  @Roles('admin')
  @ApiOperation({ summary: 'Update a member: name, networks, time zone, retention (admin)' })
  update(@Param('member') code: string, @Body() dto: UpdateMemberDto) {
    return this.members.update(code, dto);
  }
}

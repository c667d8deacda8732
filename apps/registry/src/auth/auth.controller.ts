import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal, Public } from '@vigie/auth';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, RefreshDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: returns a short-lived access token and a refresh token' })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair (the old one stops working)' })
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the access token and the refresh tokens' })
  async logout(@CurrentPrincipal() p: Principal): Promise<void> {
    await this.auth.logout(p);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'Who am I: roles and member scope' })
  me(@CurrentPrincipal() p: Principal) {
    return { id: p.id, username: p.name, roles: p.roles, members: p.members };
  }

  @Post('password')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password (signs out every session)' })
  async changePassword(@CurrentPrincipal() p: Principal, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(p, dto.currentPassword, dto.newPassword);
  }
}

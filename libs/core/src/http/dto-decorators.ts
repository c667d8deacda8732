import { applyDecorators, Type as ClassType } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';

/** An optional list of at most `max` nested objects, each validated as `type` (and documented). */
export function OptionalNestedList(
  type: () => ClassType<unknown>,
  max: number,
  description?: string,
): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: () => [type()], ...(description ? { description } : {}) }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Type(type),
  );
}

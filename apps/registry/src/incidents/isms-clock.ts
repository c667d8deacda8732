import { Injectable } from '@nestjs/common';
import { Clock } from '@vigie/isms';

/** The clock of deadline arithmetic (72 h countdowns, overdue lists); tests freeze it. */
@Injectable()
export class IsmsClock implements Clock {
  now(): Date {
    return new Date();
  }
}

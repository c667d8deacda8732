/** Injection token of the clock event reads use for `now` (date math, default windows, silence). */
export const EVENTS_CLOCK = Symbol('EVENTS_CLOCK');
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

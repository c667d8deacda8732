/** The time source of deadline arithmetic, injectable so tests can freeze it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (tests, reports "as of"). */
export function frozenClock(at: Date | string): Clock {
  const t = new Date(at);
  return { now: () => new Date(t) };
}

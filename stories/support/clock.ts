// A clock a story can move forward, for states that take real time to reach (the long-wait note after 20 s).

let offsetMs = 0;

/**
 * beforeEach: makes `Date.now` answer the real time plus an offset that `advanceClock` moves; the returned cleanup
 * puts the real `Date.now` back when the story is unmounted. Only `Date.now` moves (not timers, `new Date()` or
 * `performance.now()`): the element measures a retrieval's elapsed time with `Date.now` and re-renders every second,
 * so its clock jumps forward while the sandbox and every timer keep their real pace.
 */
export function movableClock(): () => void {
  const realNow = Date.now;
  offsetMs = 0;
  Date.now = () => realNow.call(Date) + offsetMs;
  return () => {
    Date.now = realNow;
    offsetMs = 0;
  };
}

/** Moves `Date.now` forward (only after `movableClock` ran in the story's beforeEach). */
export function advanceClock(ms: number): void {
  offsetMs += ms;
}

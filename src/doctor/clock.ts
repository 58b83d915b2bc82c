// This machine's clock against the portal's Date header: TOTP codes are made from the clock, and
// the service takes a code only within about 30 seconds of its own time.
import { skipped, verdict, type Check } from './check.js';

/** Past this the codes awssso makes from the stored seed start to be refused. */
const FAIL_SECONDS = 30;
/** The Date header has whole seconds; below this a difference is noise. */
const WARN_SECONDS = 5;

export const clock: Check = async (ctx) => {
  if (!ctx.portalClock) return skipped('clock', 'the portal did not answer with a Date header');
  const skew = (ctx.portalClock.local - ctx.portalClock.date) / 1000;
  const abs = Math.abs(skew);
  const says = `this machine's clock is ${abs.toFixed(0)} s ${skew > 0 ? 'ahead of' : 'behind'} the portal's`;
  if (abs >= FAIL_SECONDS) return verdict('clock', 'fail', `${says}: TOTP codes will be refused`, 'synchronise the clock (timedatectl set-ntp true, or your OS settings)');
  if (abs >= WARN_SECONDS) return verdict('clock', 'warn', says, 'synchronise the clock before it drifts further');
  return verdict('clock', 'ok', `within ${WARN_SECONDS} s of the portal's`);
};

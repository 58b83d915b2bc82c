// Times in AWS answers come as epoch seconds or epoch milliseconds, depending on the API.

/** Below this an epoch number is in seconds: 1e12 ms is September 2001, 1e12 s is 33,658 AD. */
const SECONDS_BELOW = 1e12;

/** An epoch number (seconds or milliseconds) as epoch milliseconds. */
export const toEpochMs = (value: number): number => (value < SECONDS_BELOW ? value * 1000 : value);

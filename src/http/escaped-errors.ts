// On Node 24.20 and later, got 14 lets a refused connection escape as a plain Error with code
// ERR_SOCKET_CLOSED_BEFORE_CONNECTION, past its hooks and retries (got issue 2469, fixed in got 16,
// which needs Node 22). Where such an error can reach the person, it is read as what it is.
import { Unreachable } from '../errors.js';

export function escapedConnectionError(error: unknown): Unreachable | undefined {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ERR_SOCKET_CLOSED_BEFORE_CONNECTION') return undefined;
  return new Unreachable('cannot reach the server: the connection closed before it was established (refused, or nothing listens there)');
}

// The firewall's block page (docs/protocol.md §2 firewall): HTML where JSON was expected.
import { page } from './layout.js';

export function blockPage(): string {
  return page('403 Forbidden', '<h1>403 ERROR</h1><p data-testid="waf-block">The request could not be satisfied. ' +
    'Request blocked by the firewall.</p>');
}

// Account and role for a profile: given by flags (checked against what the portal assigns), or
// picked by the person from the portal's lists, as the Python awssso's pickers did.
import type { Asker, Progress } from './ports.js';
import type { PortalAccess } from './portal-access.js';
import { ConfigError } from '../errors.js';

export interface RoleChoice {
  accountId: string;
  roleName: string;
}

export async function chooseRole(
  access: PortalAccess,
  ui: { asker: Asker; progress: Progress },
  given: Partial<RoleChoice>,
): Promise<RoleChoice> {
  ui.progress.step('Listing your accounts');
  const accounts = await access.call((portal) => portal.listAccounts());
  const accountLabel = (a: { accountId: string; accountName: string }) => `${a.accountId} (${a.accountName})`;
  const accountId = await pick(ui, 'AWS Account', 'account-id', given.accountId,
    accounts.map((a) => ({ name: accountLabel(a), value: a.accountId })));

  ui.progress.step(`Listing your roles in ${accountId}`);
  const roles = await access.call((portal) => portal.listRoles(accountId));
  const roleName = await pick(ui, 'Role', 'role-name', given.roleName,
    roles.map((r) => ({ name: r.roleName, value: r.roleName })));
  return { accountId, roleName };
}

async function pick(
  ui: { asker: Asker; progress: Progress },
  question: string,
  flag: string,
  given: string | undefined,
  choices: { name: string; value: string }[],
): Promise<string> {
  const offered = choices.map((c) => c.name).join(', ') || 'none';
  if (given !== undefined) {
    if (choices.some((c) => c.value === given)) return given;
    throw new ConfigError(`--${flag} ${given} is not assigned to you; yours: ${offered}`);
  }
  if (choices.length === 0) throw new ConfigError(`IAM Identity Center assigns you no ${question.toLowerCase()} here`);
  if (!ui.asker.canAsk) throw new ConfigError(`missing --${flag} (no terminal to ask); choose one of: ${offered}`);
  return ui.progress.around(() => ui.asker.choose(question, choices));
}

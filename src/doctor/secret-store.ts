// Which secret store answers and why: the OS keyring (probed as awssso probes it), or the
// encrypted file when AWSSSO_SECRET_STORE=file says so or no keyring answers.
import { ConfigError } from '../errors.js';
import { openSecretStore } from '../store/secrets.js';
import { secretsFile } from '../store/paths.js';
import { verdict, type Check } from './check.js';

const quiet = () => undefined;

export const secretStore: Check = async (ctx) => {
  const forced = ctx.env.AWSSSO_SECRET_STORE;
  const file = secretsFile(ctx.env);
  const open = (kind: 'file' | 'keyring') => openSecretStore({ warn: quiet, env: { ...ctx.env, AWSSSO_SECRET_STORE: kind } });
  if (forced && forced !== 'file' && forced !== 'keyring') {
    return verdict('secrets', 'fail', `AWSSSO_SECRET_STORE is "${forced}"`, 'set it to keyring or file, or unset it');
  }
  if (forced === 'file') {
    ctx.secrets = await open('file');
    return verdict('secrets', 'ok', `encrypted file ${file} (AWSSSO_SECRET_STORE=file)`);
  }
  try {
    ctx.secrets = await open('keyring');
    return verdict('secrets', 'ok', 'OS keyring, service "awssso" (it kept and returned a probe value)');
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const why = err.message.replace(/^.*no keyring answered: /, '');
    if (forced === 'keyring') return verdict('secrets', 'fail', `no OS keyring answered (${why}) and AWSSSO_SECRET_STORE=keyring`, 'start a Secret Service (gnome-keyring) in this session');
    ctx.secrets = await open('file');
    return verdict('secrets', 'fail', `no OS keyring answered (${why}); secrets go to the encrypted file ${file}`,
      'start a Secret Service (gnome-keyring) in this session, or set AWSSSO_SECRET_STORE=file to choose the file');
  }
};

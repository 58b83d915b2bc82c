// The environment chromedriver and Chrome start with (Chrome inherits chromedriver's): what a
// browser needs to find its libraries, display, fonts, locale, temp space and proxy, and nothing
// else. awssso's own environment holds secrets (AWSSSO_PASSWORD, AWSSSO_FILE_PASSPHRASE, AWS_*
// credentials) that a browser, its crash reports and its child processes have no business with.

/** Names kept as they are; Windows spells them in any case. */
const KEPT = new Set([
  'PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LANGUAGE', 'TZ', 'TMPDIR', 'TMP', 'TEMP',
  // the display, the session bus (accessibility, notifications) and fonts
  'DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY', 'DBUS_SESSION_BUS_ADDRESS', 'FONTCONFIG_FILE', 'FONTCONFIG_PATH',
  'LD_LIBRARY_PATH', 'CHROME_DEVEL_SANDBOX',
  // Chrome on Linux without a desktop takes its proxy from these
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY',
  // Windows: where the system, programs and the user's profile are
  'SYSTEMROOT', 'WINDIR', 'SYSTEMDRIVE', 'COMSPEC', 'PATHEXT', 'PROGRAMFILES', 'PROGRAMFILES(X86)', 'PROGRAMW6432',
  'PROGRAMDATA', 'LOCALAPPDATA', 'APPDATA', 'USERPROFILE', 'USERNAME', 'HOMEDRIVE', 'HOMEPATH', 'COMPUTERNAME',
  'NUMBER_OF_PROCESSORS', 'PROCESSOR_ARCHITECTURE', 'OS',
  // macOS: the text encoding of the user's session
  '__CF_USER_TEXT_ENCODING',
]);

/** Families kept whole: locale settings and the XDG base directories (profile, cache, runtime). */
const KEPT_PREFIX = /^(LC_|XDG_)/i;

/** The variables of `env` a browser may see. */
export function browserEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((pair): pair is [string, string] =>
    pair[1] !== undefined && (KEPT.has(pair[0].toUpperCase()) || KEPT_PREFIX.test(pair[0]))));
}

// What awssso adds to @oclif/plugin-autocomplete's shell functions (commands and flags): profile
// names after -p/--profile, read from the awssso config's section headers by the shell itself
// (sed), so a TAB starts no node process.

const PROFILES_SED = `sed -n 's/^[[:space:]]*\\[\\([^]]*\\)\\].*/\\1/p' "\${AWSSSO_CONFIG_DIR:-$HOME/.awssso}/config" 2>/dev/null`;

const BASH = `
_awssso_with_profiles()
{
  local prev="\${COMP_WORDS[COMP_CWORD-1]}" IFS=$'\\n'
  if [[ "$prev" == "-p" || "$prev" == "--profile" ]]; then
    COMPREPLY=( $(compgen -W "$(${PROFILES_SED})" -- "\${COMP_WORDS[COMP_CWORD]}") )
    return 0
  fi
  _awssso_autocomplete
}
complete -F _awssso_with_profiles awssso
`;

const ZSH = `
_awssso_with_profiles() {
  if [[ \${words[CURRENT-1]} == (-p|--profile) ]]; then
    compadd -- \${(f)"$(${PROFILES_SED})"}
  else
    _awssso "$@"
  fi
}
compdef _awssso_with_profiles awssso
`;

export const COMPLETION_SHELLS = ['bash', 'zsh', 'powershell'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** The plugin's function for `shell`, with profile completion added where awssso has it. */
export function withProfileCompletion(shell: CompletionShell, pluginFunction: string): string {
  if (shell === 'bash') return pluginFunction + BASH;
  if (shell === 'zsh') return pluginFunction.replace(/^_awssso\s*$/m, '') + ZSH;
  return pluginFunction;
}

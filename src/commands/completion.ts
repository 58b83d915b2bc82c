import { Args } from '@oclif/core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AwsssoCommand } from '../cli/base-command.js';
import { COMPLETION_SHELLS, withProfileCompletion, type CompletionShell } from '../cli/completion-scripts.js';

const FUNCTION_FILE: Record<CompletionShell, string> = { bash: 'bash/awssso.bash', zsh: 'zsh/_awssso', powershell: 'powershell/awssso.ps1' };

export default class Completion extends AwsssoCommand {
  static override summary = 'Print a shell completion script: commands, flags and profile names';
  static override description = [
    'Prints the completion function of @oclif/plugin-autocomplete (commands and flags) with, for bash',
    'and zsh, the names of your awssso profiles after -p. Load it from your shell\'s start-up file.',
  ].join(' ');

  static override examples = [
    'echo \'eval "$(<%= config.bin %> completion bash)"\' >> ~/.bashrc',
    'echo \'eval "$(<%= config.bin %> completion zsh)"\' >> ~/.zshrc   # after compinit',
    '<%= config.bin %> completion powershell | Out-String | Invoke-Expression',
  ];

  static override args = { shell: Args.string({ description: 'the shell', options: [...COMPLETION_SHELLS], required: true }) };

  async run(): Promise<void> {
    const { args } = await this.parse(Completion);
    const shell = args.shell as CompletionShell;
    // The plugin writes its functions to its cache directory; they are read back from there.
    await this.config.runCommand('autocomplete:create');
    const made = await readFile(join(this.config.cacheDir, 'autocomplete', 'functions', FUNCTION_FILE[shell]), 'utf8');
    process.stdout.write(withProfileCompletion(shell, made));
  }
}

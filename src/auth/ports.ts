// What src/auth needs from the person's terminal, declared here where it is used; src/cli
// implements it (prompts on stderr, a spinner) and tests script it.

export interface Choice<T> { name: string; value: T }

/** Questions to the person; with no one to ask, every question is an error that says what to run. */
export interface Asker {
  readonly canAsk: boolean;
  text(message: string, defaultValue?: string): Promise<string>;
  secret(message: string, opts?: { optional?: boolean }): Promise<string>;
  choose<T>(message: string, choices: Choice<T>[]): Promise<T>;
}

/** Progress of slow steps, on stderr. */
export interface Progress {
  step(message: string): void;
  done(): void;
  /** Stops the spinner while a question is asked, then resumes it. */
  around<T>(fn: () => Promise<T>): Promise<T>;
}

// The questions as the page-state loop asks them: a page that re-renders before its submit went
// through (new fields, or a value lost) is answered again with what was already given, never with
// a second question. The password is asked once a sign-in; a code is kept until it was submitted,
// so that the next code page (after a refused code) gets a fresh one.
import type { MfaType, SignInQuestions } from '../contract.js';

export interface Answers {
  questions: SignInQuestions;
  /** a page's submit went through: the code it carried is spent */
  submitted(): void;
}

function once(ask: () => Promise<string>): () => Promise<string> {
  let answer: Promise<string> | undefined;
  return () => {
    answer ??= ask();
    // a failed question (no one to ask) may be asked again
    answer.catch(() => { answer = undefined; });
    return answer;
  };
}

export function answersFor(questions: SignInQuestions): Answers {
  let code: { type: MfaType; value: Promise<string> } | undefined;
  const newPassword = questions.newPassword;
  return {
    questions: {
      username: questions.username,
      codesFromPerson: questions.codesFromPerson,
      password: once(() => questions.password()),
      ...(newPassword ? { newPassword: once(() => newPassword()) } : {}),
      mfaCode: (type) => {
        if (code?.type !== type) code = { type, value: questions.mfaCode(type) };
        const asked = code;
        asked.value.catch(() => { if (code === asked) code = undefined; });
        return asked.value;
      },
    },
    submitted: () => { code = undefined; },
  };
}

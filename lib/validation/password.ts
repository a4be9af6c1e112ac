// Password rules, shown to the person as they type and enforced by the same schema on the
// server. Length matters most (NIST SP 800-63B); the rest stops the most common weak choices.

export interface PasswordRule {
  id: string;
  label: string;
  test: (password: string) => boolean;
}

const COMMON = ["password", "123456", "qwerty", "letmein", "welcome", "admin", "iloveyou", "prework"];

export const PASSWORD_RULES: PasswordRule[] = [
  { id: "length", label: "At least 12 characters", test: (p) => [...p].length >= 12 },
  { id: "mix", label: "Letters and at least one number or symbol", test: (p) => /\p{L}/u.test(p) && /[^\p{L}\s]/u.test(p) },
  {
    id: "common",
    label: "Not a common password or one repeated character",
    test: (p) => p.length > 0 && !/^(.)\1*$/u.test(p) && !COMMON.some((c) => p.toLowerCase().includes(c)),
  },
];

// Password hashing, and the rules a new password must meet wherever one is set.
import { createRequire } from 'node:module';
import { hash, verify } from '@node-rs/argon2';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes).
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the email is unknown, so both cases take the same time. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that never matches');
  return decoyHash;
}

const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn's 3: about 10^8 guesses or more, "safely unguessable" against an online attack. */
const MIN_PASSWORD_SCORE = 3;

// Loaded on first use, not imported: reading and ranking the dictionaries takes about a quarter of
// a second, which most processes (the CLI's search commands, most test files) never need to pay.
// They are required rather than imported so that checking a password stays synchronous, as
// reading the configuration is.
let estimator: ZxcvbnFactory | undefined;
function strengthEstimator(): ZxcvbnFactory {
  if (!estimator) {
    const require = createRequire(import.meta.url);
    const core = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common =
      require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    const english = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
    estimator = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    });
  }
  return estimator;
}

/** What a guesser would try first for this account: its email, the pieces of it, the product. */
function personalWords(email: string): string[] {
  const address = email.toLowerCase();
  const [local = ''] = address.split('@');
  const pieces = address.split(/[^\p{L}\p{N}]+/u).filter((piece) => piece.length >= 3);
  return [...new Set([address, local, ...pieces, 'asked'])];
}

/** Why a password may not be used: a short message for its field and a sentence of advice. */
export interface PasswordWeakness {
  message: string;
  detail: string;
}

/** Null when the password is long enough and hard enough to guess for the account with the email. */
export function passwordWeakness(password: string, email: string): PasswordWeakness | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return {
      message: `must have at least ${MIN_PASSWORD_LENGTH} characters`,
      detail: `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
    };
  }
  const { score, feedback } = strengthEstimator().check(password, personalWords(email));
  if (score >= MIN_PASSWORD_SCORE) return null;
  const advice = [feedback.warning, ...feedback.suggestions].filter(Boolean);
  if (advice.length === 0) advice.push('Add another word or two that are less common.');
  return {
    message: 'is too easy to guess',
    detail: `The password is too easy to guess. ${advice.join(' ')}`,
  };
}

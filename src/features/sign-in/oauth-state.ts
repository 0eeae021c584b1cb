import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a sign-in link carries: who asked, where to confirm, a one-time nonce, and when it stops working. */
export interface SignInState {
  personId: string;
  nonce: string;
  expiresAt: number;
}

/** Remembers used nonces so that a state works once, on whichever instance the callback lands. */
export interface NonceLedger {
  /** Records the nonce; false when it was already used. Nonces expired at `now` may be forgotten. */
  useOnce(nonce: string, expiresAt: number, now: Date): Promise<boolean>;
}

export type StateCheck =
  { ok: true; state: SignInState } | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'replayed' };

/** Signed (HMAC-SHA256), person-bound, expiring sign-in state. The signature keeps anyone from minting one. */
export class OAuthStateSigner {
  constructor(
    private readonly key: Buffer,
    private readonly ttlMs: number,
  ) {}

  create(personId: string, now: Date): string {
    const state: SignInState = {
      personId,
      nonce: randomBytes(16).toString('base64url'),
      expiresAt: now.getTime() + this.ttlMs,
    };
    const payload = Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** Verifies signature and expiry without using the nonce up (the start redirect may be reloaded). */
  peek(value: string, now: Date): StateCheck {
    const [payload, signature, extra] = value.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(payload), 'base64url');
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: 'forged' };
    let state: SignInState;
    try {
      state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SignInState;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (
      typeof state.personId !== 'string' ||
      typeof state.nonce !== 'string' ||
      typeof state.expiresAt !== 'number'
    ) {
      return { ok: false, reason: 'malformed' };
    }
    if (state.expiresAt <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, state };
  }

  /** peek + single use. */
  async consume(value: string, now: Date, ledger: NonceLedger): Promise<StateCheck> {
    const check = this.peek(value, now);
    if (!check.ok) return check;
    return (await ledger.useOnce(check.state.nonce, check.state.expiresAt, now))
      ? check
      : { ok: false, reason: 'replayed' };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

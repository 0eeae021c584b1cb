/**
 * Whose token lists recordings, as the Webex API sees it: the credential types every feature that reads recordings
 * shares (recordings, digests, notifications), and the access policy commands consult. Sign-in implements them;
 * the features depend on this file, not on each other (issue 12: dependencies point from features to infrastructure).
 */
import { isEmailAddress } from '../core/email.js';

/** Who is asking: recordings are always listed on behalf of one person. */
export interface Asker {
  personId: string;
  email: string;
}

/**
 * A validated, non-empty email address. The only way to make one is `HostEmail.parse`, and an org-token credential
 * cannot be built without one: `GET /recordings` with the org token and no `hostEmail` lists the token owner's
 * recordings (passwords included), so that call is impossible by construction.
 */
export class HostEmail {
  private constructor(readonly value: string) {}

  static parse(raw: string | undefined): HostEmail | undefined {
    const v = raw?.trim() ?? '';
    return isEmailAddress(v) ? new HostEmail(v) : undefined;
  }
}

/** The credential a listing is made with, and what it implies for the request. */
export type RecordingsAccess =
  | {
      /** The person's own sign-in: recordings they host and ones shared with them. */
      mode: 'user';
      token: string;
      /** A fresh token after Webex answered 401 (expired or revoked); undefined when none can be had. */
      refresh?: () => Promise<string | undefined>;
    }
  | {
      /** The org token, always limited to one host. */
      mode: 'admin';
      token: string;
      host: HostEmail;
      refresh?: () => Promise<string | undefined>;
    };

/** The org token would be used, but the asker has no (valid) email to limit it to. */
export class NoAskerEmailError extends Error {
  constructor() {
    super("the asker has no email address, so the org token can't be limited to their recordings");
    this.name = 'NoAskerEmailError';
  }
}

/** The org-token credential for an asker: throws NoAskerEmailError instead of ever listing without a host. */
export function orgTokenAccess(
  token: string,
  asker: Asker,
  refresh?: () => Promise<string | undefined>,
): RecordingsAccess {
  const host = HostEmail.parse(asker.email);
  if (!host) throw new NoAskerEmailError();
  return refresh ? { mode: 'admin', token, host, refresh } : { mode: 'admin', token, host };
}

/**
 * Where recordings credentials come from. The org admin token is one implementation; per-user sign-in slots in here
 * without the command or the service changing. undefined means "nothing can list recordings for this person".
 */
export interface RecordingsCredentials {
  /** `otherHost`: the question is about someone else's recordings, which only the org token may list. */
  forAsker(asker: Asker, need?: { otherHost?: boolean }): Promise<RecordingsAccess | undefined>;
  /**
   * The org token for org-level calls that are not listings (registering org webhooks, one recording by id with
   * its host). Listing goes through `forAsker`, which limits the org token to one host by construction.
   */
  orgToken(): Promise<{ token: string; refresh?: () => Promise<string | undefined> } | undefined>;
}

export class NoRecordingsAccessError extends Error {
  constructor() {
    super('no credential can list recordings for this person');
    this.name = 'NoRecordingsAccessError';
  }
}

/** What a command needs to know about access, without knowing how sign-in works (sign-in implements it). */
export interface AccessPolicy {
  signInEnabled: boolean;
  /** Posts the sign-in card into the person's 1:1 space with the bot (never into a group). */
  offerSignIn(personId: string, reason: string): Promise<void>;
  isBotAdmin(email: string): boolean;
}

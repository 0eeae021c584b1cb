/** What someone outside ALLOWED_EMAIL_DOMAINS hears, whichever way their event arrives. */
export const OUTSIDER_REFUSAL =
  "Sorry, I can only help people in this organisation's allowed email domains, so I can't answer you.";

export function emailDomainFilter(domains: string[]): ((email: string) => boolean) | undefined {
  if (domains.length === 0) return undefined;
  const allowed = new Set(domains.map((d) => d.toLowerCase()));
  return (email) => allowed.has(email.toLowerCase().split('@').pop() ?? '');
}

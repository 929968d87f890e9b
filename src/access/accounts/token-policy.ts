/** How long an API token may live (configuration auth.apiTokenMaxDays). */
export interface TokenPolicy {
  maxDays: number;
}

export const DEFAULT_TOKEN_POLICY: TokenPolicy = { maxDays: 90 };

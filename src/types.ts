// The values that travel between src/auth, src/http, src/browser, src/store and src/output.

/** A signed-in portal session: the token the portal API takes in `x-amz-sso_bearer_token`. */
export interface PortalSession {
  token: string;
  /** epoch milliseconds */
  expiresAt: number;
}

/** Short-lived role credentials as GetRoleCredentials returns them. */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** epoch milliseconds */
  expiration: number;
}

/** One section of ~/.awssso/config after migration and defaults. */
export interface AwsssoProfile {
  name: string;
  url: string;
  region: string;
  username: string;
  awsProfile?: string;
  accountId?: string;
  roleName?: string;
  /** Legacy (Python awssso) keys, read until migrated to accountId/roleName. */
  instanceId?: string;
  profileId?: string;
}

export interface Account {
  accountId: string;
  accountName: string;
  emailAddress?: string;
}

export interface Role {
  roleName: string;
  accountId: string;
}
